"""Making the returned pack safe to edit in Excel or LibreOffice.

The sheets a lead edits and sends back (`t2025 import updates`) are protected with no
password: the columns the import reads are unlocked, each checked as it is typed (a drop-down
of the allowed words, a date, or free text), and every other cell is locked, so a computed
column (status, slippage, trend) cannot be typed over by accident. Anyone who really means to
can still unprotect the sheet (Review > Unprotect Sheet), as there is no password to know.

RAG cells are filled by conditional formats that follow the word in the cell, so a RAG typed
over "Amber" as "Red" turns red at once, and any other text loses its colour.
"""

from collections.abc import Sequence

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from t2025tui.core.export import cells
from t2025tui.core.export.sheet import PackSheet

UNLOCKED = Protection(locked=False)
EARLIEST, LATEST = "DATE(2000,1,1)", "DATE(2099,12,31)"
PLAIN = PatternFill("solid", start_color="FFFFFF", end_color="FFFFFF")


def instructions(what: str) -> str:
    """The line on each editable sheet saying what may be edited and how it comes back."""
    return (
        f"To update: edit only the columns with green headings ({what}); pick from the drop-downs and "
        "type dates as dates, then send the file back for `t2025 import updates`. Other cells are "
        "locked (Review > Unprotect Sheet, no password)."
    )


def guard(ws: PackSheet, first: int, last: int, columns: Sequence) -> None:
    """Validate each editable column of rows first..last, fill RAG columns by their value, and
    protect the sheet."""
    sheet = ws.ws
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        area = f"{letter}{first}:{letter}{last}"
        if column.kind == "rag":
            follow_rag(ws, area, f"{letter}{first}")
        if not column.editable:
            continue
        validation = _validation(column)
        if validation is not None:
            validation.add(area)
            sheet.data_validations.append(validation)
    protect(ws)


def _validation(column) -> DataValidation | None:
    if column.choices:
        listed = ",".join(column.choices)
        return DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{column.header}: not allowed",
            error=f"Choose one of: {', '.join(column.choices)}.",
            showInputMessage=True,
            promptTitle=column.header,
            prompt=f"Pick from the list: {', '.join(column.choices)}.",
        )
    if column.kind == "date":
        return DataValidation(
            type="date",
            operator="between",
            formula1=EARLIEST,
            formula2=LATEST,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{column.header}: not a date",
            error="Type a date, such as 30/06/2022 or 30 Jun 2022 (years 2000 to 2099).",
        )
    return None


def follow_rag(ws: PackSheet, area: str, first_cell: str) -> None:
    """Fill each cell of `area` in the colour of the RAG word it holds, whatever is typed."""
    formatting = ws.ws.conditional_formatting
    for rag, colour in cells.RAG_COLOURS.items():
        fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
        formatting.add(area, CellIsRule(operator="equal", formula=[f'"{rag}"'], fill=fill))
    known = ",".join(f'{first_cell}="{rag}"' for rag in cells.RAG_COLOURS)
    formatting.add(area, FormulaRule(formula=[f"NOT(OR({known}))"], fill=PLAIN))


def protect(ws: PackSheet) -> None:
    protection = ws.ws.protection
    protection.sheet = True
    # Allowed on the protected sheet (False = not prevented): filtering, sorting, resizing.
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
