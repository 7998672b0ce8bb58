"""Read models the Futures Board pack needs beyond the screens' ones: whole registers, not pages,
and the board-relevant changes between two dates."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date

from t2025tui.core import store as store_module
from t2025tui.core.queries import health
from t2025tui.core.store import Store

_BATCH = 500


def stream(store: Store, sql: str, params: tuple = ()) -> Iterator[dict]:
    """The rows of a query one batch at a time, so a register of any size is never held whole.

    For the export's private snapshot connection: its lock is held while the rows are read."""
    with store.lock:
        try:
            cursor = store.conn.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            while batch := cursor.fetchmany(_BATCH):
                for row in batch:
                    yield dict(zip(columns, row, strict=True))
        except sqlite3.Error as exc:
            raise store_module._translate(exc) from exc


def count(store: Store, table: str, where: str = "1") -> int:
    return store.scalar(f"SELECT COUNT(*) FROM {table} WHERE {where}") or 0


# What each milestone waits on that is now late for it ("dependency at risk"), as refs.
_WAITS_ON = """
    LEFT JOIN (SELECT milestone_id, group_concat(needs_ref, ', ') AS waits_on
        FROM dependency_at_risk GROUP BY milestone_id) dep ON dep.milestone_id = m.id
"""
MILESTONES_SQL = f"""
    SELECT m.*, w.position AS workstream_position, dep.waits_on FROM milestone_status m
    JOIN workstream w ON w.id = m.workstream_id {_WAITS_ON}
    ORDER BY w.position, w.id, m.forecast_date IS NULL, m.forecast_date, m.id
"""


def all_milestones(store: Store) -> Iterator[dict]:
    return stream(store, MILESTONES_SQL)


# Late first, then at risk; the most slipped first within each.
_EXCEPTIONS = "m.status IN ('late', 'at risk')"
EXCEPTION_MILESTONES_SQL = f"""
    SELECT m.*, w.position AS workstream_position, dep.waits_on FROM milestone_status m
    JOIN workstream w ON w.id = m.workstream_id {_WAITS_ON} WHERE {_EXCEPTIONS}
    ORDER BY m.status = 'at risk', COALESCE(m.slippage_days, 0) DESC, m.forecast_date, m.id
    LIMIT ?
"""


def exception_milestones(store: Store, limit: int) -> Iterator[dict]:
    """The first `limit` late and at-risk milestones, late first, most slipped first."""
    return stream(store, EXCEPTION_MILESTONES_SQL, (limit,))


def exception_milestone_count(store: Store) -> int:
    return store.scalar(f"SELECT COUNT(*) FROM milestone_status m WHERE {_EXCEPTIONS}") or 0


_RED_AMBER = "status = 'Open' AND COALESCE(residual_band, inherent_band) IN ('Red', 'Amber')"


def exception_risks(store: Store, limit: int) -> Iterator[dict]:
    """The first `limit` open red and amber risks (by residual score, else inherent), worst first."""
    return stream(
        store,
        f"SELECT * FROM risk_scored WHERE {_RED_AMBER}"
        " ORDER BY COALESCE(residual_score, inherent_score, 0) DESC, ref LIMIT ?",
        (limit,),
    )


def exception_risk_count(store: Store) -> int:
    return count(store, "risk_scored", _RED_AMBER)


def all_risks(store: Store) -> Iterator[dict]:
    """Open risks first, worst first; closed ones after them."""
    return stream(
        store,
        "SELECT * FROM risk_scored ORDER BY status = 'Closed',"
        " COALESCE(residual_score, inherent_score, 0) DESC, ref",
    )


def unscored_open_risks(store: Store) -> int:
    return count(
        store, "risk_scored", "status = 'Open' AND residual_score IS NULL AND inherent_score IS NULL"
    )


def all_recommendations(store: Store) -> Iterator[dict]:
    return stream(
        store,
        "SELECT r.*, w.name AS workstream_name FROM recommendation r"
        " LEFT JOIN workstream w ON w.id = r.workstream_id ORDER BY r.ref",
    )


def recommendation_status_counts(store: Store) -> list[dict]:
    return store.query(
        "SELECT kind, status, COUNT(*) AS n FROM recommendation GROUP BY kind, status ORDER BY kind, status"
    )


# The settings below are the ones queries.settings.programme_settings gives, read directly: that
# read model is a pydantic model, and importing pydantic doubled the time of a small export.


def marking(store: Store) -> str:
    """The protective marking printed on every page (a programme setting, OFFICIAL unless changed)."""
    return (store.scalar("SELECT marking FROM programme WHERE id = 1") or "").strip() or "OFFICIAL"


def key_message_texts(store: Store) -> list[str]:
    """The programme's key messages in order, as written (figures are filled in by the pack)."""
    return [r["text"] for r in store.query("SELECT text FROM key_message ORDER BY position, id")]


def pending_decisions(store: Store) -> list[dict]:
    """Decisions the board is still asked to make (no outcome yet, or deferred): title, ask,
    owner, due date; oldest meeting first, in the meeting's order."""
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


def board_changes(store: Store, since: date | None, until: date) -> Iterator[dict]:
    """Every board-relevant change made after the end of `since` up to the end of `until` (in
    the change log's order, see timetravel.last_logged_by), oldest first.

    Each row: at, kind, entity, entity_id, field, item, workstream, old, new, days (forecast /
    baseline moves), reason, who. Undo and redo are marked in the kind.
    """
    from t2025tui.core.timetravel import last_logged_by

    # The window follows the log's order, as --as-of does: a change stamped by a wrong clock
    # falls where it was logged.
    clauses = ["l.id <= ?", "b.action != 'seed'"]
    params: list = [last_logged_by(store, until)]
    if since is not None:
        clauses.append("l.id > ?")
        params.append(last_logged_by(store, since))
    entries = stream(
        store,
        "SELECT l.*, b.action AS batch_action, b.reason AS batch_reason, b.who AS batch_who FROM change_log l"
        " JOIN change_batch b ON b.id = l.batch_id"
        f" WHERE {' AND '.join(clauses)} ORDER BY l.id",
        tuple(params),
    )
    workstream_names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM workstream")}
    owners: dict[tuple[str, int], int | None] = {}
    refs: dict[int, str | None] = {}
    for entry in entries:
        row = _describe(entry)
        if row is not None:
            key = (entry["entity"], entry["entity_id"])
            if key not in owners:
                owners[key] = _workstream_of(store, *key)
            workstream_id = row.pop("workstream_id") or owners[key]
            row["workstream"] = workstream_names.get(workstream_id, "")
            ref = row.pop("ref", None)
            if entry["entity"] == "milestone":
                # Named by its ref as well as its title: the ref stays when the title changes.
                if entry["entity_id"] not in refs:
                    refs[entry["entity_id"]] = store.scalar(
                        "SELECT ref FROM milestone WHERE id = ?", (entry["entity_id"],)
                    )
                ref = refs[entry["entity_id"]] or ref
                if ref and not str(row["item"]).startswith(ref):
                    row["item"] = f"{ref} {row['item']}"
            yield row


def net_changes(steps: Iterable[dict]) -> list[dict]:
    """What changed over the window, one line per record and field: where it started and where
    it ended. Steps that cancel out (a slip and its undo, a RAG moved and moved back) leave no
    line; three slips are one line with the total days. In order of each line's first step.

    Each row: kind, item, workstream, old (at the start), new (at the end), days (net move of a
    date), steps (how many changes were folded), at and who (the last), reason (the last given)."""
    lines: dict[tuple, dict] = {}
    for step in steps:
        key = (step["entity"], step["entity_id"], step["field"] if step["action"] == "update" else "record")
        line = lines.get(key)
        if line is None:
            lines[key] = {**step, "steps": 1, "first_old": step["old"], "actions": {step["action"]}}
            continue
        line.update(new=step["new"], at=step["at"], who=step["who"], item=step["item"] or line["item"])
        line["reason"] = step["reason"] or line["reason"]
        line["steps"] += 1
        line["actions"].add(step["action"])
    folded = []
    for line in lines.values():
        if line["actions"] == {"create", "delete"}:
            continue  # made and removed within the window: nothing to report
        if line["action"] == "update":
            if line["first_old"] == line["new"]:
                continue  # back where it started
            line["old"] = line["first_old"]
            line["kind"], line["days"] = _net_kind(line)
        folded.append(line)
    return folded


def _net_kind(line: dict) -> tuple[str, int | None]:
    kind = _base_kind(line["kind"])
    old, new = line["old"], line["new"]
    if line["field"] in ("forecast_date", "baseline_date"):
        days = _days_between(old, new)
        if line["field"] == "forecast_date":
            kind = "Slip" if days is None or days > 0 else "Forecast brought forward"
        return kind, days
    if line["field"] == "descoped":
        return ("De-scoped" if new == "Yes" else "Reinstated"), None
    if line["field"] == "actual_date":
        return ("Completed" if new else "Re-opened"), None
    if line["field"] == "status" and line["entity"] == "risk":
        return ("Risk closed" if new == "Closed" else "Risk reopened"), None
    if line["field"] == "status" and line["entity"] == "project":
        return (
            f"Project {new}" if new in ("de-scoped", "re-scoped", "complete", "on hold") else "Project status"
        ), None
    return kind, None


def _base_kind(kind: str) -> str:
    return kind.removesuffix(" (undo)").removesuffix(" (redo)")


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
        "action": action,
        "field": entry["field"],
        "entity": entity,
        "entity_id": entry["entity_id"],
        "item": entry["entity_label"],
        "ref": whole.get("ref") if whole else None,
        "workstream_id": workstream_id,
        "old": old,
        "new": new,
        "days": days,
        "reason": entry["reason"] or entry["batch_reason"] or "",
        "who": entry["batch_who"],
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


# The Summary dashboard ---------------------------------------------------------------------


def key_milestones(store: Store, steps: Iterable[dict], until: date, limit: int = 5) -> list[dict]:
    """Milestones due or slipped this period: open ones late or at risk, or due by `until`, and
    any whose forecast moved in the window; late first, then the most slipped."""
    moved = {
        line["entity_id"]
        for line in net_changes(steps)
        if line["entity"] == "milestone" and line["field"] == "forecast_date"
    }
    marks = ", ".join("?" for _ in moved) or "NULL"
    return store.query(
        "SELECT m.*, (m.id IN ({marks})) AS moved FROM milestone_status m"
        " WHERE m.status IN ('late', 'at risk')"
        f"    OR (m.status = 'on track' AND m.forecast_date <= ?) OR m.id IN ({marks})"
        " ORDER BY m.status != 'late', m.status != 'at risk', COALESCE(m.slippage_days, 0) DESC,"
        " m.forecast_date, m.id LIMIT ?".replace("{marks}", marks),
        (*moved, until.isoformat(), *moved, limit),
    )


def top_risks(store: Store, limit: int = 5) -> list[dict]:
    """The open risks with the highest residual score (else inherent)."""
    return store.query(
        "SELECT * FROM risk_scored WHERE status = 'Open'"
        " ORDER BY COALESCE(residual_score, inherent_score, 0) DESC, ref LIMIT ?",
        (limit,),
    )


def completed_between(store: Store, since: date | None, until: date) -> list[dict]:
    """Milestones completed in the window (their actual date after `since`, up to `until`)."""
    start = since.isoformat() if since else "0000-01-01"
    return store.query(
        "SELECT title, actual_date FROM milestone WHERE actual_date > ? AND actual_date <= ?"
        " ORDER BY actual_date, id",
        (start, until.isoformat()),
    )


def due_between(store: Store, start: date, end: date) -> list[dict]:
    """Open milestones forecast in (start, end]: what is planned for the next period."""
    return store.query(
        "SELECT title, forecast_date FROM milestone_status WHERE status NOT IN ('complete', 'de-scoped')"
        " AND forecast_date > ? AND forecast_date <= ? ORDER BY forecast_date, id",
        (start.isoformat(), end.isoformat()),
    )


def programme_rag_at(store: Store, field: str, current, day: date | None):
    """The programme's overall or risk RAG as it stood at the end of `day`."""
    from t2025tui.core.queries.status import field_as_of

    return field_as_of(store, "programme", 1, field, current, day) if day else current
