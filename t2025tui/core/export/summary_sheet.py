"""Summary: the one page a board member reads first."""

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break

from t2025tui.core.export import cells, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries
from t2025tui.core.queries import settings, status

TITLE = "Summary"
WIDTHS = {"A": 30, "B": 16, "C": 96}
TEXT_WIDTH = WIDTHS["B"] + WIDTHS["C"]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE)
    ws.ws.sheet_view.showGridLines = False
    for letter, width in WIDTHS.items():
        ws.set_width(letter, width)
    prog = ctx.programme
    name = " — ".join(part for part in (prog.get("name"), prog.get("organisation")) if part)
    row = layout.title_block(ws, "Futures Board progress pack", name)
    row = _framing(ws, row, ctx, prog)
    row = _section(ws, row, "Programme status")
    row = _rag_line(ws, row, "Overall", prog.get("overall_rag"), prog.get("overall_rag_reason"))
    row = _rag_line(ws, row, "Risk management", prog.get("risk_rag"), prog.get("risk_rag_reason"))
    row = _workstreams(ws, row + 1, ctx)
    row = _list(
        ws,
        row + 1,
        "Key messages",
        [m.text for m in settings.key_messages(ctx.store)],
        bullet="•",
    )
    # Printed landscape, the summary takes two pages: status first, then counts and asks.
    ws.ws.row_breaks.append(Break(id=row))  # type: ignore[attr-defined]  # write-only sheets have it; the stubs lack it
    row = _counts(ws, row + 1, ctx)
    decisions = [d["title"] for d in pack_queries.pending_decisions(ctx.store)]
    row = _list(ws, row + 1, "Decisions required from the board", decisions, numbered=True)
    row = _section(ws, row + 1, "Conclusion")
    _text_row(ws, row, status.conclusion(ctx.store))
    return ws


def _framing(ws: PackSheet, row: int, ctx: PackContext, prog: dict) -> int:
    as_of_note = "rebuilt from the change log" if ctx.time_travelled else "the current data"
    pairs = [
        ("Reporting period", prog.get("reporting_period") or "not set", None),
        ("Programme as at", long_date(ctx.as_of), as_of_note),
        ("Status date", long_date(ctx.status_date), "milestone and review statuses are judged at this date"),
        ("Last Futures Board", long_date(ctx.last_board) if ctx.last_board else "none recorded", None),
        ("Changes listed", f"made {ctx.since_words}", "see the sheet Changes since last board"),
        ("Next Futures Board", long_date(ctx.next_board) if ctx.next_board else "not scheduled", None),
        ("Pack generated", ctx.generated_at.strftime("%d %B %Y %H:%M"), None),
    ]
    for label, value, note in pairs:
        cells.put_text(ws, row, 1, label).font = cells.LABEL_FONT
        cells.put_text(ws, row, 2, f"{value} ({note})" if note else value)
        ws.merge(row, 2, 3)
        row += 1
    return row + 1


def _section(ws: PackSheet, row: int, heading: str) -> int:
    cell = cells.put_text(ws, row, 1, heading)
    cell.font = cells.SUBTITLE_FONT
    ws.set_height(row, 20)
    return row + 1


def _rag_line(ws: PackSheet, row: int, label: str, rag: str | None, reason: str | None) -> int:
    cells.put_text(ws, row, 1, label).font = cells.LABEL_FONT
    cells.put_rag(ws, row, 2, rag)
    cells.put_text(ws, row, 3, reason or "no reason recorded", wrap=True)
    ws.set_height(row, layout.row_height([(reason, WIDTHS["C"])]))
    return row + 1


def _text_row(ws: PackSheet, row: int, text: str, *, column: int = 1, bullet: str = "") -> int:
    shown = f"{bullet} {cells.safe_text(text)}" if bullet else text
    cells.put_text(ws, row, column, shown, wrap=True)
    ws.merge(row, column, 3)
    width = sum(WIDTHS.values()) if column == 1 else TEXT_WIDTH
    ws.set_height(row, layout.row_height([(shown, width)]))
    return row + 1


def _workstreams(ws: PackSheet, row: int, ctx: PackContext) -> int:
    row = _section(ws, row, "Workstreams")
    for item in status.workstreams(ctx.store, board_date=ctx.compare_date):
        cells.put_text(ws, row, 1, item["name"], wrap=True)
        cells.put_rag(ws, row, 2, item["rag"])
        trend = item["trend"]
        then = item["rag_at_board"] or "not set"
        note = {
            "same": f"{status.TREND_ARROWS['same']} same as at the last board",
            "better": f"{status.TREND_ARROWS['better']} better (was {then} at the last board)",
            "worse": f"{status.TREND_ARROWS['worse']} worse (was {then} at the last board)",
            "new": f"{status.TREND_ARROWS['new']} new since the last board",
        }[trend]
        cells.put_text(ws, row, 3, f"{note}. Lead: {item['lead'] or 'not named'}", wrap=True)
        ws.set_height(row, layout.row_height([(item["name"], WIDTHS["A"])]))
        row += 1
    return row


def _list(
    ws: PackSheet, row: int, heading: str, items: list[str], *, bullet: str = "", numbered: bool = False
) -> int:
    row = _section(ws, row, heading)
    if not items:
        cells.put_text(ws, row, 1, "None recorded.").font = cells.NOTE_FONT
        return row + 1
    for number, item in enumerate(items, start=1):
        row = _text_row(ws, row, item, bullet=f"{number}." if numbered else bullet)
    return row


def _counts(ws: PackSheet, row: int, ctx: PackContext) -> int:
    row = _section(ws, row, "Counts")
    milestones = status.milestone_counts(ctx.store)
    risks = status.risk_counts(ctx.store)
    recs = status.recommendation_counts(ctx.store)
    total_recs = sum(r["n"] for r in pack_queries.recommendation_status_counts(ctx.store))
    lines = [
        ("Milestones late", milestones["late"], f"of {sum(milestones.values())} milestones"),
        ("Milestones at risk", milestones["at risk"], None),
        ("Milestones on track", milestones["on track"], None),
        ("Milestones complete", milestones["complete"], None),
        ("Milestones de-scoped", milestones["de-scoped"], None),
        ("Open risks", risks["open"], f"{risks['unscored']} not yet scored"),
        ("Red risks", risks["Red"], "by residual score, else inherent"),
        ("Risks overdue for review", risks["review overdue"], None),
        (
            "Recommendations signed off",
            recs.get("Signed off", 0),
            f"of {recs['total']} HMICFRS recommendations"
            + (
                f" ({total_recs} items including causes of concern and areas for improvement)"
                if total_recs != recs["total"]
                else ""
            ),
        ),
        ("Submitted for closure", recs.get("Submitted for closure", 0), None),
    ]
    for label, count, note in lines:
        cells.put_text(ws, row, 1, label).font = cells.LABEL_FONT
        cell = cells.put_number(ws, row, 2, count)
        cell.alignment = cells.CENTRE
        if note:
            cells.put_text(ws, row, 3, note).font = cells.NOTE_FONT
        row += 1
    return row
