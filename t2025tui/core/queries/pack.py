"""Read models the Futures Board pack needs beyond the screens' ones: whole registers, not pages,
and the board-relevant changes between two dates."""

import json
from datetime import date

from t2025tui.core.queries import health
from t2025tui.core.store import Store


def all_milestones(store: Store) -> list[dict]:
    return store.query(
        """
        SELECT m.*, w.position AS workstream_position FROM milestone_status m
        JOIN workstream w ON w.id = m.workstream_id
        ORDER BY w.position, w.id, m.forecast_date IS NULL, m.forecast_date, m.id
        """
    )


def all_risks(store: Store) -> list[dict]:
    """Open risks first, worst first; closed ones after them."""
    return store.query(
        "SELECT * FROM risk_scored ORDER BY status = 'Closed',"
        " COALESCE(residual_score, inherent_score, 0) DESC, ref"
    )


def all_recommendations(store: Store) -> list[dict]:
    return store.query(
        "SELECT r.*, w.name AS workstream_name FROM recommendation r"
        " LEFT JOIN workstream w ON w.id = r.workstream_id ORDER BY r.ref"
    )


def recommendation_status_counts(store: Store) -> list[dict]:
    return store.query(
        "SELECT kind, status, COUNT(*) AS n FROM recommendation GROUP BY kind, status ORDER BY kind, status"
    )


def pending_decisions(store: Store) -> list[dict]:
    return store.query(
        "SELECT d.*, b.meeting_date FROM decision d LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
        " WHERE d.outcome IS NULL OR d.outcome = 'Deferred' ORDER BY b.meeting_date, d.position, d.id"
    )


def health_checks(store: Store) -> list[dict]:
    """Each health check with its measures and ratings."""
    found = health.checks(store)
    for check in found:
        check["measures"] = health.measures(store, check["id"])
        check["ratings"] = health.ratings(store, check["id"])
    return found


def last_board_on_or_before(store: Store, day: date) -> date | None:
    found = store.scalar(
        "SELECT MAX(meeting_date) FROM board_meeting WHERE meeting_date <= ?", (day.isoformat(),)
    )
    return date.fromisoformat(found) if found else None


def next_board_after(store: Store, day: date) -> date | None:
    found = store.scalar(
        "SELECT MIN(meeting_date) FROM board_meeting WHERE meeting_date > ?", (day.isoformat(),)
    )
    return date.fromisoformat(found) if found else None


# (entity, field) -> kind of board-relevant change; None as field means a created / deleted row.
_WATCHED = {
    ("programme", "overall_rag"): "Overall RAG",
    ("programme", "risk_rag"): "Risk RAG",
    ("workstream", "rag"): "RAG move",
    ("milestone", "forecast_date"): "Forecast",
    ("milestone", "baseline_date"): "Re-baseline",
    ("milestone", "descoped"): "De-scope",
    ("milestone", "actual_date"): "Completion",
    ("project", "status"): "Project status",
    ("risk", "status"): "Risk status",
    ("recommendation", "status"): "Recommendation status",
    ("risk", None): "Risk",
    ("milestone", None): "Milestone",
}


def board_changes(store: Store, since: date | None, until: date) -> list[dict]:
    """Every board-relevant change made after the end of `since` up to the end of `until`, oldest first.

    Each row: at, kind, item, workstream, old, new, days (forecast / baseline moves), reason, undo.
    """
    clauses = ["substr(l.at, 1, 10) <= ?", "b.action != 'seed'"]
    params: list = [until.isoformat()]
    if since is not None:
        clauses.append("substr(l.at, 1, 10) > ?")
        params.append(since.isoformat())
    entries = store.query(
        "SELECT l.*, b.action AS batch_action, b.reason AS batch_reason FROM change_log l"
        " JOIN change_batch b ON b.id = l.batch_id"
        f" WHERE {' AND '.join(clauses)} ORDER BY l.id",
        tuple(params),
    )
    workstream_names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM workstream")}
    rows = []
    owners: dict[tuple[str, int], int | None] = {}
    for entry in entries:
        row = _describe(entry)
        if row is not None:
            key = (entry["entity"], entry["entity_id"])
            if key not in owners:
                owners[key] = _workstream_of(store, *key)
            workstream_id = row.pop("workstream_id") or owners[key]
            row["workstream"] = workstream_names.get(workstream_id, "")
            rows.append(row)
    return rows


def _workstream_of(store: Store, entity: str, entity_id: int) -> int | None:
    if entity == "workstream":
        return entity_id
    if entity in ("milestone", "risk", "recommendation", "project"):
        return store.scalar(f"SELECT workstream_id FROM {entity} WHERE id = ?", (entity_id,))
    return None


def _describe(entry: dict) -> dict | None:
    entity, action = entry["entity"], entry["action"]
    old = None if entry["old"] is None else json.loads(entry["old"])
    new = None if entry["new"] is None else json.loads(entry["new"])
    kind = _WATCHED.get((entity, entry["field"])) if action == "update" else _WATCHED.get((entity, None))
    if kind is None:
        return None
    if entry["field"].endswith("_date"):
        old, new = _as_date(old), _as_date(new)
    days = None
    whole = new if isinstance(new, dict) else old if isinstance(old, dict) else {}
    workstream_id = whole.get("workstream_id") if whole else None
    if action == "create":
        kind, old, new = f"New {kind.lower()}", None, _row_summary(entity, new)
    elif action == "delete":
        kind, old, new = f"{kind} deleted", _row_summary(entity, old), None
    elif kind == "Forecast":
        days = _days_between(old, new)
        kind = "Slip" if days is None or days > 0 else "Forecast brought forward"
    elif kind == "Re-baseline":
        days = _days_between(old, new)
    elif kind == "De-scope":
        kind = "De-scoped" if new else "Reinstated"
        old, new = ("Yes" if old else "No"), ("Yes" if new else "No")
    elif kind == "Completion":
        kind = "Completed" if new else "Re-opened"
    elif kind == "Project status" and new in ("de-scoped", "re-scoped", "complete", "on hold"):
        kind = f"Project {new}"
    elif kind == "Risk status":
        kind = "Risk closed" if new == "Closed" else "Risk reopened"
    if entry["batch_action"] in ("undo", "redo"):
        kind = f"{kind} ({entry['batch_action']})"
    return {
        "at": entry["at"],
        "kind": kind,
        "entity": entity,
        "entity_id": entry["entity_id"],
        "item": entry["entity_label"],
        "workstream_id": workstream_id,
        "old": old,
        "new": new,
        "days": days,
        "reason": entry["reason"] or entry["batch_reason"] or "",
    }


def _row_summary(entity: str, row) -> str:
    if not isinstance(row, dict):
        return ""
    if entity == "risk":
        return f"{row.get('ref', '')} {row.get('title', '')} ({row.get('status', 'Open')})".strip()
    return str(row.get("title") or row.get("name") or "")


def _as_date(value):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def _days_between(old, new) -> int | None:
    if isinstance(old, date) and isinstance(new, date):
        return (new - old).days
    return None
