"""Paged, filtered lists for the registers: SQLite does the filtering, sorting and paging."""

from t2025tui.core.queries import governance
from t2025tui.core.search_index import is_index_table
from t2025tui.core.store import Store

MILESTONE_ORDER = {
    "forecast": "forecast_date IS NULL, forecast_date, id",
    "slippage": "slippage_days IS NULL, slippage_days DESC, id",
    "workstream": "workstream_id, forecast_date, id",
}


def milestones(
    store: Store,
    *,
    workstream_id: int | None = None,
    status: str | None = None,
    search: str | None = None,
    order: str = "forecast",
    limit: int = 200,
    offset: int = 0,
) -> list[dict]:
    where, params = _milestone_filter(workstream_id, status, search)
    rows = store.query(
        f"SELECT * FROM milestone_status {where} ORDER BY {MILESTONE_ORDER[order]} LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    # Per page, not per row of the whole register: what each shown milestone waits on.
    flagged = governance.waits_on(store, [row["id"] for row in rows])
    for row in rows:
        row["waits_on"] = flagged.get(row["id"])
    return rows


def count_milestones(
    store: Store, *, workstream_id: int | None = None, status: str | None = None, search: str | None = None
) -> int:
    where, params = _milestone_filter(workstream_id, status, search)
    return store.scalar(f"SELECT COUNT(*) FROM milestone_status {where}", params)


def milestone_position(
    store: Store,
    milestone_id: int,
    *,
    workstream_id: int | None = None,
    status: str | None = None,
    search: str | None = None,
    order: str = "forecast",
) -> int | None:
    """Where the milestone is in `milestones(...)` with these filters (0 first), None if not there."""
    where, params = _milestone_filter(workstream_id, status, search)
    return _position(store, "milestone_status", where, params, MILESTONE_ORDER[order], milestone_id)


def _position(store: Store, source: str, where: str, params: tuple, order: str, row_id: int) -> int | None:
    """A row's place in a register's order (how the search opens a record with the cursor on it)."""
    return store.scalar(
        f"SELECT position FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY {order}) - 1 AS position"
        f" FROM {source} {where}) WHERE id = ?",
        (*params, row_id),
    )


def _milestone_filter(workstream_id, status, search) -> tuple[str, tuple]:
    clauses, params = [], []
    if workstream_id is not None:
        clauses.append("workstream_id = ?")
        params.append(workstream_id)
    if status:
        clauses.append("status = ?")
        params.append(status)
    if search:  # a title or a ref (FCR-M03), as the register shows both
        clauses.append("(title LIKE ? ESCAPE '\\' OR ref LIKE ? ESCAPE '\\')")
        params.extend((_like(search), _like(search)))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_RISK_ORDER = "COALESCE(residual_score, inherent_score, 0) DESC, ref"


def risks(
    store: Store, *, status: str | None = "Open", search: str | None = None, limit: int = 200, offset: int = 0
) -> list[dict]:
    where, params = _risk_filter(status, search)
    return store.query(
        f"SELECT * FROM risk_scored {where} ORDER BY {_RISK_ORDER} LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def risk_position(
    store: Store, risk_id: int, *, status: str | None = "Open", search: str | None = None
) -> int | None:
    """Where the risk is in `risks(...)` with these filters (0 first), None if not there."""
    where, params = _risk_filter(status, search)
    return _position(store, "risk_scored", where, params, _RISK_ORDER, risk_id)


def count_risks(store: Store, *, status: str | None = "Open", search: str | None = None) -> int:
    where, params = _risk_filter(status, search)
    return store.scalar(f"SELECT COUNT(*) FROM risk {where}", params)


def _status_and_search(status: str | None, search: str | None, columns: tuple[str, ...]) -> tuple[str, tuple]:
    """WHERE clause for a register: one status, and text found in any of `columns`."""
    clauses, params = [], []
    if status:
        clauses.append("status = ?")
        params.append(status)
    if search:
        clauses.append("(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for column in columns) + ")")
        params += [_like(search)] * len(columns)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _risk_filter(status: str | None, search: str | None) -> tuple[str, tuple]:
    return _status_and_search(status, search, ("ref", "title"))


def risk_bands(store: Store) -> tuple[int, int]:
    """The programme's risk score thresholds: (lowest Amber score, lowest Red score)."""
    row = store.query_one("SELECT band_amber_min, band_red_min FROM programme WHERE id = 1")
    return (row["band_amber_min"], row["band_red_min"]) if row else (5, 15)


def workstream_names(store: Store) -> list[dict]:
    """Every workstream's id and name, in the programme's order (for filters and pick lists)."""
    return store.query("SELECT id, name FROM workstream ORDER BY position, id")


def heat_map(store: Store, which: str = "residual") -> list[list[int]]:
    """Counts of open risks in a 5x5 grid: grid[impact-1][likelihood-1]."""
    if which not in ("inherent", "residual"):
        raise ValueError("which must be 'inherent' or 'residual'")
    grid = [[0] * 5 for _ in range(5)]
    for row in store.query(
        f"SELECT {which}_likelihood AS l, {which}_impact AS i, COUNT(*) AS n FROM risk"
        f" WHERE status = 'Open' AND {which}_likelihood IS NOT NULL AND {which}_impact IS NOT NULL"
        " GROUP BY l, i"
    ):
        grid[row["i"] - 1][row["l"] - 1] = row["n"]
    return grid


def recommendations(
    store: Store, *, status: str | None = None, search: str | None = None, limit: int = 200, offset: int = 0
) -> list[dict]:
    where, params = _recommendation_filter(status, search)
    return store.query(
        f"SELECT * FROM recommendation {where} ORDER BY ref LIMIT ? OFFSET ?", (*params, limit, offset)
    )


def recommendation_position(
    store: Store, recommendation_id: int, *, status: str | None = None, search: str | None = None
) -> int | None:
    """Where the recommendation is in `recommendations(...)` with these filters, None if not there."""
    where, params = _recommendation_filter(status, search)
    return _position(store, "recommendation", where, params, "ref", recommendation_id)


def count_recommendations(store: Store, *, status: str | None = None, search: str | None = None) -> int:
    where, params = _recommendation_filter(status, search)
    return store.scalar(f"SELECT COUNT(*) FROM recommendation {where}", params)


def _recommendation_filter(status: str | None, search: str | None) -> tuple[str, tuple]:
    return _status_and_search(status, search, ("ref", "text", "owner"))


def history(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    search: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict]:
    """Change-log rows, newest first, with their batch's action, summary and who made it, and a
    milestone's ref (stable across renames: its current one, else the one its logged record held)."""
    where, params = _history_filter(since, until, entity, search)
    return store.query(
        "SELECT l.*, b.action AS batch_action, b.summary, b.who,"
        " CASE WHEN l.entity = 'milestone' THEN COALESCE("
        "(SELECT m.ref FROM milestone m WHERE m.id = l.entity_id),"
        " CASE WHEN json_valid(l.new) AND json_type(l.new) = 'object' THEN json_extract(l.new, '$.ref') END,"
        " CASE WHEN json_valid(l.old) AND json_type(l.old) = 'object' THEN json_extract(l.old, '$.ref') END)"
        " END AS milestone_ref"
        f" FROM change_log l JOIN change_batch b ON b.id = l.batch_id {where} ORDER BY l.id DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def count_history(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    search: str | None = None,
) -> int:
    where, params = _history_filter(since, until, entity, search)
    return store.scalar(f"SELECT COUNT(*) FROM change_log l {where}", params)


def _history_filter(
    since: str | None, until: str | None, entity: str | None, search: str | None = None
) -> tuple[str, tuple]:
    clauses, params = [], []
    # Plain comparisons on the ISO timestamp keep the change_log_at index usable at a million rows.
    if since:
        clauses.append("l.at >= ?")
        params.append(since)
    if until:
        clauses.append("l.at < date(?, '+1 day')")
        params.append(until)
    if entity:
        clauses.append("l.entity = ?")
        params.append(entity)
    if search:
        clauses.append(
            "(l.entity_label LIKE ? ESCAPE '\\' OR l.field LIKE ? ESCAPE '\\' OR l.reason LIKE ? ESCAPE '\\')"
        )
        params += [_like(search)] * 3
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def record_counts(store: Store) -> dict[str, int]:
    """How many rows each table holds (sqlite-utils' introspection), bookkeeping tables last (the
    search index's tables left out: they hold no records)."""
    bookkeeping = ("workstream_figures", "change_batch", "change_log", "undo_stack")
    with store.lock:
        names = [n for n in store.db.table_names() if n != "programme" and not is_index_table(n)]
        ordered = [n for n in names if n not in bookkeeping] + [n for n in bookkeeping if n in names]
        return {name: store.db[name].count for name in ordered}
