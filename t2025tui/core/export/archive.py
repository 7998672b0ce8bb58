"""Saving the pack's workbook into its .xlsx archive, finishing each sheet's XML on the way.

openpyxl streams every write-only sheet to a temporary file and copies it into the zip when it
saves. Two things a sheet cannot know while its rows are streamed are put in during that copy
(doing it afterwards would decompress and compress the whole pack a second time):

- its dimension (the used range, say A1:J10004), which openpyxl writes at the top of the sheet
  before the first row. Without it, a reader in read-only mode (openpyxl's, which pandas uses)
  parses the whole sheet once only to learn its size. The sheet is written with a placeholder,
  replaced here.
- the cached results of the formulas. openpyxl writes a formula with an empty value. Excel and
  LibreOffice recalculate on opening (the workbook asks for a full calculation on load), but
  previewers, phones and libraries that only read (pandas, python-calamine) would show blank
  totals. The export knows each result already, from the same data the formula sums.
"""

import re
import shutil
import zipfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

DIMENSION_PLACEHOLDER = "A1:XFD1048576"  # the whole sheet: valid, and replaced before anyone reads it
_PLACEHOLDER_ATTRIBUTE = f'ref="{DIMENSION_PLACEHOLDER}"'.encode()
_HEAD = 64 * 1024  # the dimension comes straight after the sheet properties, well inside this


def save_pack(
    wb: Workbook, path: Path, dimensions: dict[str, str], formula_values: dict[str, dict[str, int | float]]
) -> None:
    """Save `wb` at `path`: each sheet gets its dimension from `dimensions` ({title: "A1:J10004"})
    and its formula cells their results from `formula_values` ({title: {cell ref: number}})."""
    archive = _PackArchive(
        path, wb, dimensions, {title: refs for title, refs in formula_values.items() if refs}
    )
    try:
        ExcelWriter(wb, archive).save()
    finally:
        archive.close()
    missing = set(dimensions) - archive.finished
    if missing:
        raise ValueError(f"sheet {sorted(missing)[0]} was not saved as expected")


class _PackArchive(zipfile.ZipFile):
    def __init__(
        self,
        path: Path,
        wb: Workbook,
        dimensions: dict[str, str],
        formula_values: dict[str, dict[str, int | float]],
    ):
        super().__init__(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.workbook = wb
        self.dimensions = dimensions
        self.formula_values = formula_values
        self.finished: set[str] = set()

    def write(self, filename, arcname=None, *args, **kwargs):
        # openpyxl adds each worksheet from the temporary file it was streamed to.
        title = self._sheet_title(arcname)
        if title is None:
            return super().write(filename, arcname, *args, **kwargs)
        dimension = f'ref="{self.dimensions[title]}"'.encode()
        with open(filename, "rb") as source:
            if title in self.formula_values:  # a short sheet: filled in whole
                xml = _with_dimension(source.read(), dimension).decode("utf-8")
                self.writestr(arcname, _fill(xml, self.formula_values[title]).encode("utf-8"))
            else:  # maybe a long one: copied through, only its head changed
                with self.open(arcname, "w") as target:
                    target.write(_with_dimension(source.read(_HEAD), dimension))
                    shutil.copyfileobj(source, target, 1024 * 1024)
        self.finished.add(title)
        return None

    def _sheet_title(self, arcname) -> str | None:
        for ws in self.workbook.worksheets:
            if (
                ws.title in self.dimensions
                and getattr(ws, "_id", None) is not None
                and ws.path.lstrip("/") == arcname
            ):
                return ws.title
        return None


def _with_dimension(head: bytes, dimension: bytes) -> bytes:
    if head.count(_PLACEHOLDER_ATTRIBUTE, 0, 4096) != 1:
        raise ValueError("a sheet's size could not be recorded")
    return head.replace(_PLACEHOLDER_ATTRIBUTE, dimension, 1)


def _fill(xml: str, refs: dict[str, int | float]) -> str:
    for ref, value in refs.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)')
        xml, count = pattern.subn(rf"\g<1><v>{value}</v>", xml, count=1)
        if count != 1:
            raise ValueError(f"formula cell {ref} not found to cache its value")
    return xml
