"""Reading a written pack back the way its users' tools do: openpyxl, python-calamine, raw XML."""

import re
import zipfile
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from t2025tui.core.export.cached_values import _sheet_parts


def calamine_rows(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def openpyxl_sheet(path: Path, sheet: str):
    return openpyxl.load_workbook(path)[sheet]


def header_index(rows: list[list], first_header: str) -> int:
    """Index of the table header row that starts with `first_header`."""
    for index, row in enumerate(rows):
        if row and row[0] == first_header:
            return index
    raise AssertionError(f"no header row starting {first_header!r}")


def table(rows: list[list], first_header: str) -> list[dict]:
    """The list under a header row, as dicts keyed by header, until the first blank row."""
    top = header_index(rows, first_header)
    headers = rows[top]
    items = []
    for row in rows[top + 1:]:
        if all(value in ("", None) for value in row):
            break
        items.append(dict(zip(headers, row)))
    return items


def sheet_xml(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(_sheet_parts(archive)[sheet]).decode("utf-8")


def formulas(xml: str) -> list[str]:
    return re.findall(r"<f>([^<]*)</f>", xml)
