"""Writing one cell safely, and the pack's look: RAG fills, fonts, number formats.

openpyxl turns any string starting with `=` into a live formula (and `#N/A` into an error
value), so every string from the database goes through `put_text`, which forces a text cell.
Formulas are only ever written by `put_formula`, with text the export itself composed.
"""

import re
from datetime import date, datetime
from typing import cast

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.text import strip_controls

Sheet = PackSheet | Worksheet  # the pack's sheets; any openpyxl worksheet works the same

EXCEL_CELL_MAX = 32_767
TRUNCATED = " …[cut: longer than Excel allows in a cell]"
# Characters XML 1.0 cannot hold at all, beyond the control characters strip_controls removes.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
FORMULA_STARTS = ("=", "+", "-", "@")
# Excel and LibreOffice read `_x000D_` (any `_x` and four hex digits and `_`) in a cell as the
# character it names; openpyxl writes it as it is. Their own escape for a literal one is to
# write its underscore as `_x005F_`, so the text reads back as typed.
# Every such underscore is escaped, also one that ends the sequence before it (`_x0041_x0042_`).
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"
GBP000_FORMAT = "#,##0;(#,##0);0"
MONEY_UNIT = "£000"  # the one label for money in the pack: thousands of pounds, as the report
INTEGER_FORMAT = "0;-0;0"

FONT = "Calibri"  # the workbook default; named so bold and italic cells do not fall back to a serif
# Fill colours for board papers: strong enough to print, light enough to read black text on.
RAG_COLOURS = {
    "Red": "FF9C9C",
    "Amber/Red": "FFB97A",
    "Amber": "FFD966",
    "Amber/Green": "D9E98A",
    "Green": "A9D18E",
}
HEADER_FILL = PatternFill("solid", start_color="1F3864", end_color="1F3864")
EDIT_HEADER_FILL = PatternFill("solid", start_color="375623", end_color="375623")  # a column to edit
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT, bold=True, size=16, color="1F3864")
SUBTITLE_FONT = Font(name=FONT, bold=True, size=12, color="1F3864")
LABEL_FONT = Font(name=FONT, bold=True)
NOTE_FONT = Font(name=FONT, italic=True, color="595959")
INSTRUCTION_FONT = Font(name=FONT, bold=True, color="375623")
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
THIN = Side(style="thin", color="BFBFBF")
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def safe_text(value: object) -> str:
    """The text as it may go into a cell: no control or non-XML characters, within Excel's limit."""
    text = "" if value is None else str(value)
    if not (text.isascii() and text.isprintable()):  # most text has nothing to clean
        text = _NOT_XML.sub("\ufffd", strip_controls(text))
    if len(text) > EXCEL_CELL_MAX // 2 and _excel_length(text) > EXCEL_CELL_MAX:
        # Excel counts UTF-16 units (an emoji is two), so cut on those, never inside a pair.
        keep = (EXCEL_CELL_MAX - len(TRUNCATED)) * 2
        text = text.encode("utf-16-le")[:keep].decode("utf-16-le", errors="ignore") + TRUNCATED
    return text


def cell_text(value: object) -> str:
    """`safe_text`, with any `_xHHHH_` in it escaped: the text a cell is written with. Applied
    once, where a cell's value is set (a second pass would escape the escape)."""
    text = safe_text(value)
    return _LOOKS_ESCAPED.sub("_x005F_", text) if "_x" in text else text


def _excel_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def put_text(ws: Sheet, row: int, column: int, value: object, *, wrap: bool = False) -> Cell:
    """A text cell holding exactly the user's string: never a formula, never an error value."""
    text = cell_text(value)
    cell = cast(Cell, ws.cell(row=row, column=column))
    if text:  # an empty string would be an empty inline-string cell; leave the cell blank
        cell.value = text
        cell.data_type = "s"
    if needs_quote_prefix(text):
        # Excel shows a leading apostrophe-style text cell, so editing it later keeps it text.
        cell.quotePrefix = True
    cell.alignment = WRAP if wrap else TOP
    return cell


def date_value(value: str | date | None) -> tuple[date | datetime | None, str]:
    """The Excel value and number format for an ISO date, ISO timestamp or date; (None, '') if blank."""
    if value in (None, ""):
        return None, ""
    if isinstance(value, str):
        if len(value) > 10:
            return datetime.fromisoformat(value).replace(tzinfo=None, microsecond=0), DATETIME_FORMAT
        value = date.fromisoformat(value)
    return value, DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT


def put_date(ws: Sheet, row: int, column: int, value: str | date | None) -> Cell:
    """A real Excel date (blank when unknown) from an ISO date or timestamp."""
    cell = cast(Cell, ws.cell(row=row, column=column))
    converted, number_format = date_value(value)
    if converted is not None:
        cell.value = converted
        cell.number_format = number_format
    cell.alignment = TOP
    return cell


def money(amount: int) -> str:
    """An amount held in £000, written out in pounds for a sentence: 1545 -> £1,545,000."""
    return f"£{amount * 1000:,}" if amount >= 0 else f"-£{-amount * 1000:,}"


def needs_quote_prefix(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put_number(
    ws: Sheet, row: int, column: int, value: int | float | None, number_format: str = INTEGER_FORMAT
) -> Cell:
    cell = cast(Cell, ws.cell(row=row, column=column))
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"not a number: {value!r}")
        cell.value = value
        cell.number_format = number_format
    cell.alignment = TOP
    return cell


def put_formula(ws: Sheet, row: int, column: int, formula: str, number_format: str = GBP000_FORMAT) -> Cell:
    """A live formula the export composed from cell references (never from user text)."""
    if not re.fullmatch(r"=[A-Z0-9:+\-(),$ ]+", formula):
        raise ValueError(f"refusing to write a formula that is not built from cell references: {formula!r}")
    cell = cast(Cell, ws.cell(row=row, column=column))
    cell.value = formula
    cell.number_format = number_format
    return cell


def put_rag(ws: Sheet, row: int, column: int, rag: str | None) -> Cell:
    """The RAG word, centred, in its colour; blank and unfilled when not set."""
    cell = put_text(ws, row, column, rag or "not set")
    colour = RAG_COLOURS.get(rag or "")
    if colour:
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        cell.font = LABEL_FONT
    else:
        cell.font = NOTE_FONT
    cell.alignment = CENTRE
    return cell


def fill_for_band(cell: Cell, band: str | None) -> None:
    colour = RAG_COLOURS.get(band or "")
    if colour:
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
