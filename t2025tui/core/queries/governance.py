"""The governance logs as the screens, the pack and `t2025 summary` read them: overdue actions,
open issues, dependencies at risk, and what a milestone's slip affects."""

import sqlite3

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


def open_issues(store: Store) -> list[dict]:
    return store.query(
        "SELECT i.id, 'I' || i.id AS ref, i.title, i.owner, i.priority, w.code AS workstream"
        " FROM issue i LEFT JOIN workstream w ON w.id = i.workstream_id WHERE i.status = 'Open'"
        " ORDER BY CASE i.priority WHEN 'High' THEN 0 WHEN 'Medium' THEN 1 WHEN 'Low' THEN 2 ELSE 3 END, i.id"
    )


def dependencies_at_risk(store: Store, workstream_id: int | None = None) -> list[dict]:
    """Each dependant flagged "dependency at risk", with what it waits on (view dependency_at_risk)."""
    sql = "SELECT * FROM dependency_at_risk"
    params: tuple = ()
    if workstream_id is not None:
        sql += " WHERE workstream_id = ?"
        params = (workstream_id,)
    return store.query(sql + " ORDER BY milestone_ref, needs_ref", params)


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
