"""The governance logs as the app's log screens page them (actions, issues, decisions and their
board meetings, dependencies, lessons), and the pick lists their forms offer.

Each log has `<log>(store, view=..., search=..., limit=, offset=)` and `count_<log>(...)`, so
SQLite does the filtering, sorting and paging as for the other registers (queries/lists.py).
"""

from t2025tui.core.queries.lists import _like
from t2025tui.core.store import Store

TODAY = "(SELECT today FROM status_date)"
# A log's views: None shows everything; "Closed" is done, dropped or closed.
VIEWS = ("Open", "Closed", None)


def _where(clauses: list[str], params: list) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _search(columns: tuple[str, ...], search: str | None, clauses: list[str], params: list) -> None:
    if search:
        clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params += [_like(search)] * len(columns)


def _status(view: str | None, column: str, clauses: list[str], params: list) -> None:
    if view == "Open":
        clauses.append(f"{column} = 'Open'")
    elif view == "Closed":
        clauses.append(f"{column} <> 'Open'")


# Actions -------------------------------------------------------------------------------------
_ACTION_FROM = (
    " FROM action a LEFT JOIN workstream w ON w.id = a.workstream_id"
    " LEFT JOIN risk r ON r.id = a.risk_id"
    " LEFT JOIN issue i ON i.id = a.issue_id"
    " LEFT JOIN decision d ON d.id = a.decision_id"
    " LEFT JOIN board_meeting db ON db.id = d.board_meeting_id"
    " LEFT JOIN board_meeting b ON b.id = a.board_meeting_id"
)


def _action_filter(view: str | None, search: str | None, workstream_id: int | None) -> tuple[str, tuple]:
    clauses: list[str] = []
    params: list = []
    _status(view, "a.status", clauses, params)
    if workstream_id is not None:
        clauses.append("a.workstream_id = ?")
        params.append(workstream_id)
    _search(("a.title", "a.owner", "'A' || a.id"), search, clauses, params)
    return _where(clauses, params), tuple(params)


def actions(
    store: Store,
    *,
    view: str | None = "Open",
    search: str | None = None,
    workstream_id: int | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict]:
    """Open ones first, overdue at the top, then by due date; each with what it is linked to."""
    where, params = _action_filter(view, search, workstream_id)
    return store.query(
        "SELECT a.*, 'A' || a.id AS ref, w.code AS workstream,"
        f" (a.status = 'Open' AND a.due_date < {TODAY}) AS overdue,"
        " CASE WHEN a.decision_id IS NOT NULL"
        "   THEN 'decision ' || COALESCE(db.meeting_date, 'no meeting') || '#' || d.position"
        "  WHEN a.issue_id IS NOT NULL THEN 'issue I' || a.issue_id"
        "  WHEN a.risk_id IS NOT NULL THEN 'risk ' || r.ref"
        "  ELSE '' END AS linked,"
        " b.meeting_date AS raised_at"
        f"{_ACTION_FROM} {where}"
        " ORDER BY a.status <> 'Open', a.due_date IS NULL, a.due_date, a.id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def action_position(store: Store, action_id: int, *, view: str | None = None) -> int | None:
    """Where the action is in `actions(view=...)` (0 first), or None when that view hides it."""
    where, params = _action_filter(view, None, None)
    return _position(
        store,
        f"SELECT a.id, ROW_NUMBER() OVER (ORDER BY a.status <> 'Open', a.due_date IS NULL, a.due_date, a.id)"
        f" AS n FROM action a {where}",
        params,
        action_id,
    )


def _position(store: Store, numbered: str, params: tuple, row_id: object, key: str = "id") -> int | None:
    """The 0-based place of `row_id` in `numbered` (rows with the key and their ROW_NUMBER() `n`)."""
    found = store.scalar(f"SELECT n - 1 FROM ({numbered}) WHERE {key} = ?", (*params, row_id))
    return None if found is None else int(found)


def count_actions(
    store: Store, *, view: str | None = "Open", search: str | None = None, workstream_id: int | None = None
) -> int:
    where, params = _action_filter(view, search, workstream_id)
    return store.scalar(f"SELECT COUNT(*) FROM action a {where}", params)


def action_counts(store: Store) -> dict[str, int]:
    row = store.query_one(
        "SELECT COUNT(*) FILTER (WHERE status = 'Open') AS open,"
        f" COUNT(*) FILTER (WHERE status = 'Open' AND due_date < {TODAY}) AS overdue,"
        " COUNT(*) FILTER (WHERE status = 'Done') AS done,"
        " COUNT(*) FILTER (WHERE status = 'Dropped') AS dropped FROM action"
    )
    return dict(row) if row else {"open": 0, "overdue": 0, "done": 0, "dropped": 0}


# Issues --------------------------------------------------------------------------------------
def _issue_filter(view: str | None, search: str | None) -> tuple[str, tuple]:
    clauses: list[str] = []
    params: list = []
    _status(view, "i.status", clauses, params)
    _search(("i.title", "i.owner", "i.description", "'I' || i.id"), search, clauses, params)
    return _where(clauses, params), tuple(params)


def issues(
    store: Store, *, view: str | None = "Open", search: str | None = None, limit: int = 200, offset: int = 0
) -> list[dict]:
    where, params = _issue_filter(view, search)
    return store.query(
        "SELECT i.*, 'I' || i.id AS ref, w.code AS workstream, r.ref AS risk_ref,"
        " (SELECT COUNT(*) FROM action a WHERE a.issue_id = i.id AND a.status = 'Open') AS open_actions,"
        " (SELECT COUNT(*) FROM action a WHERE a.issue_id = i.id) AS actions"
        " FROM issue i LEFT JOIN workstream w ON w.id = i.workstream_id LEFT JOIN risk r ON r.id = i.risk_id"
        f" {where} ORDER BY i.status <> 'Open',"
        " CASE i.priority WHEN 'High' THEN 0 WHEN 'Medium' THEN 1 WHEN 'Low' THEN 2 ELSE 3 END, i.id"
        " LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def issue_position(store: Store, issue_id: int, *, view: str | None = None) -> int | None:
    where, params = _issue_filter(view, None)
    return _position(
        store,
        "SELECT i.id, ROW_NUMBER() OVER (ORDER BY i.status <> 'Open',"
        " CASE i.priority WHEN 'High' THEN 0 WHEN 'Medium' THEN 1 WHEN 'Low' THEN 2 ELSE 3 END, i.id) AS n"
        f" FROM issue i {where}",
        params,
        issue_id,
    )


def count_issues(store: Store, *, view: str | None = "Open", search: str | None = None) -> int:
    where, params = _issue_filter(view, search)
    return store.scalar(f"SELECT COUNT(*) FROM issue i {where}", params)


def issue_counts(store: Store) -> dict[str, int]:
    row = store.query_one(
        "SELECT COUNT(*) FILTER (WHERE status = 'Open') AS open,"
        " COUNT(*) FILTER (WHERE status = 'Open' AND priority = 'High') AS high,"
        " COUNT(*) FILTER (WHERE status = 'Closed') AS closed FROM issue"
    )
    return dict(row) if row else {"open": 0, "high": 0, "closed": 0}


# Decisions, grouped by board meeting -----------------------------------------------------------
# Each meeting is a row of its own (kind 'meeting') heading its decisions, so a meeting with no
# decisions yet is still listed and can be edited; decisions with no meeting come last.
_DECISION_ROWS = (
    "SELECT 'meeting' AS kind, 'meeting:' || b.id AS key, b.id, b.version, b.meeting_date AS ref, b.title, '' AS ask, '' AS owner,"
    " NULL AS due_date, NULL AS outcome, b.notes, b.id AS board_meeting_id, b.meeting_date,"
    " 0 AS position, '' AS actions_raised, '' AS action_refs,"
    " (SELECT COUNT(*) FROM decision x WHERE x.board_meeting_id = b.id) AS decisions"
    " FROM board_meeting b"
    " UNION ALL "
    "SELECT 'decision', 'decision:' || d.id, d.id, d.version, COALESCE(b.meeting_date, 'no meeting') || '#' || d.position,"
    " d.title, d.ask, d.owner, d.due_date, d.outcome, d.notes, d.board_meeting_id, b.meeting_date,"
    " d.position,"
    " COALESCE((SELECT group_concat('A' || a.id || ' ' || a.title || ' (' || a.status || ')', '; ')"
    "   FROM (SELECT * FROM action WHERE decision_id = d.id ORDER BY id) a), ''),"
    " COALESCE((SELECT group_concat('A' || a.id, ', ')"
    "   FROM (SELECT id FROM action WHERE decision_id = d.id ORDER BY id) a), ''),"
    " 0"
    " FROM decision d LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
)


def _decision_filter(search: str | None) -> tuple[str, tuple]:
    clauses: list[str] = []
    params: list = []
    _search(("title", "ask", "owner", "ref"), search, clauses, params)
    return _where(clauses, params), tuple(params)


def decisions(store: Store, *, search: str | None = None, limit: int = 200, offset: int = 0) -> list[dict]:
    where, params = _decision_filter(search)
    return store.query(
        f"SELECT * FROM ({_DECISION_ROWS}) {where}"
        " ORDER BY meeting_date IS NULL, meeting_date, kind = 'decision', position, id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def decision_position(store: Store, key: str) -> int | None:
    """Where the row keyed `key` ('decision:3', 'meeting:1') is in `decisions()`."""
    return _position(
        store,
        "SELECT key, ROW_NUMBER() OVER (ORDER BY meeting_date IS NULL, meeting_date, kind = 'decision',"
        f" position, id) AS n FROM ({_DECISION_ROWS})",
        (),
        key,
        key="key",
    )


def count_decisions(store: Store, *, search: str | None = None) -> int:
    where, params = _decision_filter(search)
    return store.scalar(f"SELECT COUNT(*) FROM ({_DECISION_ROWS}) {where}", params)


def decision_counts(store: Store) -> dict[str, int]:
    row = store.query_one(
        "SELECT (SELECT COUNT(*) FROM board_meeting) AS meetings, COUNT(*) AS decisions,"
        " COUNT(*) FILTER (WHERE outcome IS NULL) AS undecided FROM decision"
    )
    return dict(row) if row else {"meetings": 0, "decisions": 0, "undecided": 0}


# Dependencies ----------------------------------------------------------------------------------
def _dependency_filter(search: str | None, milestone_id: int | None) -> tuple[str, tuple]:
    clauses: list[str] = []
    params: list = []
    if milestone_id is not None:
        clauses.append("(d.milestone_id = ? OR d.needs_milestone_id = ?)")
        params += [milestone_id, milestone_id]
    _search(("m.ref", "m.title", "n.ref", "n.title"), search, clauses, params)
    return _where(clauses, params), tuple(params)


_DEPENDENCY_FROM = (
    " FROM milestone_dependency d JOIN milestone m ON m.id = d.milestone_id"
    " JOIN milestone n ON n.id = d.needs_milestone_id"
)


def dependencies(
    store: Store,
    *,
    search: str | None = None,
    milestone_id: int | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict]:
    """Each dependency with both milestones' dates, at-risk ones first."""
    where, params = _dependency_filter(search, milestone_id)
    return store.query(
        "SELECT d.id, d.version, d.notes, d.milestone_id, d.needs_milestone_id,"
        " m.ref AS milestone_ref, m.title AS milestone_title, mw.code AS workstream,"
        " COALESCE(m.forecast_date, m.baseline_date) AS milestone_date,"
        " n.ref AS needs_ref, n.title AS needs_title, nw.code AS needs_workstream,"
        " COALESCE(n.actual_date, n.forecast_date, n.baseline_date) AS needs_date,"
        " n.actual_date IS NOT NULL AS needs_done,"
        " EXISTS (SELECT 1 FROM dependency_at_risk r WHERE r.dependency_id = d.id) AS at_risk"
        f"{_DEPENDENCY_FROM}"
        " LEFT JOIN workstream mw ON mw.id = m.workstream_id LEFT JOIN workstream nw ON nw.id = n.workstream_id"
        f" {where} ORDER BY at_risk DESC, m.ref, n.ref LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def count_dependencies(store: Store, *, search: str | None = None, milestone_id: int | None = None) -> int:
    where, params = _dependency_filter(search, milestone_id)
    return store.scalar(f"SELECT COUNT(*){_DEPENDENCY_FROM} {where}", params)


def dependency_counts(store: Store) -> dict[str, int]:
    return {
        "dependencies": store.scalar("SELECT COUNT(*) FROM milestone_dependency"),
        "at_risk": store.scalar("SELECT COUNT(*) FROM dependency_at_risk"),
    }


# Lessons ---------------------------------------------------------------------------------------
def _lesson_filter(search: str | None) -> tuple[str, tuple]:
    clauses: list[str] = []
    params: list = []
    _search(("l.lesson", "l.what_happened", "l.next_time"), search, clauses, params)
    return _where(clauses, params), tuple(params)


def lessons(store: Store, *, search: str | None = None, limit: int = 200, offset: int = 0) -> list[dict]:
    where, params = _lesson_filter(search)
    return store.query(
        "SELECT l.*, 'L' || l.id AS ref, w.code AS workstream FROM lesson l"
        f" LEFT JOIN workstream w ON w.id = l.workstream_id {where}"
        " ORDER BY l.lesson_date IS NULL, l.lesson_date DESC, l.id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


def lesson_position(store: Store, lesson_id: int) -> int | None:
    return _position(
        store,
        "SELECT id, ROW_NUMBER() OVER (ORDER BY lesson_date IS NULL, lesson_date DESC, id) AS n FROM lesson",
        (),
        lesson_id,
    )


def count_lessons(store: Store, *, search: str | None = None) -> int:
    where, params = _lesson_filter(search)
    return store.scalar(f"SELECT COUNT(*) FROM lesson l {where}", params)


# Pick lists for the forms ----------------------------------------------------------------------
# Open records only (a form may link to a closed one it already names: `keep`), so a list stays
# short on a large programme.
def risk_choices(store: Store, keep: int | None = None) -> tuple[tuple[str, int], ...]:
    rows = store.query(
        "SELECT id, ref || ' ' || title AS shown FROM risk WHERE status = 'Open' OR id IS ? ORDER BY ref",
        (keep,),
    )
    return tuple((r["shown"], r["id"]) for r in rows)


def issue_choices(store: Store, keep: int | None = None) -> tuple[tuple[str, int], ...]:
    rows = store.query(
        "SELECT id, 'I' || id || ' ' || title AS shown FROM issue WHERE status = 'Open' OR id IS ? ORDER BY id",
        (keep,),
    )
    return tuple((r["shown"], r["id"]) for r in rows)


def decision_choices(store: Store) -> tuple[tuple[str, int], ...]:
    rows = store.query(
        "SELECT d.id, COALESCE(b.meeting_date, 'no meeting') || '#' || d.position || ' ' || d.title AS shown"
        " FROM decision d LEFT JOIN board_meeting b ON b.id = d.board_meeting_id"
        " ORDER BY b.meeting_date DESC, d.position"
    )
    return tuple((r["shown"], r["id"]) for r in rows)


def meeting_choices(store: Store) -> tuple[tuple[str, int], ...]:
    rows = store.query(
        "SELECT id, meeting_date || ' ' || title AS shown FROM board_meeting ORDER BY meeting_date DESC"
    )
    return tuple((r["shown"], r["id"]) for r in rows)
