"""Summary: the one A4 page a board member reads first, in the manner of a PRINCE2 highlight
report and the IPA dashboards: status now and at the last board, the workstream grid, key
messages (figures computed from the data), decisions asked of the board, key milestones, the
top five risks with a heat map, the finance position in words, done and planned.

The page is a grid of columns shared by two panels (left A-G, right I-M); every cell is placed
by row and column and held until the sheet is written, so the panels fill side by side. The
programme's Overall and Risk management lines keep their RAG in B and reason in C, where
`t2025 import updates` reads an edit of them.
"""

from datetime import date, timedelta

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from t2025tui.core.export import cells, editing, finance_sheet, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import finance, key_messages, status
from t2025tui.core.queries import pack as pack_queries
from t2025tui.core.rag import rag_scale

TITLE = "Summary"
WIDTHS = {
    "A": 25, "B": 9, "C": 9, "D": 9, "E": 8, "F": 8, "G": 30,  # left panel
    "H": 2,  # gap
    "I": 15, "J": 26, "K": 11.5, "L": 11, "M": 20,  # right panel
}  # fmt: skip
LEFT, RIGHT = (1, 7), (9, 13)
ROW = layout.LINE_HEIGHT
GAP = 6.0  # the height of a spacer row between blocks
SMALL_HEADER = Font(name=cells.FONT, bold=True, color="1F3864")
TREND_WORDS = {"better": "↑ better", "worse": "↓ worse", "same": "→ same", "new": "• new"}
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
NEXT_PERIOD_DAYS = 31  # "planned next period" when no next board is scheduled
# The most row height (points at 100%) the page holds with its text still 8 pt or more when
# fitted to one page, as LibreOffice fits it (the pack's own figure, measured on its renders).
ONE_PAGE_POINTS = 760.0
MANY_WORKSTREAMS = 6  # beyond this, each workstream's line is cut to one line


def _width(first: int, last: int) -> float:
    return sum(WIDTHS[get_column_letter(c)] for c in range(first, last + 1))


class Page:
    """Places text on the summary grid and keeps each row tall enough for what it holds."""

    def __init__(self, ws: PackSheet):
        self.ws = ws
        self.heights: dict[int, float] = {}

    def text(
        self, row: int, first: int, value: object, *, last: int | None = None, lines: int = 1, font=None
    ):
        """Text in columns first..last (merged), wrapped, cut to `lines` lines with an ellipsis."""
        last = last or first
        width = _width(first, last)
        shown = _cut(cells.safe_text(value), width, lines)
        cell = cells.put_text(self.ws, row, first, shown, wrap=True)
        if font is not None:
            cell.font = font
        if last > first:
            self.ws.merge(row, first, last)
        self.tall(row, layout.row_height([(shown, width)]))
        return cell

    def rag(self, row: int, column: int, rag: str | None):
        cell = cells.put_rag(self.ws, row, column, rag)
        self.tall(row, ROW)
        return cell

    def header(self, row: int, labels: dict[int, str], title: tuple[int, int, str] | None = None) -> None:
        if title is not None:
            first, last, text = title
            self.text(row, first, text, last=last, font=cells.SUBTITLE_FONT)
            self.tall(row, 16)
        for column, label in labels.items():
            self.text(row, column, label, font=SMALL_HEADER)

    def tall(self, row: int, height: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0), height)

    def gap(self, row: int) -> None:
        """A thin spacer row between blocks."""
        self.heights[row] = GAP

    def total(self, last: int) -> float:
        """The height of rows 1..last, in points at 100%."""
        return sum(self.heights.get(row, ROW) for row in range(1, last + 1))

    def finish(self) -> None:
        for row, height in self.heights.items():
            if height != ROW:
                self.ws.set_height(row, height)


def _cut(text: str, width: float, lines: int) -> str:
    if layout.wrapped_lines(text, width) <= lines:
        return text
    room = max(int(width * 1.05) * lines - 4, 8)
    cut = text[:room]
    while layout.wrapped_lines(cut + " …", width) > lines and len(cut) > 8:
        cut = cut[: -max(len(cut) // 20, 1)]
    return cut.rstrip(" ,;.") + " …"


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    ws.ws.sheet_view.showGridLines = False
    for letter, width in WIDTHS.items():
        ws.set_width(letter, width)
    # One page: fitted to the page's width and height (it is laid out to fill it at a readable size).
    ws.ws.page_setup.fitToHeight = 1
    page = Page(ws)
    prog = ctx.programme
    name = " — ".join(part for part in (prog.get("name"), prog.get("organisation")) if part)
    page.text(1, 1, f"Futures Board progress pack: {name}", last=13, font=cells.TITLE_FONT)
    page.tall(1, 24)
    row = _framing(page, 2, ctx, prog)
    row = _programme_status(page, row + 1, ctx, prog)
    row = _workstreams(page, row + 1, ctx)
    row = _side_by_side(page, row + 1, _key_messages(ctx), _decisions(ctx))
    row = _side_by_side(page, row + 1, _milestones(ctx), _risks(ctx))
    last = _side_by_side(page, row + 1, _heat_map(ctx), _finance_and_plan(ctx))
    page.finish()
    if page.total(last) > ONE_PAGE_POINTS:
        # Too much for one page at a readable size (a programme of many workstreams): two
        # pages at full size rather than one too small to read.
        ws.ws.page_setup.fitToHeight = 0
    return ws


def _framing(page: Page, row: int, ctx: PackContext, prog: dict) -> int:
    as_of_note = "rebuilt from the change log" if ctx.time_travelled else "the current data"
    board = long_date(ctx.last_board) if ctx.last_board else "none recorded"
    next_board = long_date(ctx.next_board) if ctx.next_board else "not scheduled"
    left = [
        ("Programme as at", f"{long_date(ctx.as_of)} ({as_of_note}); pack generated {generated(ctx)}"),
        ("Status date", f"{long_date(ctx.status_date)}: milestones are judged late or at risk at this date"),
    ]
    right = [
        ("Period", prog.get("reporting_period") or "not set"),
        ("Futures Board", f"last {board}; next {next_board}"),
    ]
    for offset, ((l_label, l_value), (r_label, r_value)) in enumerate(zip(left, right, strict=True)):
        page.text(row + offset, 1, l_label, font=cells.LABEL_FONT)
        page.text(row + offset, 2, l_value, last=7)
        page.text(row + offset, 9, r_label, font=cells.LABEL_FONT)
        page.text(row + offset, 10, r_value, last=13)
    row += len(left)
    page.text(row, 1, "At a glance", font=cells.LABEL_FONT)
    page.text(row, 2, at_a_glance(ctx), last=13, lines=2)
    page.text(row + 1, 1, "Outlook", font=cells.LABEL_FONT)
    page.text(row + 1, 2, status.conclusion(ctx.store), last=13)
    page.gap(row + 2)
    return row + 2


def at_a_glance(ctx: PackContext) -> str:
    """The programme's counts in one line, from the same figures as the key messages."""
    f = key_messages.figures(ctx.store)
    overdue = status.risk_counts(ctx.store)["review overdue"]
    return (
        f"Milestones: {f['late']} late, {f['at_risk']} at risk (of {f['milestones']}).  "
        f"Risks: {f['open_risks']} open, {f['red_risks']} Red, {overdue} overdue for review.  "
        f"Recommendations: {f['signed_off']} of {f['recommendations']} signed off, "
        f"{f['submitted']} submitted.  Workstreams: {f['on_track']} of {f['workstreams']} on track."
    )


def generated(ctx: PackContext) -> str:
    return f"{long_date(ctx.generated_at.date())} {ctx.generated_at.strftime('%H:%M')}"


def _programme_status(page: Page, row: int, ctx: PackContext, prog: dict) -> int:
    page.header(row, {2: "Now", 3: "Reason", 12: "Last board", 13: "Trend"}, title=(1, 1, "Programme"))
    scale = rag_scale(ctx.store)
    first = row + 1
    for label, field in (("Overall", "overall_rag"), ("Risk management", "risk_rag")):
        row += 1
        now = prog.get(field)
        then = pack_queries.programme_rag_at(ctx.store, field, now, ctx.since)
        page.text(row, 1, label, font=cells.LABEL_FONT)
        page.rag(row, 2, now)
        # Whole, never cut: the import compares this cell with the reason held (see module doc).
        page.text(
            row, 3, prog.get(f"{field}_reason") or "no reason recorded", last=11, lines=layout.MAX_ROW_LINES
        )
        page.rag(row, 12, then)
        page.text(row, 13, TREND_WORDS[status.trend(then, now)])
    # The programme's RAG may be edited here and imported back: offer its scale as it is typed.
    validation = DataValidation(type="list", formula1=f'"{",".join(scale)}"', allow_blank=True)
    validation.add(f"B{first}:B{row}")
    page.ws.ws.data_validations.append(validation)
    editing.follow_rag(page.ws, f"B{first}:B{row}", f"B{first}")
    page.gap(row + 1)
    return row + 1


def _workstreams(page: Page, row: int, ctx: PackContext) -> int:
    page.header(
        row,
        {
            2: "Now",
            3: "Was",
            4: "Trend",
            5: "Reason",
            9: "Lead",
            10: "Next key milestone",
            11: "Forecast",
            12: "Milestones",
        },
        title=(1, 1, "Workstreams"),
    )
    found = status.workstreams(ctx.store, board_date=ctx.compare_date)
    lines = 2 if len(found) <= MANY_WORKSTREAMS else 1
    for item in found:
        row += 1
        page.text(row, 1, item["name"], lines=lines)
        page.rag(row, 2, item["rag"])
        page.rag(row, 3, item["rag_at_board"])
        page.text(row, 4, TREND_WORDS[item["trend"]])
        page.text(row, 5, item["rag_reason"] or "no reason recorded", last=7, lines=lines)
        page.text(row, 9, item["lead"] or "not named")
        upcoming = item["next_milestone"]
        page.text(row, 10, upcoming["title"] if upcoming else "none open", lines=lines)
        if upcoming and upcoming["forecast_date"]:
            cells.put_date(page.ws, row, 11, upcoming["forecast_date"])
        page.text(row, 12, f"{item['late']} late, {item['at_risk']} at risk", last=13)
    page.gap(row + 1)
    return row + 1


# A block is a function placing itself at a row in its panel, returning the next free row.


def _side_by_side(page: Page, row: int, left, right) -> int:
    end = max(left(page, row, *LEFT), right(page, row, *RIGHT))
    page.gap(end)
    return end


def _key_messages(ctx: PackContext):
    texts = key_messages.key_messages(ctx.store, pack_queries.key_message_texts(ctx.store))

    def place(page: Page, row: int, first: int, last: int) -> int:
        page.header(row, {}, title=(first, last, "Key messages"))
        if not texts:
            page.text(row + 1, first, "None recorded.", last=last, font=cells.NOTE_FONT)
            return row + 2
        for text in texts:
            row += 1
            page.text(row, first, f"• {text}", last=last, lines=2)
        return row + 1

    return place


def _decisions(ctx: PackContext):
    decisions = pack_queries.pending_decisions(ctx.store)

    def place(page: Page, row: int, first: int, last: int) -> int:
        page.header(
            row, {first + 2: "Owner", first + 3: "By"}, title=(first, first + 1, "Decisions required")
        )
        if not decisions:
            page.text(row + 1, first, "None this time.", last=last, font=cells.NOTE_FONT)
            return row + 2
        for number, decision in enumerate(decisions, start=1):
            row += 1
            asked = decision["title"] + (f": {decision['ask']}" if decision.get("ask") else "")
            page.text(row, first, f"{number}. {asked}", last=first + 1, lines=2)
            page.text(row, first + 2, decision.get("owner") or "not named")
            due = decision.get("due_date")
            page.text(row, first + 3, long_date(date.fromisoformat(due)) if due else "not set", last=last)
        return row + 1

    return place


def _milestones(ctx: PackContext):
    found = pack_queries.key_milestones(ctx.store, ctx.since, ctx.next_board or ctx.status_date)

    def place(page: Page, row: int, first: int, last: int) -> int:
        page.header(
            row, {first + 3: "Forecast", first + 5: "Status"}, title=(first, first + 2, "Key milestones")
        )
        page.ws.merge(row, first + 3, first + 4)
        if not found:
            page.text(row + 1, first, "None late, at risk, due or moved.", last=last, font=cells.NOTE_FONT)
            return row + 2
        for item in found:
            row += 1
            page.text(row, first, item["title"], last=first + 2)
            if item["forecast_date"]:
                cells.put_date(page.ws, row, first + 3, item["forecast_date"])
            page.ws.merge(row, first + 3, first + 4)
            slip = item["slippage_days"]
            said = item["status"] + (f", {slip:+d} days on baseline" if slip else "")
            if item["moved"]:
                said += "; moved this period"
            page.text(row, first + 5, said, last=last)
        return row + 1

    return place


def _risks(ctx: PackContext):
    found = pack_queries.top_risks(ctx.store)

    def place(page: Page, row: int, first: int, last: int) -> int:
        page.header(
            row,
            {first + 2: "Residual", first + 3: "Owner", first + 4: "Mitigation"},
            title=(first, first + 1, "Top five risks"),
        )
        if not found:
            page.text(row + 1, first, "No open risks.", last=last, font=cells.NOTE_FONT)
            return row + 2
        for risk in found:
            row += 1
            page.text(row, first, f"{risk['ref']} {risk['title']}", last=first + 1)
            score = risk["residual_score"] or risk["inherent_score"]
            band = risk["residual_band"] or risk["inherent_band"]
            cell = page.text(row, first + 2, f"{score} {band}" if score else "not scored")
            cells.fill_for_band(cell, band)
            cell.alignment = CENTRE
            page.text(row, first + 3, risk["owner"] or "not named")
            mitigation = " — ".join(p for p in (risk["response"], risk["actions"]) if p)
            page.text(row, first + 4, mitigation or "none recorded")
        return row + 1

    return place


def _heat_map(ctx: PackContext):
    grid = pack_queries_heat_map(ctx)
    prog = ctx.programme

    def place(page: Page, row: int, first: int, last: int) -> int:
        page.header(row, {}, title=(first, last, "Open risks by residual impact and likelihood"))
        row += 1
        page.text(row, first, "Impact ↓  Likelihood →", font=cells.LABEL_FONT)
        for likelihood in range(1, 6):
            cell = cells.put_number(page.ws, row, first + likelihood, likelihood)
            cell.font, cell.alignment = cells.LABEL_FONT, CENTRE
        for impact in range(5, 0, -1):
            row += 1
            page.text(row, first, str(impact), font=cells.LABEL_FONT).alignment = CENTRE
            for likelihood in range(1, 6):
                count = grid[impact - 1][likelihood - 1]
                cell = cells.put_number(page.ws, row, first + likelihood, count or None)
                cells.fill_for_band(cell, _band(impact * likelihood, prog))
                cell.alignment = CENTRE
                cell.border = cells.GRID_BORDER
        return row + 1

    return place


def pack_queries_heat_map(ctx: PackContext) -> list[list[int]]:
    from t2025tui.core.queries import lists

    return lists.heat_map(ctx.store, "residual")


def _band(score: int, prog: dict) -> str:
    if score >= prog["band_red_min"]:
        return "Red"
    return "Amber" if score >= prog["band_amber_min"] else "Green"


def _finance_and_plan(ctx: PackContext):
    money = finance_sheet.gap_words(finance.table(ctx.store))
    done = pack_queries.completed_between(ctx.store, ctx.since, ctx.as_of)
    start = ctx.status_date
    end = (
        ctx.next_board
        if ctx.next_board and ctx.next_board > start
        else start + timedelta(days=NEXT_PERIOD_DAYS)
    )
    planned = pack_queries.due_between(ctx.store, start, end)

    def listed(items: list[dict], field: str, said: str, none: str) -> str:
        if not items:
            return none
        shown = "; ".join(f"{i['title']} ({long_date(date.fromisoformat(i[field]))})" for i in items[:3])
        return f"{len(items)} {said}: {shown}" + ("; …" if len(items) > 3 else "")

    def place(page: Page, row: int, first: int, last: int) -> int:
        page.header(row, {}, title=(first, last, "Finance, done and planned"))
        lines = [
            ("Finance", money),
            (
                "Done",
                listed(done, "actual_date", "completed this period", "No milestone completed this period."),
            ),
            (
                "Planned next",
                listed(
                    planned,
                    "forecast_date",
                    f"due by {long_date(end)}",
                    f"No milestone due by {long_date(end)}.",
                ),
            ),
        ]
        for label, text in lines:
            row += 1
            page.text(row, first, label, font=cells.LABEL_FONT)
            page.text(row, first + 1, text, last=last, lines=2)
        return row + 1

    return place
