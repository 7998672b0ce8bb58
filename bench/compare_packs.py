"""Compare two packs cell by cell: values, types, styles, row heights, column widths, merges,
panes, filters, print setup, data validations and conditional formats.

Used to show that a change to how the pack is written (openpyxl's XML writer, lxml, streaming)
leaves what a reader sees identical. Cells in the row labelled "Pack generated" are skipped: the
time a pack was written is the one thing two exports always differ in.

    python bench/compare_packs.py before.xlsx after.xlsx
"""

import sys
from pathlib import Path

import openpyxl
from openpyxl.xml.functions import tostring

SKIPPED_LABEL = "Pack generated"
STYLE_PARTS = ("font", "fill", "border", "alignment", "number_format", "protection")
SHEET_PARTS = (
    ("freeze_panes", lambda ws: ws.freeze_panes),
    ("auto_filter", lambda ws: ws.auto_filter.ref),
    ("merged", lambda ws: sorted(str(r) for r in ws.merged_cells.ranges)),
    ("print_area", lambda ws: ws.print_area),
    ("print_titles", lambda ws: ws.print_title_rows),
    ("page_setup", lambda ws: _xml(ws.page_setup)),
    ("fit", lambda ws: _xml(ws.sheet_properties)),
    ("margins", lambda ws: _xml(ws.page_margins)),
    ("header_footer", lambda ws: _xml(ws.HeaderFooter)),
    ("protection", lambda ws: _xml(ws.protection)),
    ("validations", lambda ws: _xml(ws.data_validations)),
    (
        "conditional",
        lambda ws: [(str(r.sqref), [_xml(rule) for rule in r.rules]) for r in ws.conditional_formatting],
    ),
    ("widths", lambda ws: {k: d.width for k, d in ws.column_dimensions.items()}),
    ("breaks", lambda ws: [b.id for b in ws.row_breaks.brk]),
)


def _xml(part) -> object:
    """A part as its XML, so that parts of two workbooks compare by content."""
    if part is None or isinstance(part, str):
        return part
    tree = part.to_tree()
    return None if tree is None else tostring(tree)


def differences(first: Path, second: Path, limit: int = 20) -> list[str]:
    """What differs between the two packs (at most `limit` lines); empty when they are the same."""
    a, b = openpyxl.load_workbook(first), openpyxl.load_workbook(second)
    found: list[str] = []
    if a.sheetnames != b.sheetnames:
        return [f"sheets differ: {a.sheetnames} / {b.sheetnames}"]
    for title in a.sheetnames:
        wa, wb = a[title], b[title]
        for name, part in SHEET_PARTS:
            if part(wa) != part(wb):
                found.append(f"{title}: {name} differs: {part(wa)!r} / {part(wb)!r}")
        if (wa.max_row, wa.max_column) != (wb.max_row, wb.max_column):
            found.append(f"{title}: size {wa.dimensions} / {wb.dimensions}")
        for row_a, row_b in zip(wa.iter_rows(), wb.iter_rows(), strict=False):
            if row_a and row_a[0].value == SKIPPED_LABEL:
                continue
            index = row_a[0].row if row_a else 0
            if wa.row_dimensions[index].height != wb.row_dimensions[index].height:
                found.append(f"{title} row {index}: height differs")
            for ca, cb in zip(row_a, row_b, strict=True):
                if (ca.value, ca.data_type) != (cb.value, cb.data_type):
                    found.append(f"{title}!{ca.coordinate}: {ca.value!r} / {cb.value!r}")
                for style in STYLE_PARTS:
                    if _xml(getattr(ca, style)) != _xml(getattr(cb, style)):
                        found.append(f"{title}!{ca.coordinate}: {style} differs")
            if len(found) >= limit:
                return found[:limit]
    return found[:limit]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip())
        return 2
    found = differences(Path(argv[0]), Path(argv[1]))
    for line in found:
        print(line)
    print("identical" if not found else f"{len(found)} difference(s) shown")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
