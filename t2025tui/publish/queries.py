"""The board's canned queries: the questions a Futures Board asks, answered from the snapshot.

They state in SQL what the app's read models state in Python (core/queries): "the last board" is
the latest Futures Board on or before the status date; a trend compares a RAG now with its
value at the end of that day, read back from the change history.
"""

# `after` is the start of the day after the board: a change saved at or after it came after the
# board, and comparing the stored text with it (not its first 10 characters) can use the indexes.
_LAST_BOARD = """board AS (
    SELECT day, date(day, '+1 day') AS after FROM (
        SELECT MAX(meeting_date) AS day FROM board_meeting
        WHERE meeting_date <= (SELECT today FROM status_date)
    )
)"""

_RANKS = (
    "ranks(rag, n) AS (VALUES ('Red', 0), ('Amber/Red', 1), ('Amber', 2), ('Amber/Green', 3), ('Green', 4))"
)


def _at_board(entity: str, entity_id: str, field: str, current: str) -> str:
    """A field's value at the end of the board's day, read back from the change history: none
    if the record was made after it, else the `old` of its first change after it, else now.
    The entity and field are written into the SQL, not joined in, so that SQLite can use the
    change log's partial index for workstreams (schema/002) - the difference between 0.1 s and
    most of Datasette's 1 s limit on a long history."""
    after = f"c.entity = '{entity}' AND c.entity_id = {entity_id} AND c.field = '{field}'"
    after += " AND c.at >= (SELECT after FROM board)"
    return f"""CASE
            WHEN (SELECT day FROM board) IS NULL THEN {current}
            WHEN (SELECT c.at FROM change_log c
                  WHERE c.entity = '{entity}' AND c.entity_id = {entity_id} AND c.action = 'create'
                  ORDER BY c.id LIMIT 1)
                 >= (SELECT after FROM board) THEN NULL
            WHEN EXISTS (SELECT 1 FROM change_log c WHERE {after})
            THEN (SELECT json_extract(c.old, '$') FROM change_log c
                  WHERE c.id = (SELECT MIN(c.id) FROM change_log c WHERE {after}))
            ELSE {current}
        END"""


PROGRAMME_STATUS = f"""
WITH {_LAST_BOARD},
{_RANKS},
at_board AS (
    SELECT 0 AS position, 'Programme (overall)' AS item, NULL AS workstream_id,
           overall_rag AS rag, overall_rag_reason AS reason, '' AS lead,
           {_at_board("programme", "programme.id", "overall_rag", "overall_rag")} AS rag_then
    FROM programme WHERE id = 1
    UNION ALL
    SELECT 1, 'Risk management', NULL, risk_rag, risk_rag_reason, '',
           {_at_board("programme", "programme.id", "risk_rag", "risk_rag")}
    FROM programme WHERE id = 1
    UNION ALL
    SELECT 1 + ROW_NUMBER() OVER (ORDER BY position, id), name, id, rag, rag_reason, lead,
           {_at_board("workstream", "workstream.id", "rag", "rag")}
    FROM workstream
)
SELECT
    a.item,
    a.rag,
    a.rag_then AS at_last_board,
    CASE
        WHEN a.rag_then IS NULL THEN 'new since the board'
        WHEN a.rag IS NULL OR a.rag = a.rag_then THEN 'same'
        WHEN (SELECT n FROM ranks WHERE ranks.rag = a.rag) > (SELECT n FROM ranks WHERE ranks.rag = a.rag_then)
        THEN 'better'
        ELSE 'worse'
    END AS trend,
    a.lead,
    next.title AS next_milestone,
    next.forecast_date AS forecast,
    next.status AS milestone_status,
    a.reason
FROM at_board a
LEFT JOIN milestone_status next ON next.id = (
    SELECT m.id FROM milestone m
    WHERE m.workstream_id = a.workstream_id AND m.descoped = 0 AND m.actual_date IS NULL
    ORDER BY m.forecast_date IS NULL, m.forecast_date, m.id LIMIT 1
)
ORDER BY a.position
"""

LATE_MILESTONES = """
SELECT ref, workstream_name AS workstream, title AS milestone, owner, baseline_date, forecast_date,
       slippage_days, tolerance_days, status, last_change_reason AS reason
FROM milestone_status
WHERE status IN ('late', 'at risk')
ORDER BY status = 'at risk', slippage_days IS NULL, slippage_days DESC, forecast_date, id
"""

RED_AMBER_RISKS = """
SELECT ref, title, workstream_name AS workstream, owner,
       COALESCE(residual_band, inherent_band, 'not yet scored') AS band,
       residual_score, inherent_score, response,
       review_date, CASE WHEN review_overdue THEN 'overdue' ELSE '' END AS review
FROM risk_scored
WHERE status = 'Open' AND COALESCE(residual_band, inherent_band, 'unscored') IN ('Red', 'Amber', 'unscored')
ORDER BY COALESCE(residual_score, inherent_score) IS NULL, residual_score IS NULL,
         COALESCE(residual_score, inherent_score) DESC, ref
"""

_WORKSTREAM_OF_ENTRY = """(SELECT w.name FROM workstream w WHERE w.id = CASE l.entity
        WHEN 'workstream' THEN l.entity_id
        WHEN 'milestone' THEN (SELECT workstream_id FROM milestone WHERE id = l.entity_id)
        WHEN 'risk' THEN (SELECT workstream_id FROM risk WHERE id = l.entity_id)
        WHEN 'recommendation' THEN (SELECT workstream_id FROM recommendation WHERE id = l.entity_id)
        WHEN 'project' THEN (SELECT workstream_id FROM project WHERE id = l.entity_id)
    END)"""

CHANGES_SINCE_LAST_BOARD = f"""
WITH {_LAST_BOARD},
entries AS (
    SELECT l.*, b.action AS batch_action, b.reason AS batch_reason,
           json_extract(l.old, '$') AS old_value, json_extract(l.new, '$') AS new_value
    FROM change_log l JOIN change_batch b ON b.id = l.batch_id
    WHERE b.action != 'seed'
      AND ((SELECT day FROM board) IS NULL OR l.at >= (SELECT after FROM board))
      AND ((l.action = 'update' AND l.entity || '.' || l.field IN (
                'programme.overall_rag', 'programme.risk_rag', 'workstream.rag',
                'milestone.forecast_date', 'milestone.baseline_date', 'milestone.descoped',
                'milestone.actual_date', 'project.status', 'risk.status', 'recommendation.status'))
           OR (l.action IN ('create', 'delete') AND l.entity IN ('risk', 'milestone')))
)
SELECT
    l.at,
    CASE
        WHEN l.action = 'create' THEN 'New ' || l.entity
        WHEN l.action = 'delete' THEN upper(substr(l.entity, 1, 1)) || substr(l.entity, 2) || ' deleted'
        WHEN l.field = 'overall_rag' THEN 'Overall RAG'
        WHEN l.field = 'risk_rag' THEN 'Risk RAG'
        WHEN l.entity = 'workstream' THEN 'RAG move'
        WHEN l.field = 'forecast_date' THEN
            CASE WHEN l.new_value < l.old_value THEN 'Forecast brought forward' ELSE 'Slip' END
        WHEN l.field = 'baseline_date' THEN 'Re-baseline'
        WHEN l.field = 'descoped' THEN CASE WHEN l.new_value THEN 'De-scoped' ELSE 'Reinstated' END
        WHEN l.field = 'actual_date' THEN CASE WHEN l.new_value IS NOT NULL THEN 'Completed' ELSE 'Re-opened' END
        WHEN l.entity = 'risk' THEN CASE WHEN l.new_value = 'Closed' THEN 'Risk closed' ELSE 'Risk reopened' END
        WHEN l.entity = 'project' THEN 'Project ' || l.new_value
        ELSE 'Recommendation status'
    END || CASE WHEN l.batch_action IN ('undo', 'redo') THEN ' (' || l.batch_action || ')' ELSE '' END AS change,
    l.entity_label AS item,
    {_WORKSTREAM_OF_ENTRY} AS workstream,
    CASE WHEN l.action = 'update' THEN l.old_value END AS was,
    CASE WHEN l.action = 'update' THEN l.new_value END AS now,
    CASE WHEN l.field IN ('forecast_date', 'baseline_date')
         THEN CAST(julianday(l.new_value) - julianday(l.old_value) AS INTEGER) END AS days,
    COALESCE(NULLIF(l.reason, ''), l.batch_reason, '') AS reason
FROM entries l
ORDER BY l.id
"""

RECOMMENDATIONS_BY_STATUS = """
SELECT kind, status, COUNT(*) AS count,
       (SELECT COUNT(*) FROM recommendation all_of_kind WHERE all_of_kind.kind = r.kind) AS of_total,
       status || ': ' || COUNT(*) || ' of '
           || (SELECT COUNT(*) FROM recommendation all_of_kind WHERE all_of_kind.kind = r.kind) AS summary
FROM recommendation r
GROUP BY kind, status
ORDER BY kind != 'recommendation', kind,
         CASE status WHEN 'Open' THEN 1 WHEN 'In progress' THEN 2 WHEN 'Submitted for closure' THEN 3
                     WHEN 'Signed off' THEN 4 WHEN 'Closed' THEN 5 ELSE 6 END
"""


OVERDUE_ACTIONS = """
SELECT 'A' || a.id AS ref, a.title AS action, a.owner, a.due_date,
       CAST(julianday((SELECT today FROM status_date)) - julianday(a.due_date) AS INTEGER) AS days_overdue,
       w.name AS workstream,
       CASE
           WHEN a.decision_id IS NOT NULL THEN 'Decision: ' || d.title
           WHEN a.issue_id IS NOT NULL THEN 'Issue: ' || i.title
           WHEN a.risk_id IS NOT NULL THEN 'Risk ' || r.ref || ': ' || r.title
           ELSE ''
       END AS raised_for,
       COALESCE(b.title || ' ' || b.meeting_date, '') AS raised_at,
       a.notes
FROM action a
LEFT JOIN workstream w ON w.id = a.workstream_id
LEFT JOIN decision d ON d.id = a.decision_id
LEFT JOIN issue i ON i.id = a.issue_id
LEFT JOIN risk r ON r.id = a.risk_id
LEFT JOIN board_meeting b ON b.id = a.board_meeting_id
WHERE a.status = 'Open' AND a.due_date < (SELECT today FROM status_date)
ORDER BY a.due_date, a.id
"""


def _quoted_identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _quoted_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def finance_plan(years: list[str]) -> str:
    """The report's finance table: a row per line, a column per financial year (GBP 000s), then
    total planned expenditure and the planned surplus / (deficit). SQL cannot name columns from
    data, so the years present in the snapshot are written into the query."""
    columns = ",\n    ".join(
        f"SUM(CASE WHEN year = {_quoted_text(year)} THEN amount END) AS {_quoted_identifier(year + ' (GBP 000s)')}"
        for year in years
    )
    if not columns:
        return "SELECT 'No finance lines yet' AS line"
    return f"""
SELECT line, kind, {columns}
FROM (
    SELECT 0 AS section, position, line, kind, year, amount FROM finance_line
    UNION ALL
    SELECT 1, 0, 'Total planned expenditure', 'total', year, total_planned_expenditure FROM finance_totals
    UNION ALL
    SELECT 2, 0, 'Planned surplus / (deficit)', 'gap', year, surplus_deficit FROM finance_totals
)
GROUP BY section, line, kind
ORDER BY section, MIN(position), line
"""


def canned_queries(finance_years: list[str]) -> dict[str, dict]:
    """Datasette's `queries` metadata: every canned query with its title and description (its
    SQL hidden behind Datasette's "Show SQL", as the board reads the answer, not the query)."""
    queries: dict[str, dict] = {
        "programme_status": {
            "title": "Programme status",
            "description": "Overall and risk RAG, and each workstream's RAG now and at the end of the "
            "last Futures Board (the latest on or before the status date), its trend, lead and next "
            "milestone.",
            "sql": PROGRAMME_STATUS,
        },
        "late_and_at_risk_milestones": {
            "title": "Late and at-risk milestones",
            "description": "Open milestones that are late or at risk on the status date, worst slippage "
            "first (days past the baseline).",
            "sql": LATE_MILESTONES,
        },
        "red_and_amber_risks": {
            "title": "Red and amber risks",
            "description": "Open risks banded Red or Amber, highest residual score (1-25) first, then "
            "any risk not yet scored.",
            "sql": RED_AMBER_RISKS,
        },
        "changes_since_last_board": {
            "title": "Changes since the last board",
            "description": "RAG moves, slips (days), re-baselines, de-scopes, completions, new and closed "
            "risks and recommendation moves saved after the last Futures Board, oldest first.",
            "sql": CHANGES_SINCE_LAST_BOARD,
        },
        "recommendations_by_status": {
            "title": "HMICFRS recommendations by status",
            "description": "How many causes of concern, recommendations and areas for improvement are at "
            "each status, of how many in all.",
            "sql": RECOMMENDATIONS_BY_STATUS,
        },
        "finance_plan": {
            "title": "Finance plan",
            "description": "Expenditure plans and funding per financial year in GBP 000s, with total "
            "planned expenditure and the planned surplus / (deficit): the gap still to be found.",
            "sql": finance_plan(finance_years),
        },
        "overdue_actions": {
            "title": "Overdue actions",
            "description": "Open actions whose due date has passed on the status date, most overdue first, "
            "with their owner, workstream and what raised them.",
            "sql": OVERDUE_ACTIONS,
        },
    }
    for query in queries.values():
        query["hide_sql"] = True
    return queries
