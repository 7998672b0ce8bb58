-- t2025tui schema version 1.
-- Dates are ISO text (YYYY-MM-DD), money is integer GBP 000s, every editable row
-- carries a version so that a stale edit from a second window can be refused.

CREATE TABLE programme (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    rag_scale INTEGER NOT NULL DEFAULT 3 CHECK (rag_scale IN (3, 5)),
    overall_rag TEXT,
    overall_rag_reason TEXT NOT NULL DEFAULT '',
    risk_rag TEXT,
    risk_rag_reason TEXT NOT NULL DEFAULT '',
    reporting_period TEXT NOT NULL DEFAULT '',
    status_date TEXT CHECK (status_date IS NULL OR date(status_date) IS status_date),
    financial_year_end TEXT CHECK (financial_year_end IS NULL OR date(financial_year_end) IS financial_year_end),
    key_messages TEXT NOT NULL DEFAULT '',
    band_amber_min INTEGER NOT NULL DEFAULT 5 CHECK (band_amber_min BETWEEN 2 AND 25),
    band_red_min INTEGER NOT NULL DEFAULT 15 CHECK (band_red_min BETWEEN 2 AND 25),
    source TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (band_amber_min < band_red_min)
) STRICT;

CREATE TABLE objective (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE workstream (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    objective_id INTEGER REFERENCES objective(id) ON DELETE SET NULL,
    rag TEXT,
    rag_reason TEXT NOT NULL DEFAULT '',
    commentary TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE project (
    id INTEGER PRIMARY KEY,
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE RESTRICT,
    grouping TEXT NOT NULL DEFAULT 'delivery'
        CHECK (grouping IN ('delivery', 'it_enabling', 'bau')),
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'complete', 'de-scoped', 're-scoped', 'on hold')),
    status_reason TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX project_workstream ON project(workstream_id);

CREATE TABLE milestone (
    id INTEGER PRIMARY KEY,
    workstream_id INTEGER NOT NULL REFERENCES workstream(id) ON DELETE RESTRICT,
    project_id INTEGER REFERENCES project(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    baseline_date TEXT CHECK (baseline_date IS NULL OR date(baseline_date) IS baseline_date),
    forecast_date TEXT CHECK (forecast_date IS NULL OR date(forecast_date) IS forecast_date),
    actual_date TEXT CHECK (actual_date IS NULL OR date(actual_date) IS actual_date),
    tolerance_days INTEGER NOT NULL DEFAULT 14 CHECK (tolerance_days >= 0),
    descoped INTEGER NOT NULL DEFAULT 0 CHECK (descoped IN (0, 1)),
    last_change_reason TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX milestone_workstream ON milestone(workstream_id);
CREATE INDEX milestone_forecast ON milestone(forecast_date);

-- Every earlier baseline of a milestone, with why it was replaced.
CREATE TABLE baseline_history (
    id INTEGER PRIMARY KEY,
    milestone_id INTEGER NOT NULL REFERENCES milestone(id) ON DELETE CASCADE,
    baseline_date TEXT CHECK (baseline_date IS NULL OR date(baseline_date) IS baseline_date),
    replaced_at TEXT NOT NULL,
    reason TEXT NOT NULL
) STRICT;
CREATE INDEX baseline_history_milestone ON baseline_history(milestone_id);

CREATE TABLE risk (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    cause TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL DEFAULT '',
    effect TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    inherent_likelihood INTEGER CHECK (inherent_likelihood BETWEEN 1 AND 5),
    inherent_impact INTEGER CHECK (inherent_impact BETWEEN 1 AND 5),
    residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    proximity TEXT NOT NULL DEFAULT '',
    response TEXT CHECK (response IS NULL OR response IN ('Tolerate', 'Treat', 'Transfer', 'Terminate')),
    actions TEXT NOT NULL DEFAULT '',
    review_date TEXT CHECK (review_date IS NULL OR date(review_date) IS review_date),
    status TEXT NOT NULL DEFAULT 'Open' CHECK (status IN ('Open', 'Closed')),
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX risk_workstream ON risk(workstream_id);

CREATE TABLE recommendation (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    source_report TEXT NOT NULL DEFAULT '',
    source_date TEXT CHECK (source_date IS NULL OR date(source_date) IS source_date),
    kind TEXT NOT NULL DEFAULT 'recommendation'
        CHECK (kind IN ('cause of concern', 'recommendation', 'area for improvement')),
    text TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'Open'
        CHECK (status IN ('Open', 'In progress', 'Submitted for closure', 'Signed off',
                          'Closed', 'No longer relevant')),
    target_date TEXT CHECK (target_date IS NULL OR date(target_date) IS target_date),
    evidence TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX recommendation_status ON recommendation(status);

-- One row per line and financial year. Signs follow the report's table: funding and
-- savings are credits (negative), expenditure is positive.
CREATE TABLE finance_line (
    id INTEGER PRIMARY KEY,
    line TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('funding', 'expenditure', 'savings')),
    year TEXT NOT NULL CHECK (year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    amount INTEGER NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (line, year)
) STRICT;

CREATE TABLE health_check (
    id INTEGER PRIMARY KEY,
    team TEXT NOT NULL,
    check_date TEXT CHECK (check_date IS NULL OR date(check_date) IS check_date),
    status TEXT NOT NULL DEFAULT '',
    themes TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE health_measure (
    id INTEGER PRIMARY KEY,
    health_check_id INTEGER NOT NULL REFERENCES health_check(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value REAL,
    unit TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE health_rating (
    id INTEGER PRIMARY KEY,
    health_check_id INTEGER NOT NULL REFERENCES health_check(id) ON DELETE CASCADE,
    member TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 10),
    comment TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE board_meeting (
    id INTEGER PRIMARY KEY,
    meeting_date TEXT NOT NULL UNIQUE CHECK (date(meeting_date) IS meeting_date),
    title TEXT NOT NULL DEFAULT 'Futures Board',
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    board_meeting_id INTEGER REFERENCES board_meeting(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Agreed', 'Deferred', 'Rejected')),
    notes TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE note (
    id INTEGER PRIMARY KEY,
    workstream_id INTEGER REFERENCES workstream(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX note_workstream ON note(workstream_id);

-- One service call = one batch. Undo and redo are batches of their own that point at
-- the batch they reverse or repeat.
CREATE TABLE change_batch (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('edit', 'undo', 'redo', 'import', 'seed')),
    summary TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    target_batch_id INTEGER REFERENCES change_batch(id)
) STRICT;

-- Append-only history: one row per changed field (or per created / deleted row).
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES change_batch(id),
    at TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    entity_label TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    field TEXT NOT NULL DEFAULT '',
    old TEXT,
    new TEXT,
    reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX change_log_at ON change_log(at);
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
CREATE INDEX change_log_batch ON change_log(batch_id);

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_batch_no_update BEFORE UPDATE ON change_batch
BEGIN SELECT RAISE(ABORT, 'change_batch is append-only'); END;
CREATE TRIGGER change_batch_no_delete BEFORE DELETE ON change_batch
BEGIN SELECT RAISE(ABORT, 'change_batch is append-only'); END;

-- Bookkeeping for undo / redo: which edit batches are currently applied.
CREATE TABLE undo_stack (
    batch_id INTEGER PRIMARY KEY REFERENCES change_batch(id),
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

-- Read models ---------------------------------------------------------------

CREATE VIEW status_date AS
SELECT COALESCE((SELECT status_date FROM programme WHERE id = 1), date('now')) AS today;

CREATE VIEW milestone_status AS
SELECT
    m.*,
    w.name AS workstream_name,
    p.name AS project_name,
    CASE
        WHEN m.baseline_date IS NULL OR COALESCE(m.actual_date, m.forecast_date) IS NULL THEN NULL
        ELSE CAST(julianday(COALESCE(m.actual_date, m.forecast_date)) - julianday(m.baseline_date) AS INTEGER)
    END AS slippage_days,
    CASE
        WHEN m.descoped = 1 THEN 'de-scoped'
        WHEN m.actual_date IS NOT NULL THEN 'complete'
        WHEN m.forecast_date IS NULL THEN 'at risk'
        WHEN m.forecast_date < (SELECT today FROM status_date) THEN 'late'
        WHEN m.baseline_date IS NOT NULL
             AND julianday(m.forecast_date) - julianday(m.baseline_date) > m.tolerance_days THEN 'late'
        WHEN m.baseline_date IS NOT NULL AND m.forecast_date > m.baseline_date THEN 'at risk'
        ELSE 'on track'
    END AS status
FROM milestone m
JOIN workstream w ON w.id = m.workstream_id
LEFT JOIN project p ON p.id = m.project_id;

CREATE VIEW risk_scored AS
SELECT
    r.*,
    w.name AS workstream_name,
    r.inherent_likelihood * r.inherent_impact AS inherent_score,
    r.residual_likelihood * r.residual_impact AS residual_score,
    CASE
        WHEN r.inherent_likelihood * r.inherent_impact IS NULL THEN NULL
        WHEN r.inherent_likelihood * r.inherent_impact >= g.band_red_min THEN 'Red'
        WHEN r.inherent_likelihood * r.inherent_impact >= g.band_amber_min THEN 'Amber'
        ELSE 'Green'
    END AS inherent_band,
    CASE
        WHEN r.residual_likelihood * r.residual_impact IS NULL THEN NULL
        WHEN r.residual_likelihood * r.residual_impact >= g.band_red_min THEN 'Red'
        WHEN r.residual_likelihood * r.residual_impact >= g.band_amber_min THEN 'Amber'
        ELSE 'Green'
    END AS residual_band,
    (r.status = 'Open' AND r.review_date IS NOT NULL
        AND r.review_date < (SELECT today FROM status_date)) AS review_overdue
FROM risk r
LEFT JOIN workstream w ON w.id = r.workstream_id
JOIN programme g ON g.id = 1;

CREATE VIEW recommendation_counts AS
SELECT kind, status, COUNT(*) AS n FROM recommendation GROUP BY kind, status;

CREATE VIEW finance_totals AS
SELECT
    year,
    SUM(CASE WHEN kind = 'funding' THEN amount ELSE 0 END) AS funding,
    SUM(CASE WHEN kind IN ('expenditure', 'savings') THEN amount ELSE 0 END) AS total_planned_expenditure,
    SUM(amount) AS surplus_deficit
FROM finance_line
GROUP BY year;
