"""The governance logs as the screens, the pack and `t2025 summary` read them: overdue actions,
open issues, dependencies at risk, and what a milestone's slip affects."""

import sqlite3
from collections.abc import Iterator
from datetime import date

from t2025tui.core.queries import pack
from t2025tui.core.store import Store


def overdue_actions(store: Store, workstream_id: int | None = None) -> list[dict]:
    """Open actions due before the programme's today, oldest first."""
    sql = (
        "SELECT a.id, 'A' || a.id AS ref, a.title, a.owner, a.due_date, a.workstream_id, w.code AS workstream"
        " FROM action a LEFT JOIN workstream w ON w.id = a.workstream_id"
        " WHERE a.status = 'Open' AND a.due_date < (SELECT today FROM status_date)"
    )
    params: tuple = ()
    if workstream_id is not None:
        sql += " AND a.workstream_id = ?"
        params = (workstream_id,)
    return store.query(sql + " ORDER BY a.due_date, a.id", params)


def open_issues(store: Store, limit: int = -1) -> list[dict]:
    """Open issues, most urgent first (`limit` -1: all)."""
    return store.query(
        "SELECT i.id, 'I' || i.id AS ref, i.title, i.owner, i.priority, w.code AS workstream"
        " FROM issue i LEFT JOIN workstream w ON w.id = i.workstream_id WHERE i.status = 'Open'"
        " ORDER BY CASE i.priority WHEN 'High' THEN 0 WHEN 'Medium' THEN 1 WHEN 'Low' THEN 2 ELSE 3 END, i.id"
        " LIMIT ?",
        (limit,),
    )


def dependencies_at_risk(store: Store, workstream_id: int | None = None, limit: int = -1) -> list[dict]:
    """Each dependant flagged "dependency at risk", with what it waits on (view dependency_at_risk)."""
    sql = "SELECT * FROM dependency_at_risk"
    params: tuple = ()
    if workstream_id is not None:
        sql += " WHERE workstream_id = ?"
        params = (workstream_id,)
    return store.query(sql + " ORDER BY milestone_ref, needs_ref LIMIT ?", (*params, limit))


def count_dependencies_at_risk(store: Store) -> int:
    return store.scalar("SELECT COUNT(*) FROM dependency_at_risk") or 0


def dependencies_touching(store: Store, workstream_id: int) -> list[dict]:
    """Dependencies at risk where the dependant or what it needs is in `workstream_id`: what a
    stand-up of that workstream talks about (its milestones at risk, and those its dates hold up)."""
    return store.query(
        "SELECT r.*, n.workstream_id AS needs_workstream_id FROM dependency_at_risk r"
        " JOIN milestone n ON n.id = r.needs_id WHERE r.workstream_id = ? OR n.workstream_id = ?"
        " ORDER BY r.milestone_ref, r.needs_ref",
        (workstream_id, workstream_id),
    )


def waits_on(store: Store, milestone_ids: list[int]) -> dict[int, str]:
    """milestone id -> the refs it needs that are now late for it ("FCR-M01, RM-M02")."""
    if not milestone_ids:
        return {}
    marks = ", ".join("?" for _ in milestone_ids)
    rows = store.query(
        f"SELECT milestone_id, group_concat(needs_ref, ', ') AS refs FROM dependency_at_risk"
        f" WHERE milestone_id IN ({marks}) GROUP BY milestone_id",
        tuple(milestone_ids),
    )
    return {row["milestone_id"]: row["refs"] for row in rows}


def flagged_by(store: Store, milestone_id: int) -> list[dict]:
    """The dependants that `milestone_id`'s dates now put at risk."""
    return store.query(
        "SELECT * FROM dependency_at_risk WHERE needs_id = ? ORDER BY milestone_ref", (milestone_id,)
    )


def dependency_path(conn: sqlite3.Connection, start: int, goal: int) -> list[int] | None:
    """The chain of milestone ids from `start` to `goal` following "needs", or None when `start`
    does not (even indirectly) need `goal`. Adding "goal needs start" would then make a loop."""
    row = conn.execute(
        """
        WITH RECURSIVE chain(id, path) AS (
            SELECT ?, ',' || ? || ','
            UNION
            SELECT d.needs_milestone_id, chain.path || d.needs_milestone_id || ','
            FROM milestone_dependency d JOIN chain ON d.milestone_id = chain.id
            WHERE instr(chain.path, ',' || d.needs_milestone_id || ',') = 0
        )
        SELECT path FROM chain WHERE id = ? LIMIT 1
        """,
        (start, start, goal),
    ).fetchone()
    if row is None:
        return None
    return [int(part) for part in row[0].strip(",").split(",")]


# The logs whole, for the pack: streamed from the cursor (pack.stream), never held whole.

_ACTIONS_SQL = """
SELECT a.*, 'A' || a.id AS ref, w.code AS workstream, r.ref AS risk_ref, 'I' || a.issue_id AS issue_ref,
    d.title AS decision_title, b.meeting_date AS raised_at,
    a.status = 'Open' AND a.due_date < (SELECT today FROM status_date) AS overdue
FROM action a
LEFT JOIN workstream w ON w.id = a.workstream_id
LEFT JOIN risk r ON r.id = a.risk_id
LEFT JOIN decision d ON d.id = a.decision_id
LEFT JOIN board_meeting b ON b.id = a.board_meeting_id
"""


def action_log(store: Store) -> Iterator[dict]:
    """Every action: open ones first (soonest due first, undated last), then done and dropped."""
    return pack.stream(
        store, _ACTIONS_SQL + " ORDER BY a.status <> 'Open', a.due_date IS NULL, a.due_date, a.id"
    )


def actions_due(store: Store, by: date | None) -> Iterator[dict]:
    """Open actions overdue or due on or before `by` (all open dated ones when None), soonest first."""
    where = " WHERE a.status = 'Open' AND a.due_date IS NOT NULL"
    params: tuple = ()
    if by is not None:
        where += " AND a.due_date <= ?"
        params = (by.isoformat(),)
    return pack.stream(store, _ACTIONS_SQL + where + " ORDER BY a.due_date, a.id", params)


def issue_log(store: Store) -> Iterator[dict]:
    return pack.stream(
        store,
        "SELECT i.*, 'I' || i.id AS ref, w.code AS workstream, r.ref AS risk_ref FROM issue i"
        " LEFT JOIN workstream w ON w.id = i.workstream_id LEFT JOIN risk r ON r.id = i.risk_id"
        " ORDER BY i.status <> 'Open', CASE i.priority WHEN 'High' THEN 0 WHEN 'Medium' THEN 1"
        " WHEN 'Low' THEN 2 ELSE 3 END, i.id",
    )


def decision_log(store: Store) -> Iterator[dict]:
    """Every board decision, newest meeting first; those without a meeting last."""
    return pack.stream(
        store,
        "SELECT d.*, b.meeting_date,"
        " (SELECT group_concat('A' || a.id, ', ') FROM action a WHERE a.decision_id = d.id) AS actions"
        " FROM decision d LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
        " ORDER BY b.meeting_date IS NULL, b.meeting_date DESC, d.position, d.id",
    )


def dependency_log(store: Store) -> Iterator[dict]:
    """Every dependency, those at risk first."""
    return pack.stream(
        store,
        "SELECT d.*, m.ref AS milestone_ref, m.title AS milestone_title,"
        " COALESCE(m.forecast_date, m.baseline_date) AS milestone_date, n.ref AS needs_ref,"
        " n.title AS needs_title, COALESCE(n.forecast_date, n.baseline_date) AS needs_date,"
        " n.actual_date AS needs_done, r.dependency_id IS NOT NULL AS at_risk"
        " FROM milestone_dependency d JOIN milestone m ON m.id = d.milestone_id"
        " JOIN milestone n ON n.id = d.needs_milestone_id"
        " LEFT JOIN dependency_at_risk r ON r.dependency_id = d.id"
        " ORDER BY r.dependency_id IS NULL, m.ref, n.ref",
    )


def lesson_log(store: Store) -> Iterator[dict]:
    return pack.stream(
        store,
        "SELECT l.*, w.code AS workstream FROM lesson l LEFT JOIN workstream w ON w.id = l.workstream_id"
        " ORDER BY l.lesson_date IS NULL, l.lesson_date DESC, l.id",
    )


def decisions_awaiting(store: Store, limit: int = -1) -> list[dict]:
    """Decisions with no outcome yet (what the board is still asked to decide), soonest due first."""
    return store.query(
        "SELECT d.*, b.meeting_date FROM decision d LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
        " WHERE d.outcome IS NULL ORDER BY d.due_date IS NULL, d.due_date, d.position, d.id LIMIT ?",
        (limit,),
    )


def count_decisions_awaiting(store: Store) -> int:
    return store.scalar("SELECT COUNT(*) FROM decision WHERE outcome IS NULL") or 0


def count_actions_due(store: Store, by: date | None) -> int:
    """As actions_due, counted."""
    sql = "SELECT COUNT(*) FROM action WHERE status = 'Open' AND due_date IS NOT NULL"
    if by is None:
        return store.scalar(sql) or 0
    return store.scalar(sql + " AND due_date <= ?", (by.isoformat(),)) or 0


def count_open(store: Store, log: str) -> int:
    """Open records of `log` (action or issue)."""
    return store.scalar(f"SELECT COUNT(*) FROM {log} WHERE status = 'Open'") or 0
