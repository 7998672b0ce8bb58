-- Full-text search (t2025 find, the app's search): one FTS5 index per searched table, with the
-- triggers that keep it right. sqlite-utils writes them, so they are made by this migration's
-- Python step (t2025tui/core/search_index.py, run in this same transaction), not here.
SELECT 1;
