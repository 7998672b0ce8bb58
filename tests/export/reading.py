"""Reading a written pack back the way its users' tools do: openpyxl, python-calamine, raw XML."""

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import openpyxl
from python_calamine import CalamineWorkbook

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


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
    for row in rows[top + 1 :]:
        if all(value in ("", None) for value in row):
            break
        items.append(dict(zip(headers, row, strict=False)))
    return items


def sheet_xml(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(sheet_parts(archive)[sheet]).decode("utf-8")


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part name inside the archive, read from the workbook's relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{PKG_REL_NS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        target = targets[sheet.get(f"{REL_NS}id")]
        parts[sheet.get("name")] = (
            target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        )
    return parts


def formulas(xml: str) -> list[str]:
    return re.findall(r"<f>([^<]*)</f>", xml)
