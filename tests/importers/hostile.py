"""Small files that would expand into huge work, built for the bounded-cost tests."""

import zipfile
from pathlib import Path

import openpyxl

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c><c r="B1" t="inlineStr"><is><t>Title</t></is></c></row>'
)


def _with_sheet(path: Path, sheet_xml_parts) -> Path:
    """A real workbook (openpyxl) whose first sheet is replaced by streamed XML."""
    source = path.with_name("base-" + path.name)
    wb = openpyxl.Workbook()
    ws = wb.create_sheet("Risks", 0)
    del wb[wb.sheetnames[1]]
    ws.append(["Ref", "Title"])
    wb.save(source)
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new,
    ):
        for info in old.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with new.open(info.filename, "w") as part:
                    for chunk in sheet_xml_parts:
                        part.write(chunk.encode())
            else:
                new.writestr(info.filename, old.read(info.filename))
    return path


def merge_bomb(path: Path, rows: int = 5_000, ranges: int = 20_000) -> Path:
    """A few thousand risks and thousands of ranges merged down over all of them."""

    def parts():
        yield HEAD
        for r in range(2, rows + 2):
            yield f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>R-{r}</t></is></c></row>'
        yield "</sheetData><mergeCells>"
        for i in range(ranges):
            column = "BCDEFGH"[i % 7]
            yield f'<mergeCell ref="{column}1:{column}{rows + 1}"/>'
        yield "</mergeCells></worksheet>"

    return _with_sheet(path, parts())


def header_merge_bomb(path: Path, ranges: int = 19_000) -> Path:
    """Overlapping ranges over the whole header area (Excel never writes overlapping ranges)."""

    def parts():
        yield HEAD
        yield '<row r="2"><c r="A2" t="inlineStr"><is><t>R-1</t></is></c></row></sheetData><mergeCells>'
        for _ in range(ranges):
            yield '<mergeCell ref="A1:IV60"/>'
        yield "</mergeCells></worksheet>"

    return _with_sheet(path, parts())


def cell_bomb(path: Path, cells: int = 2_100_000) -> Path:
    """Millions of empty cells: a part that compresses well and stays under the size limits."""

    def parts():
        yield HEAD
        per_row = 200
        for r in range(2, cells // per_row + 3):
            yield f'<row r="{r}">' + "<c/>" * per_row + "</row>"
        yield "</sheetData></worksheet>"

    return _with_sheet(path, parts())
