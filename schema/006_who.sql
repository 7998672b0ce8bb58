-- t2025tui schema version 6: undo by name stays fast on a large history (issue 19).
--
-- `t2025 undo` (yours by default) and `t2025 undo --redo` look for the latest change batch
-- recorded under one name. Without an index SQLite walks the undo stack from the newest batch
-- back, reading each batch's row, until it meets one of that person's: on a file where someone
-- else made the last 100,000 changes that is every row. An index on who finds the newest batch of
-- one name straight away (every index ends with the rowid, here the batch id, so the newest is
-- the last entry of that name), and (who, action) their latest undo for redo.
--
-- Indexes only: no record changes. Written so that running it twice is harmless.

CREATE INDEX IF NOT EXISTS change_batch_who ON change_batch(who);
CREATE INDEX IF NOT EXISTS change_batch_who_action ON change_batch(who, action);
