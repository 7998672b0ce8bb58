"""Lists laid out for a board: styled header, frozen, filtered, fitted widths, wrapped text,
landscape print fitted to the page width with the header repeated on every page."""

import textwrap
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date

from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from t2025tui.core.export import cells

LINE_HEIGHT = 15.0
MAX_ROW_LINES = 20  # a very long cell still prints; it is not allowed to swallow a page


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    kind: str  # text | wrap | date | int | number | rag | band | gbp
    value: Callable[[dict], object]
    fill: Callable[[dict], str | None] | None = None  # a RAG band to fill the cell with


def title_block(ws: Worksheet, title: str, subtitle: str = "") -> int:
    """Sheet title (and subtitle); returns the next free row."""
    cells.put_text(ws, 1, 1, title).font = cells.TITLE_FONT
    ws.row_dimensions[1].height = 24
    if subtitle:
        cells.put_text(ws, 2, 1, subtitle).font = cells.NOTE_FONT
    return 4


def write_table(ws: Worksheet, top: int, columns: Sequence[Column], rows: Sequence[dict], *,
                freeze: bool = True, filter_: bool = True, empty_note: str = "None recorded.") -> int:
    """Header at `top`, one row per item below it; returns the next free row after the table."""
    for index, column in enumerate(columns, start=1):
        cell = cells.put_text(ws, top, index, column.header)
        cell.font = cells.HEADER_FONT
        cell.fill = cells.HEADER_FILL
        cell.alignment = cells.CENTRE
        cell.border = cells.GRID_BORDER
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[top].height = max(LINE_HEIGHT * 2, row_height(
        [(c.header, c.width) for c in columns]))
    # Cells that look alike share one style: openpyxl hashes every style attribute set on a
    # cell, which for a 10,000-row register costs seconds; copying a finished style does not.
    styles: dict[tuple, StyleArray] = {}
    for offset, item in enumerate(rows, start=1):
        row = top + offset
        sized = []
        for index, column in enumerate(columns, start=1):
            value = column.value(item)
            band = column.fill(item) if column.fill else None
            stored, is_text, look = _converted(column.kind, value)
            key = (index, look, band)
            style = styles.get(key)
            if style is None:
                cell = _put(ws, row, index, column.kind, value)
                cell.border = cells.GRID_BORDER
                if column.fill is not None:
                    cells.fill_for_band(cell, band)
                    cell.alignment = cells.CENTRE
                styles[key] = copy(cell._style)
            else:
                cell = ws.cell(row=row, column=index)
                if stored is not None:
                    cell.value = stored
                    if is_text:
                        cell.data_type = "s"
                cell._style = copy(style)
            if column.kind == "wrap":
                sized.append((stored if is_text else value, column.width))  # stored: already cleaned
        if sized:
            ws.row_dimensions[row].height = row_height(sized)
    last = top + len(rows)
    if not rows:
        cells.put_text(ws, top + 1, 1, empty_note).font = cells.NOTE_FONT
        last = top + 1
    if freeze:
        ws.freeze_panes = ws.cell(row=top + 1, column=1)
        ws.print_title_rows = f"{top}:{top}"
    if filter_ and rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(columns))}{last}"
    return last + 2


def _converted(kind: str, value) -> tuple[object, bool, tuple]:
    """What `_put` stores for this value (None: nothing), whether it is text, and what decides its look."""
    if kind == "date" or (kind in ("auto", "wrap") and isinstance(value, date)):
        stored, number_format = cells.date_value(value)
        return stored, False, ("date", number_format)
    if kind in ("int", "number", "gbp"):
        return value, False, (kind,)
    if kind == "rag":
        return value or "not set", True, ("rag", value)
    if kind == "band":
        value = value or ""
    text = cells.safe_text(value)
    return text or None, True, (kind, cells.needs_quote_prefix(text), value if kind == "band" else None)


def _put(ws: Worksheet, row: int, column: int, kind: str, value):
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
    per_line = max(int(width * 1.05), 1)
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(len(textwrap.wrap(part, per_line)) or 1 for part in text.split("\n"))


def print_setup(ws: Worksheet, *, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&A — page &P of &N"
