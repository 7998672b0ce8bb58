-- t2025tui schema version 5: the governance logs (issue 16).
--
-- PRINCE2 / MSP keep these beside the risk register: an issue log (a risk that has happened, or
-- a problem now), an action log, dependencies between milestones and a lessons log. Board
-- decisions are migration 003's `decision` table.
--
-- Links to a workstream, risk, issue, decision or meeting are set to none when that record is
-- removed (as a risk's workstream is), so removing one never takes a log entry with it. A
-- dependency means nothing without both milestones, so it goes with either (as baseline
-- history goes with its milestone).
--
-- Written so that running it twice is harmless (IF NOT EXISTS throughout).

CREATE TABLE IF NOT EXISTS issue (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (trim(title) <> ''),
    description TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    -- None: not yet prioritised (the report gives its issues no priority).
    priority TEXT CHECK (priority IS NULL OR priority IN ('High', 'Medium', 'Low')),
    status TEXT NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'Closed')),
    raised_date TEXT CHECK (raised_date IS NULL OR date(raised_date) IS raised_date),
    closed_date TEXT CHECK (closed_date IS NULL OR date(closed_date) IS closed_date),
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE SET NULL,
    -- The risk this issue was when it had not yet happened; the risk and its history stay.
    risk_id INTEGER REFERENCES risk(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX IF NOT EXISTS issue_workstream ON issue(workstream_id);

CREATE TABLE IF NOT EXISTS action (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (trim(title) <> ''),
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT CHECK (due_date IS NULL OR date(due_date) IS due_date),
    status TEXT NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'Done', 'Dropped')),
    -- Why it was done or dropped: a dropped action without a reason is refused by the service.
    status_reason TEXT NOT NULL DEFAULT '',
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE SET NULL,
    risk_id INTEGER REFERENCES risk(id) ON DELETE SET NULL,
    issue_id INTEGER REFERENCES issue(id) ON DELETE SET NULL,
    decision_id INTEGER REFERENCES decision(id) ON DELETE SET NULL,
    -- The board meeting it was raised at (none: a stand-up or elsewhere).
    board_meeting_id INTEGER REFERENCES board_meeting(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX IF NOT EXISTS action_workstream ON action(workstream_id);
CREATE INDEX IF NOT EXISTS action_due ON action(status, due_date);

-- `milestone_id` needs `needs_milestone_id` done first; either may be in any workstream.
CREATE TABLE IF NOT EXISTS milestone_dependency (
    id INTEGER PRIMARY KEY,
    milestone_id INTEGER NOT NULL REFERENCES milestone(id) ON DELETE CASCADE,
    needs_milestone_id INTEGER NOT NULL REFERENCES milestone(id) ON DELETE CASCADE,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (milestone_id <> needs_milestone_id),
    UNIQUE (milestone_id, needs_milestone_id)
) STRICT;
CREATE INDEX IF NOT EXISTS milestone_dependency_needs ON milestone_dependency(needs_milestone_id);

CREATE TABLE IF NOT EXISTS lesson (
    id INTEGER PRIMARY KEY,
    lesson TEXT NOT NULL CHECK (trim(lesson) <> ''),
    what_happened TEXT NOT NULL DEFAULT '',
    next_time TEXT NOT NULL DEFAULT '',
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE SET NULL,
    lesson_date TEXT CHECK (lesson_date IS NULL OR date(lesson_date) IS lesson_date),
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A dependant is "at risk" when what it needs is not done and is forecast (else baselined) to
-- finish after the dependant's own forecast (else baseline): it cannot start in time. Done or
-- de-scoped dependants are never flagged; a needed milestone with no date at all flags too.
CREATE VIEW IF NOT EXISTS dependency_at_risk AS
SELECT d.id AS dependency_id,
       m.id AS milestone_id, m.ref AS milestone_ref, m.title AS milestone_title,
       m.workstream_id AS workstream_id,
       COALESCE(m.forecast_date, m.baseline_date) AS milestone_date,
       n.id AS needs_id, n.ref AS needs_ref, n.title AS needs_title,
       COALESCE(n.forecast_date, n.baseline_date) AS needs_date
FROM milestone_dependency d
JOIN milestone m ON m.id = d.milestone_id
JOIN milestone n ON n.id = d.needs_milestone_id
WHERE m.actual_date IS NULL AND m.descoped = 0
  AND n.actual_date IS NULL AND n.descoped = 0
  AND (COALESCE(n.forecast_date, n.baseline_date) IS NULL
       OR COALESCE(n.forecast_date, n.baseline_date) > COALESCE(m.forecast_date, m.baseline_date));
