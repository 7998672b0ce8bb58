-- t2025tui schema version 3: keeping the plan itself (issue 11).
--
-- Programme settings (marking, default tolerance, the user's name), key messages as an ordered
-- list, board decisions with their owner, due date and outcome, a stable ref for every
-- milestone, and who made each change batch.
--
-- ALTER TABLE cannot be repeated, so unlike 002 this script is not safe to run twice; a second
-- process that finds the file migrated under it is handled in migrations.apply_migration.

-- Programme settings ---------------------------------------------------------------------
ALTER TABLE programme ADD COLUMN default_tolerance_days INTEGER NOT NULL DEFAULT 14
    CHECK (default_tolerance_days BETWEEN 0 AND 3650);
-- Printed on the pack and the reports; the embedded report is marked OFFICIAL.
ALTER TABLE programme ADD COLUMN marking TEXT NOT NULL DEFAULT 'OFFICIAL';
-- The name the change log records as who made a change (blank: T2025_USER, else the login name).
ALTER TABLE programme ADD COLUMN user_name TEXT NOT NULL DEFAULT '';

-- Key messages: one row each, in the order the pack prints them. The old single text field
-- held one message a line.
CREATE TABLE key_message (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL CHECK (trim(text) <> ''),
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

WITH RECURSIVE split(rest, line, n) AS (
    SELECT replace(key_messages, char(13), '') || char(10), NULL, 0 FROM programme WHERE id = 1
    UNION ALL
    SELECT substr(rest, instr(rest, char(10)) + 1), substr(rest, 1, instr(rest, char(10)) - 1), n + 1
    FROM split WHERE rest <> ''
)
INSERT INTO key_message (position, text)
SELECT row_number() OVER (ORDER BY n), trim(line) FROM split
WHERE line IS NOT NULL AND trim(line) <> '';

ALTER TABLE programme DROP COLUMN key_messages;

-- Decisions ------------------------------------------------------------------------------
-- Rebuilt (a CHECK cannot be altered): the old text becomes the title, the old status the
-- outcome, with Pending becoming no outcome yet. Nothing references decision, so dropping the
-- old table cascades nowhere. A meeting with decisions can no longer be deleted under them.
CREATE TABLE decision_v3 (
    id INTEGER PRIMARY KEY,
    board_meeting_id INTEGER REFERENCES board_meeting(id) ON DELETE RESTRICT,
    title TEXT NOT NULL,
    ask TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('Agreed', 'Deferred', 'Rejected', 'Noted')),
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

INSERT INTO decision_v3 (id, board_meeting_id, title, outcome, notes, position, version)
SELECT id, board_meeting_id, text, CASE WHEN status = 'Pending' THEN NULL ELSE status END, notes,
       row_number() OVER (PARTITION BY board_meeting_id ORDER BY id), version
FROM decision;

DROP TABLE decision;
ALTER TABLE decision_v3 RENAME TO decision;
CREATE INDEX decision_meeting ON decision(board_meeting_id);

-- Milestone refs -------------------------------------------------------------------------
-- `<workstream code>-M<nn>`, numbered in the order the milestones were made. A ref never
-- changes when the milestone is renamed or moved, or when its workstream's code changes.
ALTER TABLE milestone ADD COLUMN ref TEXT;

UPDATE milestone SET ref = numbered.ref
FROM (
    SELECT m.id, w.code || '-M' || printf('%02d', ROW_NUMBER() OVER (PARTITION BY m.workstream_id ORDER BY m.id)) AS ref
    FROM milestone m JOIN workstream w ON w.id = m.workstream_id
) AS numbered
WHERE numbered.id = milestone.id;

CREATE UNIQUE INDEX milestone_ref ON milestone(ref);

-- A milestone written without a ref (an import, an older dump) is given the next free one of
-- its workstream's code, so every milestone has one however it was made.
-- The range on ref (every ref starting `<code>-M` sorts between `<code>-M` and `<code>-N`) is a
-- seek on milestone_ref, so the trigger reads one workstream's refs, not every milestone.
CREATE TRIGGER milestone_ref_given AFTER INSERT ON milestone
WHEN NEW.ref IS NULL
BEGIN
    UPDATE milestone SET ref = (
        SELECT w.code || '-M' || printf('%02d', 1 + COALESCE((
            SELECT MAX(CAST(substr(m.ref, length(w.code) + 3) AS INTEGER)) FROM milestone m
            WHERE m.ref > w.code || '-M' AND m.ref < w.code || '-N'
              AND substr(m.ref, length(w.code) + 3) NOT GLOB '*[^0-9]*'), 0))
        FROM workstream w WHERE w.id = NEW.workstream_id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER milestone_ref_kept BEFORE UPDATE OF ref ON milestone
WHEN NEW.ref IS NULL OR trim(NEW.ref) = ''
BEGIN SELECT RAISE(ABORT, 'a milestone ref cannot be blank'); END;

-- Who made each change -------------------------------------------------------------------
-- The batches are append-only; their guard is lifted only while the existing rows are given a
-- who: the seed's source for the seed, else unknown.
ALTER TABLE change_batch ADD COLUMN who TEXT NOT NULL DEFAULT '';
DROP TRIGGER change_batch_no_update;
UPDATE change_batch SET who = CASE WHEN action = 'seed' AND reason <> '' THEN reason ELSE 'unknown' END;
CREATE TRIGGER change_batch_no_update BEFORE UPDATE ON change_batch
BEGIN SELECT RAISE(ABORT, 'change_batch is append-only'); END;

-- The programme's today -------------------------------------------------------------------
-- "Follow today" means the laptop's own date, as Python's date.today() gives it; SQLite's
-- date('now') is the date in UTC, a day out around midnight in British Summer Time.
DROP VIEW status_date;
CREATE VIEW status_date AS
SELECT COALESCE((SELECT status_date FROM programme WHERE id = 1), date('now', 'localtime')) AS today;
