"""The governance logs in the pack: one board page of what is open and due (actions overdue or
due by the next board, open issues, dependencies at risk, decisions awaiting an outcome), and
each log in full after the registers (action, issue, decision, dependency and lessons logs),
printing its first page as the registers do."""

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import islice

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import governance
from t2025tui.core.queries import pack as pack_queries

# Without a next board on record, "due" means within this many days of the status date.
DUE_WINDOW_DAYS = 28
# Each kind on the board page lists at most this many, then says how many more and where.
LISTED_EACH = 15
OVERDUE = "overdue"
AT_RISK = "dependency at risk"
FLAG_BANDS = {OVERDUE: "Red", AT_RISK: "Amber", "High": "Red", "due": "Amber"}


def _due_by(ctx: PackContext) -> tuple[date, str]:
    # Judged from the programme's today (the status date), as overdue is.
    board = pack_queries.next_board_after(ctx.store, ctx.status_date)
    if board is not None:
        return board, f"the next board ({long_date(board)})"
    day = ctx.status_date + timedelta(days=DUE_WINDOW_DAYS)
    return day, f"{long_date(day)} ({DUE_WINDOW_DAYS} days after the status date; no next board recorded)"


def _linked(row: dict) -> str:
    links = [
        f"risk {row['risk_ref']}" if row.get("risk_ref") else "",
        f"issue {row['issue_ref']}" if row.get("issue_id") else "",
        f"decision: {row['decision_title']}" if row.get("decision_title") else "",
    ]
    return "; ".join(link for link in links if link)


def _more(log: str, listed: int, total: int, sheet: str) -> Iterator[dict]:
    """The line after a section cut at LISTED_EACH, saying how many more and where they are."""
    if total > listed:
        yield {
            "log": log,
            "ref": "",
            "item": f"and {total - listed:,} more: every one is on the sheet {sheet}",
            "owner": "",
            "workstream": "",
            "date": None,
            "flag": "",
            "detail": "",
        }


def _first(rows: Iterator[dict], count: int) -> Iterator[dict]:
    """The first `count` rows of a streamed query, then the query closed (its cursor and lock
    released now, not when the generator is collected)."""
    try:
        yield from islice(rows, count)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _board_items(ctx: PackContext, by: date) -> Iterator[dict]:
    """One list of differently shaped records, in the board page's columns; each kind cut at
    LISTED_EACH (soonest, most urgent first), so the page stays a board page at any size."""
    yield from _first(_actions(ctx, by), LISTED_EACH)
    yield from _more("Action", LISTED_EACH, governance.count_actions_due(ctx.store, by), ActionLog.TITLE)
    yield from _issues(ctx)
    yield from _more("Issue", LISTED_EACH, governance.count_open(ctx.store, "issue"), IssueLog.TITLE)
    dependencies = governance.dependencies_at_risk(ctx.store, limit=LISTED_EACH + 1)
    yield from _dependencies(dependencies[:LISTED_EACH])
    if len(dependencies) > LISTED_EACH:
        total = governance.count_dependencies_at_risk(ctx.store)
        yield from _more("Dependency", LISTED_EACH, total, DependencyLog.TITLE)
    decisions = governance.decisions_awaiting(ctx.store, limit=LISTED_EACH + 1)
    yield from _decisions(decisions[:LISTED_EACH])
    if len(decisions) > LISTED_EACH:
        total = governance.count_decisions_awaiting(ctx.store)
        yield from _more("Decision", LISTED_EACH, total, DecisionLog.TITLE)


def _actions(ctx: PackContext, by: date) -> Iterator[dict]:
    for a in governance.actions_due(ctx.store, by):
        yield {
            "log": "Action",
            "ref": a["ref"],
            "item": a["title"],
            "owner": a["owner"],
            "workstream": a["workstream"],
            "date": a["due_date"],
            "flag": OVERDUE if a["overdue"] else "due",
            "detail": "; ".join(part for part in (_linked(a), a["notes"]) if part),
        }


def _issues(ctx: PackContext) -> Iterator[dict]:
    for i in governance.open_issues(ctx.store, limit=LISTED_EACH):
        yield {
            "log": "Issue",
            "ref": i["ref"],
            "item": i["title"],
            "owner": i["owner"],
            "workstream": i["workstream"],
            "date": None,
            "flag": i["priority"] or "not prioritised",
            "detail": "",
        }


def _in_words(day: str | None, none: str) -> str:
    return long_date(date.fromisoformat(day)) if day else none


def _dependencies(rows: list[dict]) -> Iterator[dict]:
    for d in rows:
        yield {
            "log": "Dependency",
            "ref": d["milestone_ref"],
            "item": f"{d['milestone_title']} needs {d['needs_ref']} {d['needs_title']}",
            "owner": "",
            "workstream": "",
            "date": d["milestone_date"],
            "flag": AT_RISK,
            "detail": f"{d['needs_ref']} is forecast {_in_words(d['needs_date'], 'with no date')}, "
            f"after {d['milestone_ref']} ({_in_words(d['milestone_date'], 'no date')})",
        }


def _decisions(rows: list[dict]) -> Iterator[dict]:
    for d in rows:
        yield {
            "log": "Decision",
            "ref": d["meeting_date"] or "",
            "item": d["title"],
            "owner": d["owner"],
            "workstream": "",
            "date": d["due_date"],
            "flag": "awaiting outcome",
            "detail": d["ask"],
        }


BOARD_COLUMNS = [
    Column("Log", 11, "text", lambda r: r["log"]),
    Column("Ref", 11, "text", lambda r: r["ref"]),
    Column("Item", 40, "wrap", lambda r: r["item"]),
    Column("Owner", 13, "wrap", lambda r: r["owner"]),
    Column("Workstream", 11, "text", lambda r: r["workstream"] or ""),
    Column("Due / date", 11.5, "date", lambda r: r["date"]),
    Column("Flag", 18, "text", lambda r: r["flag"], fill=lambda r: FLAG_BANDS.get(r["flag"])),
    Column("Detail", 38, "wrap", lambda r: r["detail"]),
]


class BoardGovernance:
    TITLE = "Actions and issues due"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        ws = layout.new_sheet(wb, BoardGovernance.TITLE, marking=ctx.marking)
        by, by_words = _due_by(ctx)
        top = layout.title_block(
            ws,
            "Actions, issues, dependencies and decisions for the board",
            f"Open actions overdue or due by {by_words}; open issues, most urgent first; milestones "
            f"whose dependency is at risk; decisions awaiting an outcome. Overdue is judged at "
            f"{long_date(ctx.status_date)}. Every record is in the logs after the registers.",
        )
        layout.write_table(
            ws,
            top,
            BOARD_COLUMNS,
            _board_items(ctx, by),
            empty_note="No action is due or overdue, no issue is open, no dependency is at risk.",
        )
        return ws


def _log_sheet(
    wb: Workbook,
    ctx: PackContext,
    title: str,
    heading: str,
    columns: list[Column],
    rows: Iterable[dict],
    what: str,
) -> PackSheet:
    ws = layout.new_sheet(wb, title, marking=ctx.marking)
    top = layout.title_block(ws, heading, f"As at {long_date(ctx.as_of)}.")
    total = ctx.store.scalar(f"SELECT COUNT(*) FROM {_TABLES[title]}") or 0
    layout.write_table(ws, top, columns, rows, print_pages=1, total=total, what=what)
    return ws


ACTION_COLUMNS = [
    Column("Ref", 7, "text", lambda r: r["ref"]),
    Column("Action", 40, "wrap", lambda r: r["title"]),
    Column("Owner", 13, "wrap", lambda r: r["owner"]),
    Column("Due", 11.5, "date", lambda r: r["due_date"]),
    Column("Status", 10, "text", lambda r: r["status"]),
    Column(
        "Overdue",
        9,
        "text",
        lambda r: OVERDUE if r["overdue"] else "",
        fill=lambda r: "Red" if r["overdue"] else None,
    ),
    Column("Workstream", 11, "text", lambda r: r["workstream"] or ""),
    Column("Linked to", 24, "wrap", _linked),
    Column("Raised at board", 12, "date", lambda r: r["raised_at"]),
    Column("Why done or dropped", 28, "wrap", lambda r: r["status_reason"]),
    Column("Notes", 34, "wrap", lambda r: r["notes"]),
]
ISSUE_COLUMNS = [
    Column("Ref", 7, "text", lambda r: r["ref"]),
    Column("Issue", 36, "wrap", lambda r: r["title"]),
    Column("Owner", 13, "wrap", lambda r: r["owner"]),
    Column(
        "Priority",
        10,
        "text",
        lambda r: r["priority"] or "",
        fill=lambda r: FLAG_BANDS.get(r["priority"] or ""),
    ),
    Column("Status", 9, "text", lambda r: r["status"]),
    Column("Workstream", 11, "text", lambda r: r["workstream"] or ""),
    Column("Raised", 11.5, "date", lambda r: r["raised_date"]),
    Column("Closed", 11.5, "date", lambda r: r["closed_date"]),
    Column("Was risk", 9, "text", lambda r: r["risk_ref"] or ""),
    Column("Description", 40, "wrap", lambda r: r["description"]),
    Column("Notes", 30, "wrap", lambda r: r["notes"]),
]
DECISION_COLUMNS = [
    Column("Board", 11.5, "date", lambda r: r["meeting_date"]),
    Column("Decision", 36, "wrap", lambda r: r["title"]),
    Column("What the board is asked", 40, "wrap", lambda r: r["ask"]),
    Column("Owner", 13, "wrap", lambda r: r["owner"]),
    Column("Due", 11.5, "date", lambda r: r["due_date"]),
    Column("Outcome", 11, "text", lambda r: r["outcome"] or "awaiting"),
    Column("Actions raised", 14, "wrap", lambda r: r["actions"] or ""),
    Column("Notes", 34, "wrap", lambda r: r["notes"]),
]
DEPENDENCY_COLUMNS = [
    Column("Milestone", 10, "text", lambda r: r["milestone_ref"]),
    Column("Title", 32, "wrap", lambda r: r["milestone_title"]),
    Column("Date", 11.5, "date", lambda r: r["milestone_date"]),
    Column("Needs", 10, "text", lambda r: r["needs_ref"]),
    Column("Needed milestone", 32, "wrap", lambda r: r["needs_title"]),
    Column("Its date", 11.5, "date", lambda r: r["needs_date"]),
    Column(
        "Flag",
        18,
        "text",
        lambda r: AT_RISK if r["at_risk"] else ("met" if r["needs_done"] else ""),
        fill=lambda r: "Amber" if r["at_risk"] else None,
    ),
    Column("Notes", 30, "wrap", lambda r: r["notes"]),
]
LESSON_COLUMNS = [
    Column("Date", 11.5, "date", lambda r: r["lesson_date"]),
    Column("Workstream", 11, "text", lambda r: r["workstream"] or ""),
    Column("Lesson", 40, "wrap", lambda r: r["lesson"]),
    Column("What happened", 40, "wrap", lambda r: r["what_happened"]),
    Column("What to do next time", 40, "wrap", lambda r: r["next_time"]),
]
_TABLES = {
    "Action log": "action",
    "Issue log": "issue",
    "Decision log": "decision",
    "Dependencies": "milestone_dependency",
    "Lessons log": "lesson",
}


class ActionLog:
    TITLE = "Action log"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        rows = governance.action_log(ctx.store)
        return _log_sheet(wb, ctx, ActionLog.TITLE, "Action log", ACTION_COLUMNS, rows, "actions")


class IssueLog:
    TITLE = "Issue log"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        rows = governance.issue_log(ctx.store)
        return _log_sheet(wb, ctx, IssueLog.TITLE, "Issue log", ISSUE_COLUMNS, rows, "issues")


class DecisionLog:
    TITLE = "Decision log"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        rows = governance.decision_log(ctx.store)
        return _log_sheet(
            wb, ctx, DecisionLog.TITLE, "Board decision log", DECISION_COLUMNS, rows, "decisions"
        )


class DependencyLog:
    TITLE = "Dependencies"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        rows = governance.dependency_log(ctx.store)
        return _log_sheet(
            wb,
            ctx,
            DependencyLog.TITLE,
            "Dependencies between milestones",
            DEPENDENCY_COLUMNS,
            rows,
            "dependencies",
        )


class LessonLog:
    TITLE = "Lessons log"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        rows = governance.lesson_log(ctx.store)
        return _log_sheet(wb, ctx, LessonLog.TITLE, "Lessons log", LESSON_COLUMNS, rows, "lessons")
