"""Lists laid out for a board: styled header, frozen, filtered, fitted widths, wrapped text,
and printed to be read: A4 landscape, the protective marking at the top and bottom of every
page, the page number in a footer the margins leave room for, and no text under 8 pt.

A sheet fitted to one page width prints at the scale of its widest line, so a register of 22
columns printed at 4 pt. Here a list prints only as many of its leading columns as fit at a
readable scale (its columns are ordered so the ones a board reads come first), and a long
register prints only its first pages: the rest is read on screen, and the sheet says so.
"""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from t2025tui.core.export import cells, editing
from t2025tui.core.export.sheet import PackSheet, SharedStyleCell

LINE_HEIGHT = 15.0
MAX_ROW_LINES = 20  # a very long cell still prints; it is not allowed to swallow a page


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    kind: str  # text | wrap | date | int | number | rag | band | gbp
    value: Callable[[dict], object]
    fill: Callable[[dict], str | None] | None = None  # a RAG band to fill the cell with
    # A column a lead may edit in the returned pack: unlocked, and checked as typed (a drop-down
    # of `choices`, a date for date columns, any text otherwise). Every other cell is locked.
    editable: bool = False
    choices: tuple[str, ...] = ()


# Print geometry, in inches and points. A4 is 8.27 x 11.69 in.
A4_INCHES = (8.27, 11.69)
SIDE_MARGIN, PAGE_MARGIN, HEADER_MARGIN = 0.4, 0.75, 0.3  # header and footer sit inside the page margin
MIN_PRINTED_POINTS = 8.0
BODY_POINTS = 11.0  # the smallest text the pack writes (Calibri 11)
# The least scale at which 11 pt text still prints at 8 pt or more, with a little kept back for
# the spreadsheet's own rounding of column widths.
MIN_SCALE = MIN_PRINTED_POINTS / BODY_POINTS * 1.04


def printable_inches(landscape: bool = True) -> tuple[float, float]:
    """(width, height) of the area a page prints into."""
    short, long = A4_INCHES
    width, height = (long, short) if landscape else (short, long)
    return width - 2 * SIDE_MARGIN, height - 2 * PAGE_MARGIN


def column_pixels(width: float) -> int:
    """A column's width on screen and paper at 100% (96 per inch): Calibri 11's 7-pixel digit
    times the width, plus the 5 pixels of padding a spreadsheet adds."""
    return int(width * 7 + 5)


def fit_scale(widths: Sequence[float], landscape: bool = True) -> float:
    """The scale a spreadsheet prints these columns at when fitted to one page width."""
    page = printable_inches(landscape)[0] * 96
    return min(1.0, page / max(1, sum(column_pixels(w) for w in widths)))


def printed_columns(widths: Sequence[float], landscape: bool = True) -> int:
    """How many leading columns fit one page width at a readable scale (at least one)."""
    page = printable_inches(landscape)[0] * 96 / MIN_SCALE
    used, count = 0, 0
    for width in widths:
        used += column_pixels(width)
        if used > page:
            break
        count += 1
    return max(count, 1)


def pages_wide(widths: Sequence[float], landscape: bool = True) -> int:
    """Pages across that print all these columns at a readable scale."""
    page = printable_inches(landscape)[0] * 96 / MIN_SCALE
    return max(1, math.ceil(sum(column_pixels(w) for w in widths) / page))


def page_points(scale: float, landscape: bool = True) -> float:
    """How much of a sheet's height (in points at 100%) one page holds at this scale."""
    return printable_inches(landscape)[1] * 72 / scale


def new_sheet(wb: Workbook, title: str, *, marking: str, landscape: bool = True) -> PackSheet:
    """A sheet of the pack, set up to print (that goes at the top, so it comes first)."""
    sheet = PackSheet(wb, title)
    print_setup(sheet.ws, marking=marking, landscape=landscape)
    return sheet


def limit_print(ws: PackSheet, columns: Sequence[float], *, pages: int, landscape: bool = True) -> int:
    """Print only the leading columns that fit one page width and the rows that fill `pages`
    pages; returns the number of columns printed."""
    count = printed_columns(columns, landscape)
    scale = fit_scale(columns[:count], landscape)
    ws.print_within(count, page_points(scale, landscape) * pages * 0.97)
    ws.ws.page_setup.fitToWidth = 1
    return count


def print_note(count: int, total_columns: int, rows: int, what: str, elsewhere: str = "") -> str:
    """The line a bounded list carries, saying where the rest of it is."""
    columns = (
        f" and its first {count} columns (to {get_column_letter(count)})" if count < total_columns else ""
    )
    also = f"; {elsewhere}" if elsewhere else ""
    return (
        f"On paper: the first page of this list{columns}. All {rows:,} {what} and every column are "
        f"in this tab on screen{also}."
    )


def title_block(ws: PackSheet, title: str, subtitle: str = "", *, instructions: str = "") -> int:
    """Sheet title (and subtitle, and on an editable sheet how to edit it); returns the row for
    the table's header, leaving a row above it for the note a bounded list carries."""
    cells.put_text(ws, 1, 1, title).font = cells.TITLE_FONT
    ws.set_height(1, 24)
    if subtitle:
        cells.put_text(ws, 2, 1, subtitle).font = cells.NOTE_FONT
    if instructions:
        cells.put_text(ws, 3, 1, instructions).font = cells.INSTRUCTION_FONT
        return 5
    return 4


def write_table(
    ws: PackSheet,
    top: int,
    columns: Sequence[Column],
    rows: Iterable[dict],
    *,
    freeze: bool = True,
    filter_: bool = True,
    empty_note: str = "None recorded.",
    print_pages: int | None = None,
    total: int = 0,
    what: str = "rows",
    elsewhere: str = "",
) -> int:
    """Header at `top`, one row per item below it; returns the next free row after the table.

    The rows are streamed: each is written as soon as it is built (and may come straight from a
    query's cursor, so no register is ever held whole). With `print_pages`, printing is bounded
    to that many pages and the line above the header says so (`total` rows of `what`); without,
    the list prints whole, as many pages across as keep its text readable."""
    widths = [c.width for c in columns]
    if print_pages is not None:
        count = limit_print(ws, widths, pages=print_pages)
        # Said when the list may not fit its pages: a row takes four lines or fewer, mostly.
        if total * LINE_HEIGHT * 4 > page_points(fit_scale(widths[:count])) * print_pages:
            note = print_note(count, len(columns), total, what, elsewhere)
            cells.put_text(ws, top - 1, 1, note).font = cells.NOTE_FONT
    else:
        count = len(columns)
        ws.ws.page_setup.fitToWidth = pages_wide(widths)
    _wrap_lines_above(ws, top, widths[: max(count, 1)])
    for index, column in enumerate(columns, start=1):
        cell = cells.put_text(ws, top, index, column.header)
        cell.font = cells.HEADER_FONT
        cell.fill = cells.EDIT_HEADER_FILL if column.editable else cells.HEADER_FILL
        cell.alignment = cells.CENTRE
        cell.border = cells.GRID_BORDER
        ws.set_width(index, column.width)
    ws.set_height(top, max(LINE_HEIGHT * 2, row_height([(c.header, c.width) for c in columns])))
    if freeze:
        ws.freeze(top + 1)
        ws.ws.print_title_rows = f"{top}:{top}"
    # Cells that look alike share one finished style: openpyxl hashes every style attribute set
    # on a cell, which for a 10,000-row register costs seconds; sharing the result does not.
    plans: list[tuple[int, Column, Callable, Callable | None, Callable, dict]] = [
        (index, column, column.value, column.fill, _CONVERTERS[column.kind], {})
        for index, column in enumerate(columns, start=1)
    ]
    wrapped = [
        (index, _per_line(column.width)) for index, column in enumerate(columns) if column.kind == "wrap"
    ]
    sheet = ws.ws
    offset = 0
    for offset, item in enumerate(rows, start=1):
        row = top + offset
        out = []
        for index, column, value_of, fill_of, convert, styles in plans:
            value = value_of(item)
            band = fill_of(item) if fill_of is not None else None
            stored, data_type, look = convert(value)
            style = styles.get((look, band))
            if style is None:
                finished = _table_style(sheet, column, value, band)
                style = styles[(look, band)] = (finished, ws.style_id(finished))
            out.append(SharedStyleCell(sheet, row, index, style, stored, data_type))
        lines = 1
        for index, per_line in wrapped:
            text = out[index]._value
            if text.__class__ is str and (len(text) > per_line or "\n" in text):
                lines = max(lines, _lines(text, per_line))
        ws.stream_row(row, out, LINE_HEIGHT * min(lines, MAX_ROW_LINES) if lines > 1 else None)
    last = top + offset
    if not offset:
        cells.put_text(ws, top + 1, 1, empty_note).font = cells.NOTE_FONT
        last = top + 1
    if filter_ and offset:
        sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{last}"
    if offset and any(column.editable for column in columns):
        editing.guard(ws, top + 1, last, columns)
    return last + 2


def _wrap_lines_above(ws: PackSheet, top: int, widths: Sequence[float]) -> None:
    """The lines between the title and the table wrap within the printed columns, instead of
    running on past the edge of the page."""
    for row in sorted({2, 3, top - 1} & set(range(2, top))):
        cell = ws.held_line(row)
        if cell is None or not isinstance(cell.value, str) or len(widths) < 2:
            continue
        cell.alignment = cells.WRAP
        ws.merge(row, 1, len(widths))
        ws.set_height(row, row_height([(cell.value, sum(widths))]))


# What a table cell stores (None: nothing), its openpyxl data type, and what else decides its
# look (cells alike in that share a style), by column kind.


def _date(value) -> tuple[object, str, str]:
    stored, number_format = cells.date_value(value)
    return stored, "d", number_format


def _number(value) -> tuple[object, str, None]:
    if value is not None and (value.__class__ is bool or not isinstance(value, (int, float))):
        raise TypeError(f"not a number: {value!r}")
    return value, "n", None


def _text(value) -> tuple[object, str, bool]:
    text = cells.cell_text(value)
    return text or None, "s", text.startswith(cells.FORMULA_STARTS)


def _text_or_date(value) -> tuple[object, str, object]:
    return _date(value) if isinstance(value, date) else _text(value)


def _rag(value) -> tuple[object, str, object]:
    return value or "not set", "s", value


def _band(value) -> tuple[object, str, object]:
    text, data_type, quoted = _text(value or "")
    return text, data_type, (quoted, value)


_CONVERTERS = {
    "date": _date,
    "int": _number,
    "number": _number,
    "gbp": _number,
    "text": _text,
    "wrap": _text_or_date,
    "auto": _text_or_date,
    "rag": _rag,
    "band": _band,
}


class _StyleProbe:
    """Stands in for a sheet so the cell writers style one loose cell, whose style is then shared."""

    def __init__(self, sheet):
        self.probe = Cell(sheet)

    def cell(self, row: int, column: int) -> Cell:
        return self.probe


def _table_style(sheet, column: Column, value, band: str | None) -> StyleArray:
    probe = _StyleProbe(sheet)
    cell = _put(probe, 0, 0, column.kind, value)
    cell.border = cells.GRID_BORDER
    if column.fill is not None:
        cells.fill_for_band(cell, band)
        cell.alignment = cells.CENTRE
    if column.editable:
        cell.protection = editing.UNLOCKED
    return cell._style


def _put(ws, row: int, column: int, kind: str, value):
    if kind == "date" or (kind in ("auto", "wrap") and isinstance(value, date)):
        return cells.put_date(ws, row, column, value)
    if kind == "int":
        return cells.put_number(ws, row, column, value)
    if kind == "number":
        return cells.put_number(ws, row, column, value, "General")
    if kind == "gbp":
        return cells.put_number(ws, row, column, value, cells.GBP000_FORMAT)
    if kind == "rag":
        return cells.put_rag(ws, row, column, value)
    if kind == "band":
        cell = cells.put_text(ws, row, column, value or "")
        cells.fill_for_band(cell, value)
        cell.alignment = cells.CENTRE
        return cell
    return cells.put_text(ws, row, column, value, wrap=kind == "wrap")


def row_height(texts: Sequence[tuple[object, float]]) -> float:
    """A height that shows wrapped text in full; Excel does not grow rows by itself on open."""
    lines = 1
    for text, width in texts:
        lines = max(lines, wrapped_lines(cells.safe_text(text), width))
    return LINE_HEIGHT * min(lines, MAX_ROW_LINES)


def wrapped_lines(text: str, width: float) -> int:
    """Lines the text takes when wrapped at word breaks in a column `width` characters wide."""
    per_line = _per_line(width)
    if len(text) <= per_line and "\n" not in text:
        return 1
    return _lines(text, per_line)


def _per_line(width: float) -> int:
    return max(int(width * 1.05), 1)


def _lines(text: str, per_line: int) -> int:
    """Greedy word wrap, counting lines only (textwrap builds every line and was a fifth of the
    export's time); a word longer than a line is broken across lines, as a spreadsheet does."""
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        if len(paragraph) > per_line:
            for word in paragraph.split():
                length = len(word)
                if used and used + 1 + length <= per_line:
                    used += 1 + length
                    continue
                if used:
                    lines += 1
                while length > per_line:
                    lines += 1
                    length -= per_line
                used = length
        total += lines
    return total


def print_setup(ws, *, marking: str, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    # The header and footer print inside the top and bottom margins: with a margin no larger
    # than the footer's, the footer falls off the page.
    ws.page_margins.top = ws.page_margins.bottom = PAGE_MARGIN
    ws.page_margins.header = ws.page_margins.footer = HEADER_MARGIN
    # Header and footer text is a code of its own (& starts a command): a marking is shown as written.
    shown = marking.replace("&", "&&")
    ws.oddHeader.center.text = f"&B{shown}"
    ws.oddFooter.left.text = shown
    ws.oddFooter.center.text = "&A — page &P of &N"
