-- t2025tui schema version 4: the Audit Committee report's own words (issue 17).
--
-- The report states facts the records do not hold: its purpose, the background, communication
-- and engagement, the implications, the narrative of each workstream's update. Each is one
-- editable multi-line text, written through the report-text service (one logged edit each), so
-- it is in the change log, rebuilt "as at" a date like every record, dumped and undoable.
-- A section is programme-wide (workstream_id NULL) or belongs to one workstream ('workstream').
-- Which sections exist is t2025tui/core/report/sections.py's list, checked by the model, so a
-- new section needs no migration.
--
-- Written so that running it twice is harmless (IF NOT EXISTS throughout).

CREATE TABLE IF NOT EXISTS report_text (
    id INTEGER PRIMARY KEY,
    section TEXT NOT NULL,
    -- Notes are the precedent: a workstream's words go with the workstream.
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE CASCADE,
    body TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    CHECK ((section = 'workstream') = (workstream_id IS NOT NULL))
) STRICT;

-- One text per section (and per workstream for workstream updates).
CREATE UNIQUE INDEX IF NOT EXISTS report_text_section
    ON report_text(section, COALESCE(workstream_id, 0));
