"""One sheet of the pack, written with openpyxl's write-only (streaming) worksheet.

A normal openpyxl workbook keeps every cell as an object until it saves, then serialises them
all; for a 10,000-milestone register that is most of the export's time and memory. A write-only
sheet writes each row to a temporary file as it is appended, so the pack writes its big tables
row by row (`stream_row`). The short blocks around them (titles, counts, heat maps, the
summary) are placed by row and column like on a normal sheet (`cell`) and held until the rows
before them are written.

Write-only mode writes the top of the sheet (page-fit flag, frozen panes, column widths) with
the first row, so those are set first; `finish` refuses a sheet whose top changed afterwards
rather than silently dropping the change. The sheet's size is not known then either: it is
written as a placeholder that `archive.save_pack` replaces with `dimension`.

This module (with archive.py) is where the pack relies on how openpyxl 3.1 writes a write-only
sheet: `_values_to_row`, `calculate_dimension`, row attributes read from `row_dimensions` as
each row is written, a cell's `style_id`, the `_writer`/`_rows` of `discard_unsaved`.
pyproject keeps openpyxl below 3.2, and the pack tests read every sheet back.
"""

import contextlib
import os
from collections.abc import Sequence
from typing import Any, cast

from openpyxl import LXML
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.xml.functions import tostring

from t2025tui.core.export.archive import DIMENSION_PLACEHOLDER


class PackSheet:
    def __init__(self, wb: Workbook, title: str):
        # A write-only sheet carries a normal sheet's setup attributes (openpyxl copies them onto
        # the class), which the type stubs do not declare.
        self.ws: Any = wb.create_sheet(title)
        # The rows appended here are lists of finished cells (row, column, value, type and
        # style already set). Without this, openpyxl tries each item as a value first (an
        # exception per cell), then makes a fresh cell after every styled one.
        self.ws._values_to_row = _finished_cells
        self.ws.calculate_dimension = lambda: DIMENSION_PLACEHOLDER
        self._row_attributes: dict[float, dict] = {}
        self._last_row = 1  # the used range, for `dimension`
        self._last_column = 1
        self._pending: dict[int, dict[int, Cell]] = {}  # row -> column -> cell, not yet written
        self._heights: dict[int, float] = {}
        self._next_row = 1  # the next row the worksheet will write
        self._top: bytes | None = None  # the top of the sheet as written with the first row
        # Printing bounded to the first rows filling this many points of height (see print_within).
        self._print_columns = 0
        self._print_budget: float | None = None
        self._print_used = 0.0
        self._print_last: int | None = None

    @property
    def title(self) -> str:
        return self.ws.title

    @property
    def dimension(self) -> str:
        """The used range, as A1:J10004."""
        return f"A1:{get_column_letter(self._last_column)}{self._last_row}"

    # Before any row is written ---------------------------------------------------------

    def set_width(self, column: int | str, width: float) -> None:
        letter = get_column_letter(column) if isinstance(column, int) else column
        self.ws.column_dimensions[letter].width = width

    def freeze(self, row: int, column: int = 1) -> None:
        """Freeze the rows above `row` and the columns left of `column`."""
        self.ws.freeze_panes = f"{get_column_letter(column)}{row}"

    # Cells -----------------------------------------------------------------------------

    def cell(self, row: int, column: int) -> Cell:
        """The cell at (row, column), to be written with its row; styles may be set on it."""
        if row < self._next_row:
            raise RuntimeError(f"{self.title}: row {row} was already written")
        cells = self._pending.setdefault(row, {})
        cell = cells.get(column)
        if cell is None:
            cell = cells[column] = Cell(self.ws, row=row, column=column)
        return cell

    def held_line(self, row: int) -> Cell | None:
        """The cell of a row holding one cell only (in column A), if its row is not written yet."""
        cells = self._pending.get(row, {})
        return cells.get(1) if len(cells) == 1 else None

    def set_height(self, row: int, height: float) -> None:
        if row < self._next_row:
            raise RuntimeError(f"{self.title}: row {row} was already written")
        self._heights[row] = height

    def style_id(self, style: StyleArray) -> int:
        """The workbook's number for a finished style, for `SharedStyleCell`s wearing it."""
        return cast(int, self.ws.parent._cell_styles.add(style))

    def print_within(self, columns: int, points: float) -> None:
        """Print only the first `columns` columns, and the rows that fit `points` of height."""
        self._print_columns = columns
        self._print_budget = points

    def merge(self, row: int, first_column: int, last_column: int) -> None:
        self.ws.merged_cells.add(
            f"{get_column_letter(first_column)}{row}:{get_column_letter(last_column)}{row}"
        )

    def stream_row(self, row: int, cells: Sequence[Cell], height: float | None = None) -> None:
        """Write a row of finished cells now (and every held row above it first)."""
        self._write_through(row - 1)
        if row in self._pending or row != self._next_row:
            raise RuntimeError(f"{self.title}: row {row} is out of order")
        self._append(row, cells, height)

    def finish(self) -> None:
        """Write every held row; the sheet's tail (filter, print setup, chart) is written on save."""
        self._write_through(max(self._pending, default=0))
        if self._print_budget is not None:
            last = self._print_last or self._last_row
            self.ws.print_area = f"A1:{get_column_letter(self._print_columns)}{last}"
        if self._top is not None and self._top != self._top_xml():
            raise RuntimeError(
                f"{self.title}: the page setup, frozen panes or column widths were changed after "
                "rows were written; set them before the first table row"
            )

    def _write_through(self, last: int) -> None:
        for row in range(self._next_row, last + 1):
            cells = self._pending.pop(row, None)
            self._append(
                row, [cells[c] for c in sorted(cells)] if cells else [], self._heights.pop(row, None)
            )

    def _append(self, row: int, cells: Sequence[Cell], height: float | None) -> None:
        if self._top is None:
            self._top = self._top_xml()
        if cells:
            self._last_row = row
            self._last_column = max(self._last_column, cells[-1].column)
        if self._print_budget is not None and self._print_last is None:
            self._print_used += 15.0 if height is None else height
            if self._print_used > self._print_budget:
                self._print_last = row - 1
        if self.ws._writer is None and LXML:
            # The writer is made (and the sheet's top written) with the first row; the pack's
            # table rows are then written by `_RowWriter` instead of openpyxl's cell writer.
            # (Without lxml, as when OPENPYXL_LXML=False, openpyxl writes them all.)
            self.ws._get_writer()
            writer: Any = self.ws._writer
            writer.write_row = _RowWriter(writer.write_row, self.ws.parent.epoch)
        if height is None:
            self.ws.append(cells)
        else:
            # openpyxl reads a row's attributes from row_dimensions as it writes the row. One
            # RowDimension per height, turned into its attributes once, instead of one per row.
            attributes = self._row_attributes.get(height)
            if attributes is None:
                attributes = self._row_attributes[height] = dict(RowDimension(self.ws, ht=height))
            self.ws.row_dimensions[row] = attributes
            self.ws.append(cells)
            del self.ws.row_dimensions[row]
        self._next_row = row + 1

    def _top_xml(self) -> bytes:
        ws = self.ws
        trees = (part.to_tree() for part in (ws.sheet_properties, ws.views, ws.column_dimensions))
        return b"".join(tostring(tree) for tree in trees if tree is not None)


def discard_unsaved(wb: Workbook) -> None:
    """Remove the temporary files of sheets streamed but never zipped, as when the export fails
    (openpyxl would only remove them when the process ends, and the app runs for hours)."""
    for ws in wb.worksheets:
        sheet = cast(Any, ws)
        writer = sheet._writer
        if writer is None or not os.path.exists(writer.out):  # zipped, and removed by openpyxl
            continue
        for close in (getattr(sheet._rows, "close", None), writer.close):
            try:
                if close is not None:
                    close()
            except Exception:  # a full disk may refuse even the closing tags; the file goes anyway
                pass
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


def _finished_cells(cells, row_index):
    return cells


# openpyxl writes an empty cell as <c ...></c>; lxml parses that as an element without text
# and would write it back as <c .../>. An empty CDATA section parses as empty text, which lxml
# writes as openpyxl does.
_EMPTY = "<![CDATA[]]>"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class _RowWriter:
    """Writes a row of `SharedStyleCell`s as openpyxl would, element for element, without its
    per-cell work: openpyxl builds each cell through lxml's incremental writer, an element and
    an attribute dict at a time (most of a large pack's time). Here the row is composed as text,
    parsed by lxml in one call and written as one element, so the sheet's XML is the same, byte
    for byte (the pack tests compare packs written both ways). Any other row (held cells of
    titles and totals, formulas, comments) goes to openpyxl's own writer."""

    def __init__(self, openpyxl_write_row, epoch):
        from lxml.etree import fromstring  # type: ignore[import-untyped]  # lxml ships no type stubs

        self.parse = fromstring
        self.openpyxl_write_row = openpyxl_write_row
        self.epoch = epoch
        self.letters: list[str] = [""]
        # Keyed by value: 1, 1.0 and True are one key, and safe_string writes them alike ("1").
        self.dates: dict[object, str] = {}
        self.numbers: dict[object, str] = {}

    def __call__(self, xf, row, row_idx) -> None:
        if not row or any(cell.__class__ is not SharedStyleCell for cell in row):
            self.openpyxl_write_row(xf, row, row_idx)
            return
        letters = self.letters
        while len(letters) <= row[-1].column:
            letters.append(get_column_letter(len(letters)))
        attributes = xf_row_attributes(row[0].parent.row_dimensions.get(row_idx))
        parts = [f'<row r="{row_idx}"{attributes}>']
        dates, numbers = self.dates, self.numbers
        for cell in row:
            value, data_type = cell._value, cell.data_type
            head = f'<c r="{letters[cell.column]}{row_idx}" s="{cell.style_id}"'
            if data_type == "s":
                if value is None or value == "":
                    parts.append(f'{head} t="inlineStr">{_EMPTY}</c>')
                    continue
                space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
                if "&" in value or "<" in value or ">" in value or "\r" in value:
                    value = value.translate(_ESCAPES)
                parts.append(f'{head} t="inlineStr"><is><t{space}>{value}</t></is></c>')
                continue
            if value is None or value == "":
                parts.append(f'{head} t="{"n" if data_type == "d" else data_type}">{_EMPTY}</c>')
                continue
            # A number, a date's serial or a bool: digits, sign, point and exponent only. The
            # same few thousand dates and numbers recur down a register: each is worked out once.
            if data_type == "d":
                data_type = "n"
                text = dates.get(value)
                if text is None:
                    text = dates[value] = safe_string(to_excel(value, self.epoch))
            else:
                text = numbers.get(value)
                if text is None:
                    text = numbers[value] = safe_string(value)
            # NaN and infinity are written as an empty value, as openpyxl writes them.
            parts.append(f'{head} t="{data_type}"><v>{text or _EMPTY}</v></c>')
        parts.append("</row>")
        xf.write(self.parse("".join(parts)))


def xf_row_attributes(attributes: dict | None) -> str:
    """A row's extra attributes (height) as written after its number."""
    if not attributes:
        return ""
    return "".join(f' {name}="{value}"' for name, value in attributes.items())


class SharedStyleCell(Cell):
    """A table cell: a value already checked and converted, and one of the few finished styles
    the table shares, given as (style, its id in the workbook).

    openpyxl would find a cell's style id by hashing its style as it writes the cell; here that
    is done once per style. The value is stored as given, not run through openpyxl's type
    checks again (its text cannot become a formula that way either)."""

    __slots__ = ("style_id",)
    has_style = True

    def __init__(
        self,
        sheet: WriteOnlyWorksheet,
        row: int,
        column: int,
        style: tuple[StyleArray, int],
        value: object,
        data_type: str,
    ):
        self.parent = sheet
        self.row = row
        self.column = column
        self._style, self.style_id = style  # type: ignore[misc]  # a slot here, a property above
        self._value = value
        self.data_type = data_type if value is not None else "n"
        self._hyperlink = None
        self._comment = None
