"""Cached results for the pack's formulas, so readers that do not calculate still show numbers.

openpyxl writes a formula with an empty value. Excel and LibreOffice recalculate on opening
(the workbook asks for a full calculation on load), but previewers, phones and libraries that
only read (pandas, python-calamine) would show blank totals. The export knows each result
already, from the same data the formula sums, and writes it beside the formula.
"""

import io
import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def add_cached_values(path: Path, values: dict[str, dict[str, int | float]]) -> None:
    """Fill in `values` ({sheet title: {cell ref: number}}) for formula cells in the saved workbook."""
    if not any(values.values()):
        return
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
        parts = _sheet_parts(archive)
    targets = {parts[title]: refs for title, refs in values.items() if refs}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in entries:
            if info.filename in targets:
                data = _fill(data.decode("utf-8"), targets[info.filename]).encode("utf-8")
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part name inside the archive, read from the workbook's relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{PKG_REL_NS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        target = targets[sheet.get(f"{REL_NS}id")]
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return parts


def _fill(xml: str, refs: dict[str, int | float]) -> str:
    for ref, value in refs.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)')
        xml, count = pattern.subn(lambda m: f"{m.group(1)}<v>{value}</v>", xml, count=1)
        if count != 1:
            raise ValueError(f"formula cell {ref} not found to cache its value")
    return xml
