"""One workstream in full, for the detail and stand-up screens (read only)."""

import json

from t2025tui.core.queries import governance
from t2025tui.core.queries.suggested_rag import suggested_rags
from t2025tui.core.store import Store


def workstream_ids(store: Store) -> list[int]:
    return [r["id"] for r in store.query("SELECT id FROM workstream ORDER BY position, id")]


def workstream(store: Store, workstream_id: int) -> dict | None:
    return store.query_one("SELECT * FROM workstream WHERE id = ?", (workstream_id,))


def projects(store: Store, workstream_id: int, limit: int = 100) -> list[dict]:
    return store.query(
        "SELECT * FROM project WHERE workstream_id = ? ORDER BY position, id LIMIT ?", (workstream_id, limit)
    )


# Open means neither de-scoped nor complete (milestone_status's first two cases). Asked of the
# milestone table itself, the page is picked from an index without working out the status of
# every milestone of the workstream first (2,000 of them in the 100k benchmark: 5 ms -> 0.4 ms).
OPEN = "descoped = 0 AND actual_date IS NULL"
ORDER = "actual_date IS NOT NULL, descoped, forecast_date IS NULL, forecast_date, id"


def milestones(store: Store, workstream_id: int, *, open_only: bool = False, limit: int = 100) -> list[dict]:
    """Open ones first, nearest forecast first; at most `limit` (screens never hold them all)."""
    if open_only:
        return store.query(
            f"SELECT * FROM milestone_status WHERE id IN (SELECT id FROM milestone WHERE workstream_id = ?"
            f" AND {OPEN} ORDER BY {ORDER} LIMIT ?) ORDER BY {ORDER}",
            (workstream_id, limit),
        )
    return store.query(
        f"SELECT * FROM milestone_status WHERE workstream_id = ? ORDER BY {ORDER} LIMIT ?",
        (workstream_id, limit),
    )


def count_milestones(store: Store, workstream_id: int, *, open_only: bool = False) -> int:
    where = f" AND {OPEN}" if open_only else ""
    return store.scalar(f"SELECT COUNT(*) FROM milestone WHERE workstream_id = ?{where}", (workstream_id,))


def rag_history(store: Store, workstream_id: int, limit: int = 50) -> list[dict]:
    """Every RAG change of the workstream, newest first, from the append-only change log."""
    rows = store.query(
        "SELECT l.at, l.old, l.new, l.reason, b.action FROM change_log l JOIN change_batch b ON b.id = l.batch_id"
        " WHERE l.entity = 'workstream' AND l.entity_id = ? AND l.action = 'update' AND l.field = 'rag'"
        " ORDER BY l.id DESC LIMIT ?",
        (workstream_id, limit),
    )
    for row in rows:
        row["old"] = None if row["old"] is None else json.loads(row["old"])
        row["new"] = None if row["new"] is None else json.loads(row["new"])
    return rows


def notes(store: Store, workstream_id: int, limit: int = 20) -> list[dict]:
    return store.query(
        "SELECT * FROM note WHERE workstream_id = ? ORDER BY id DESC LIMIT ?", (workstream_id, limit)
    )


def detail(
    store: Store, workstream_id: int, *, open_milestones_only: bool = False, milestone_limit: int = 100
) -> dict | None:
    row = workstream(store, workstream_id)
    if row is None:
        return None
    shown = milestones(store, workstream_id, open_only=open_milestones_only, limit=milestone_limit)
    # Beside each milestone, what it waits on that is now late for it ("dependency at risk").
    flagged = governance.waits_on(store, [m["id"] for m in shown])
    for m in shown:
        m["waits_on"] = flagged.get(m["id"])
    suggested = suggested_rags(store, workstream_id)
    return {
        "workstream": row,
        "projects": projects(store, workstream_id, limit=100),
        "milestones": shown,
        "milestone_count": count_milestones(store, workstream_id, open_only=open_milestones_only),
        "rag_history": rag_history(store, workstream_id),
        "notes": notes(store, workstream_id),
        "suggested": suggested[0] if suggested else None,
        "overdue_actions": governance.overdue_actions(store, workstream_id),
        "dependencies": governance.dependencies_touching(store, workstream_id),
    }


def owning_workstream(store: Store, kind: str, record_id: int) -> int | None:
    """The workstream whose detail shows this workstream, project or note (None: none does)."""
    if kind == "workstream":
        return store.scalar("SELECT id FROM workstream WHERE id = ?", (record_id,))
    if kind in ("project", "note"):
        return store.scalar(f"SELECT workstream_id FROM {kind} WHERE id = ?", (record_id,))
    return None
