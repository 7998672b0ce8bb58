"""Programme status: workstream RAG and trend, milestone counts, the 7.3-style conclusion."""

import json
import weakref
from datetime import date

from t2025tui.core import figures
from t2025tui.core.rag import RAG_RANK
from t2025tui.core.store import Store


def programme(store: Store) -> dict:
    return store.query_one("SELECT * FROM programme WHERE id = 1") or {}


def status_date(store: Store) -> date:
    """The programme's today: its status date when one is fixed, else the calendar's (local)
    today. Statuses, "done today", quick dates and the last and next board count from it."""
    return date.fromisoformat(store.scalar("SELECT today FROM status_date"))


def latest_batch_id(store: Store) -> int | None:
    """The newest change batch: moves with every save, undo or import made on this connection."""
    return store.scalar("SELECT MAX(id) FROM change_batch")


def board_meetings(store: Store) -> list[dict]:
    return store.query("SELECT * FROM board_meeting ORDER BY meeting_date")


def last_board(store: Store, on_or_before: date | None = None) -> dict | None:
    limit = (on_or_before or status_date(store)).isoformat()
    return store.query_one(
        "SELECT * FROM board_meeting WHERE meeting_date <= ? ORDER BY meeting_date DESC LIMIT 1", (limit,)
    )


def next_board(store: Store, after: date | None = None) -> dict | None:
    start = (after or status_date(store)).isoformat()
    return store.query_one(
        "SELECT * FROM board_meeting WHERE meeting_date > ? ORDER BY meeting_date LIMIT 1", (start,)
    )


def _sql_text(value: str) -> str:
    """`value` as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def field_as_of(store: Store, entity: str, entity_id: int, field: str, current, as_of: date):
    """A field's value at the end of `as_of`, read back from the change log (in its order, as
    --as-of: a change stamped by a wrong clock counts where it was logged)."""
    from t2025tui.core.timetravel import last_logged_by

    last = last_logged_by(store, as_of)
    created = store.query_one(
        "SELECT id FROM change_log WHERE entity = ? AND entity_id = ? AND action = 'create' ORDER BY id LIMIT 1",
        (entity, entity_id),
    )
    if created and created["id"] > last:
        return None
    # The first change of the field logged after that day, from the index
    # change_log_workstream_field (the field's changes of one record, a handful). The entity is
    # written into the SQL because SQLite only uses a partial index (WHERE entity =
    # 'workstream') for a query that says so literally, not through a bound parameter.
    later = store.query_one(
        "SELECT old FROM change_log WHERE id = (SELECT MIN(id) FROM change_log"
        f" WHERE entity = {_sql_text(entity)} AND entity_id = ? AND field = ? AND id > ?)",
        (entity_id, field, last),
    )
    if later is None:
        return current
    return None if later["old"] is None else json.loads(later["old"])


def trend(before: str | None, now: str | None) -> str:
    if before is None:
        return "new"
    if now is None or before == now:
        return "same"
    return "better" if RAG_RANK[now] > RAG_RANK[before] else "worse"


TREND_ARROWS = {"better": "↑", "worse": "↓", "same": "→", "new": "•"}


# The dashboard, the summary and the pack each ask for workstreams() and conclusion() together,
# all reading milestone_figures. Where the kept figures are not current (a time-travel copy, a
# file changed by another program) that is a pass over every milestone, so the result is reused
# while the key shows that nothing can have changed.
_figures_memo: "weakref.WeakKeyDictionary[Store, tuple]" = weakref.WeakKeyDictionary()


def _unchanged_key(store: Store) -> tuple:
    # data_version moves on another connection's commit, total_changes on this connection's
    # writes, the generation when the store is reopened, and the status date falls back to today.
    with store.lock:
        return (
            store.generation,
            store.data_version(),
            store.conn.total_changes,
            store.scalar("SELECT today FROM status_date"),
        )


def milestone_figures(store: Store) -> dict[int, dict]:
    """Per workstream with milestones (core/figures.py): counts by status (late, at_risk, on_track,
    complete, descoped, and all as milestones), whether an open milestone is undated, the last
    open forecast (what report 7.3's outlook needs) and the id of the next open milestone."""
    key = _unchanged_key(store)
    memo = _figures_memo.get(store)
    if memo is None or memo[0] != key:
        memo = (key, figures.read(store))
        _figures_memo[store] = memo
    return {workstream_id: dict(row) for workstream_id, row in memo[1].items()}


def next_milestones(store: Store) -> dict[int, dict]:
    """Each workstream's next open milestone (earliest forecast, undated last, then lowest id)."""
    ids = {
        row["next_id"]: workstream_id
        for workstream_id, row in milestone_figures(store).items()
        if row["next_id"] is not None
    }
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.query(
        f"SELECT id, title, forecast_date, status FROM milestone_status WHERE id IN ({marks})", tuple(ids)
    )
    return {ids[row["id"]]: row for row in rows}


def workstreams(store: Store, board_date: date | None = None) -> list[dict]:
    """One row per workstream with its RAG then and now, next milestone and milestone counts."""
    if board_date is None:
        board = last_board(store)
        board_date = date.fromisoformat(board["meeting_date"]) if board else None
    rows = store.query("SELECT * FROM workstream ORDER BY position, id")
    figures = milestone_figures(store)
    upcoming = next_milestones(store)
    for row in rows:
        counts = figures.get(row["id"], {})
        row["late"] = counts.get("late") or 0
        row["at_risk"] = counts.get("at_risk") or 0
        row["milestones"] = counts.get("milestones") or 0
        row["rag_at_board"] = (
            field_as_of(store, "workstream", row["id"], "rag", row["rag"], board_date)
            if board_date
            else row["rag"]
        )
        row["trend"] = trend(row["rag_at_board"], row["rag"])
        row["next_milestone"] = upcoming.get(row["id"])
    return rows


def milestone_counts(store: Store) -> dict[str, int]:
    """Milestones by status (milestone_status.status), over every workstream."""
    counts = {"on track": 0, "at risk": 0, "late": 0, "complete": 0, "de-scoped": 0}
    for row in milestone_figures(store).values():
        for status, column in (
            ("on track", "on_track"),
            ("at risk", "at_risk"),
            ("late", "late"),
            ("complete", "complete"),
            ("de-scoped", "descoped"),
        ):
            counts[status] += row[column]
    return counts


def recommendation_counts(store: Store, kind: str = "recommendation") -> dict[str, int]:
    counts = {
        r["status"]: r["n"]
        for r in store.query("SELECT status, n FROM recommendation_counts WHERE kind = ?", (kind,))
    }
    counts["total"] = sum(counts.values())
    return counts


def risk_counts(store: Store) -> dict[str, int]:
    """Open risks by their current band (residual, else inherent)."""
    counts = {"Red": 0, "Amber": 0, "Green": 0, "unscored": 0, "review overdue": 0, "open": 0}
    for row in store.query(
        "SELECT COALESCE(residual_band, inherent_band) AS band, COUNT(*) AS n, SUM(review_overdue) AS overdue"
        " FROM risk_scored WHERE status = 'Open' GROUP BY band"
    ):
        counts[row["band"] or "unscored"] += row["n"]
        counts["review overdue"] += row["overdue"] or 0
        counts["open"] += row["n"]
    return counts


def _financial_year_label(year_end: date) -> str:
    return f"{year_end.year - 1}/{str(year_end.year)[-2:]}"


def _month(value: str) -> str:
    return date.fromisoformat(value).strftime("%B %Y")


def delivery_outlook(store: Store) -> dict[str, list[dict]]:
    """Classify each workstream as report 7.3 does: on track / deliver by a date / into next year."""
    groups: dict[str, list[dict]] = {"on track": [], "later": [], "next year": []}
    figures = milestone_figures(store)
    for row in store.query("SELECT * FROM workstream ORDER BY position, id"):
        counts = figures.get(row["id"], {})
        if counts.get("open_undated"):
            groups["next year"].append(row)
        elif row["rag"] == "Green" and not counts.get("late"):  # only open milestones can be late
            groups["on track"].append(row)
        else:
            row["deliver_by"] = counts.get("last_open_forecast")
            groups["later"].append(row)
    return groups


def conclusion(store: Store) -> str:
    """A one-line summary in the style of the report's conclusion 7.3, computed from the data."""
    groups = delivery_outlook(store)
    total = sum(len(g) for g in groups.values())
    prog = programme(store)
    year_end = prog.get("financial_year_end")
    period = f" in {_financial_year_label(date.fromisoformat(year_end))}" if year_end else ""
    parts = [f"{len(groups['on track'])} of the {total} workstreams are on track"]
    if groups["later"]:
        dates = [r["deliver_by"] for r in groups["later"] if r.get("deliver_by")]
        when = f" by {_month(max(dates))}" if dates else ""
        parts.append(f"{len(groups['later'])} will deliver{when}")
    if groups["next year"]:
        parts.append(f"{len(groups['next year'])} will need to move activities into the coming year")
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Of the work planned for delivery{period}, {joined}."
