"""Per-workstream milestone figures, kept ready in `workstream_figures` (schema/002).

Counting statuses means working out every milestone's status: about 0.3 s at 100,000
milestones, on every start of the app. So the counts are kept in a table, as a copy that is
never trusted blindly:

- triggers delete a workstream's row whenever anything it was computed from changes (its
  milestones, the workstream itself, the programme's status date);
- `refresh(conn)` runs at the end of every write transaction (a before-commit hook of the
  store, registered below) and computes only
  the rows that are missing or were computed for another day, so after any committed write
  the table is complete;
- `read(store)` takes the rows stamped with today's status date and computes the rest
  directly, so a time-travel copy, a read-only store, or a file changed by another program
  reads the same figures, only slower. Reading never writes.

`FIGURES_SQL` is the one definition of the figures; the table is only ever filled from it. A
later migration that changes how milestone_status works a status out must also empty the table
(`DELETE FROM workstream_figures`): rows are stamped with the day, not with the rules.
"""

from __future__ import annotations

import sqlite3

from t2025tui.core.errors import T2025Error
from t2025tui.core.store import Store, register_before_commit

# Open means neither complete nor de-scoped (milestone_status.status), said on the base columns
# so SQLite need not work out every row's status to find the open ones.
OPEN = "descoped = 0 AND actual_date IS NULL"

# Orders open milestones as "next" means: earliest forecast, undated last, then lowest id. The
# id is the key's last 20 characters, so the minimum key names the next milestone.
NEXT_KEY = "COALESCE(forecast_date, '~') || printf('%020d', id)"

COLUMNS = (
    "milestones",
    "on_track",
    "at_risk",
    "late",
    "complete",
    "descoped",
    "open_undated",
    "last_open_forecast",
    "next_id",
)

# One row per workstream that has milestones: counts by status, whether an open milestone is
# undated, the last open forecast (what report 7.3's outlook needs) and the next open milestone.
#
# Each milestone's status is worked out once, in the MATERIALIZED step: written straight over
# the view, SQLite works the status out again for each SUM that tests it (five times a row;
# a quarter of the time of a slip's refresh, and of the dashboard on a file of another day).
FIGURES_SQL = f"""
    WITH s AS MATERIALIZED (
        SELECT workstream_id, status, descoped, actual_date, forecast_date, id
        FROM milestone_status {{where}}
    )
    SELECT workstream_id,
           COUNT(*) AS milestones,
           SUM(status = 'on track') AS on_track,
           SUM(status = 'at risk') AS at_risk,
           SUM(status = 'late') AS late,
           SUM(status = 'complete') AS complete,
           SUM(status = 'de-scoped') AS descoped,
           SUM({OPEN} AND forecast_date IS NULL) > 0 AS open_undated,
           MAX(CASE WHEN {OPEN} THEN forecast_date END) AS last_open_forecast,
           CAST(substr(MIN(CASE WHEN {OPEN} THEN {NEXT_KEY} END), -20) AS INTEGER) AS next_id
    FROM s GROUP BY workstream_id
"""

# Above this many workstreams to compute, one pass over every milestone beats a seek per
# workstream (and stays clear of SQLite's limit on bound parameters).
_MOST = 200


def _has_table(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workstream_figures'"
        ).fetchone()
        is not None
    )


def _figures_query(workstream_ids: list[int] | None) -> tuple[str, tuple]:
    if workstream_ids is None:
        return FIGURES_SQL.format(where=""), ()
    marks = ", ".join("?" for _ in workstream_ids)
    return FIGURES_SQL.format(where=f"WHERE workstream_id IN ({marks})"), tuple(workstream_ids)


def compute(store: Store, workstream_ids: list[int] | None = None) -> dict[int, dict]:
    """The figures worked out from milestone_status now (of the given workstreams, else all);
    workstreams without milestones have no entry."""
    sql, params = _figures_query(workstream_ids)
    return {row.pop("workstream_id"): row for row in store.query(sql, params)}


def read(store: Store) -> dict[int, dict]:
    """Every workstream's figures, as `compute(store)` would give them: kept rows where they are
    current, computed directly where they are not."""
    with store.lock:
        if not _has_table(store.conn):
            return compute(store)
        rows = store.query(
            f"SELECT w.id AS id, f.today AS today, {', '.join(f'f.{c}' for c in COLUMNS)}"
            " FROM workstream w LEFT JOIN workstream_figures f"
            " ON f.workstream_id = w.id AND f.today = (SELECT today FROM status_date)"
        )
        missing = [row["id"] for row in rows if row["today"] is None]
        figures = {row.pop("id"): row for row in rows if row["today"] is not None and row["milestones"]}
        for row in figures.values():
            del row["today"]
        if missing:
            figures.update(
                compute(store, None if len(missing) == len(rows) or len(missing) > _MOST else missing)
            )
        return figures


def is_current(store: Store) -> bool:
    """Whether every workstream has kept figures computed for today's status date."""
    with store.lock:
        if not _has_table(store.conn):
            return False
        return not store.scalar(
            "SELECT EXISTS (SELECT 1 FROM workstream w WHERE NOT EXISTS (SELECT 1 FROM workstream_figures f"
            " WHERE f.workstream_id = w.id AND f.today = (SELECT today FROM status_date)))"
        )


def refresh_store(store: Store) -> bool:
    """Bring the kept figures up to date in a write of their own, when they are not: e.g. with no
    status date set, on the first start of a new day, so later reads need not compute them.
    Changes nothing the user sees, so it is only tried: a store that may not write, or one busy
    with another program's save, is left as it is (reads stay right, only slower). Returns
    whether it wrote."""
    if store.refuse_writes or not _has_table(store.conn) or is_current(store):
        return False
    try:
        with store.write():
            pass  # the before-commit hook (refresh, registered below) fills the figures
    except T2025Error:
        return False
    return True


def refresh(conn: sqlite3.Connection) -> None:
    """Compute the rows that are missing or were computed for another day; run inside a write
    transaction, just before it commits."""
    if not _has_table(conn):
        return
    today = conn.execute("SELECT today FROM status_date").fetchone()[0]
    conn.execute("DELETE FROM workstream_figures WHERE today IS NOT ?", (today,))
    missing = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM workstream WHERE id NOT IN (SELECT workstream_id FROM workstream_figures)"
        )
    ]
    if not missing:
        return
    everyone = not conn.execute("SELECT 1 FROM workstream_figures LIMIT 1").fetchone()
    sql, params = _figures_query(None if everyone or len(missing) > _MOST else missing)
    if not everyone and len(missing) > _MOST:
        conn.execute("DELETE FROM workstream_figures")
    names = ", ".join(COLUMNS)
    # The stamp is read in the same statement as the statuses, so both see the same day.
    conn.execute(
        f"INSERT INTO workstream_figures (workstream_id, today, {names})"
        f" SELECT workstream_id, (SELECT today FROM status_date), {names} FROM ({sql})",
        params,
    )
    conn.execute(
        "INSERT OR IGNORE INTO workstream_figures (workstream_id, today)"
        " SELECT id, (SELECT today FROM status_date) FROM workstream"
    )


register_before_commit(refresh)
