-- t2025tui schema version 2: what the dashboard shows at start-up, read without a pass over
-- every milestone or every change.
--
-- Written so that running it twice is harmless (IF NOT EXISTS throughout): two t2025
-- processes opening the same version-1 file at once may both decide to migrate it.

-- "RAG at the last board" (queries.status.field_as_of): the first change of one field of a
-- workstream after a day is a single seek, answered from the index alone (entity is repeated
-- as the last column only so that SQLite 3.40 counts the index as covering). Partial, so it
-- stays small (a twentieth of the change log) and only workstream changes pay to keep it.
CREATE INDEX IF NOT EXISTS change_log_workstream_field
    ON change_log(entity_id, field, at, entity) WHERE entity = 'workstream';

-- Every column milestone_status reads to work out a status (project_id for its join), so a
-- workstream's figures are counted from the index without visiting its milestones' rows.
CREATE INDEX IF NOT EXISTS milestone_status_inputs
    ON milestone(workstream_id, descoped, actual_date, forecast_date, baseline_date, tolerance_days, project_id);

-- Every column risk_scored reads for the open risks' bands and overdue reviews (workstream_id
-- for its join), so the dashboard's risk tile reads this small index instead of every risk row.
-- Status is not first: the risk register's list, which needs whole rows, keeps its plain scan.
CREATE INDEX IF NOT EXISTS risk_band_inputs
    ON risk(residual_likelihood, residual_impact, inherent_likelihood, inherent_impact, review_date, status, workstream_id);

-- Per workstream, the milestone figures the dashboard, the summary and the pack show, as
-- t2025tui/core/figures.py computes them from milestone_status for the date in `today`
-- (status_date.today when they were computed). A row is only ever a copy: the triggers below
-- delete it whenever something it was computed from changes, every committed write through
-- Store.write() computes the missing rows again, and a reader computes directly any row that
-- is missing or was computed for another day. Not part of the programme: never dumped,
-- logged or exported.
CREATE TABLE IF NOT EXISTS workstream_figures (
    workstream_id INTEGER PRIMARY KEY,
    today TEXT NOT NULL,
    milestones INTEGER NOT NULL DEFAULT 0,
    on_track INTEGER NOT NULL DEFAULT 0,
    at_risk INTEGER NOT NULL DEFAULT 0,
    late INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    descoped INTEGER NOT NULL DEFAULT 0,
    open_undated INTEGER NOT NULL DEFAULT 0,
    last_open_forecast TEXT,
    next_id INTEGER
) STRICT;

-- A milestone changes the figures of the workstream it is in, and of the one it left. Only the
-- columns a status, a count or the next milestone depend on; a title or a note leaves them be.
CREATE TRIGGER IF NOT EXISTS milestone_figures_insert AFTER INSERT ON milestone
BEGIN DELETE FROM workstream_figures WHERE workstream_id = NEW.workstream_id; END;

-- INSERT OR REPLACE removes the row it replaces without firing delete triggers.
CREATE TRIGGER IF NOT EXISTS milestone_figures_replace BEFORE INSERT ON milestone
WHEN NEW.id IS NOT NULL
BEGIN DELETE FROM workstream_figures WHERE workstream_id = (SELECT workstream_id FROM milestone WHERE id = NEW.id); END;

CREATE TRIGGER IF NOT EXISTS milestone_figures_update
AFTER UPDATE OF id, workstream_id, descoped, actual_date, forecast_date, baseline_date, tolerance_days ON milestone
BEGIN DELETE FROM workstream_figures WHERE workstream_id IN (OLD.workstream_id, NEW.workstream_id); END;

-- UPDATE OR REPLACE onto another milestone's id removes that one without a delete trigger.
CREATE TRIGGER IF NOT EXISTS milestone_figures_replace_id BEFORE UPDATE OF id ON milestone
WHEN NEW.id IS NOT OLD.id
BEGIN DELETE FROM workstream_figures WHERE workstream_id = (SELECT workstream_id FROM milestone WHERE id = NEW.id); END;

CREATE TRIGGER IF NOT EXISTS milestone_figures_delete AFTER DELETE ON milestone
BEGIN DELETE FROM workstream_figures WHERE workstream_id = OLD.workstream_id; END;

-- milestone_status only counts milestones whose workstream exists.
CREATE TRIGGER IF NOT EXISTS workstream_figures_insert AFTER INSERT ON workstream
BEGIN DELETE FROM workstream_figures WHERE workstream_id = NEW.id; END;

CREATE TRIGGER IF NOT EXISTS workstream_figures_update AFTER UPDATE OF id ON workstream
BEGIN DELETE FROM workstream_figures WHERE workstream_id IN (OLD.id, NEW.id); END;

CREATE TRIGGER IF NOT EXISTS workstream_figures_delete AFTER DELETE ON workstream
BEGIN DELETE FROM workstream_figures WHERE workstream_id = OLD.id; END;

-- Late or not depends on the status date (status_date.today), which comes from the programme row.
CREATE TRIGGER IF NOT EXISTS programme_figures_insert AFTER INSERT ON programme
BEGIN DELETE FROM workstream_figures; END;

CREATE TRIGGER IF NOT EXISTS programme_figures_update AFTER UPDATE OF id, status_date ON programme
BEGIN DELETE FROM workstream_figures; END;

CREATE TRIGGER IF NOT EXISTS programme_figures_delete AFTER DELETE ON programme
BEGIN DELETE FROM workstream_figures; END;

-- The rows themselves are filled by the first write after this migration (store.migrate makes
-- one), from the query in t2025tui/core/figures.py: it lives in one place only.
