"""Lists laid out for a board: styled header, frozen, filtered, fitted widths, wrapped text,
landscape print fitted to the page width with the header repeated on every page."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from t2025tui.core.export import cells
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


def new_sheet(wb: Workbook, title: str, *, landscape: bool = True) -> PackSheet:
    """A sheet of the pack, set up to print (that goes at the top, so it comes first)."""
    sheet = PackSheet(wb, title)
    print_setup(sheet.ws, landscape=landscape)
    return sheet


def title_block(ws: PackSheet, title: str, subtitle: str = "") -> int:
    """Sheet title (and subtitle); returns the next free row."""
    cells.put_text(ws, 1, 1, title).font = cells.TITLE_FONT
    ws.set_height(1, 24)
    if subtitle:
        cells.put_text(ws, 2, 1, subtitle).font = cells.NOTE_FONT
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
) -> int:
    """Header at `top`, one row per item below it; returns the next free row after the table.

    The rows are streamed: each is written as soon as it is built (and may come straight from a
    query's cursor, so no register is ever held whole)."""
    for index, column in enumerate(columns, start=1):
        cell = cells.put_text(ws, top, index, column.header)
        cell.font = cells.HEADER_FONT
        cell.fill = cells.HEADER_FILL
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
    return last + 2


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
    text = cells.safe_text(value)
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


def print_setup(ws: Worksheet, *, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&A — page &P of &N"
