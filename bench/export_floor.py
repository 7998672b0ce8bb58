"""The export floors: openpyxl in write-only mode, or xlsxwriter, writing the pack's own cells.

`bench/run.py` reads the sheets of a real `t2025 export` pack (their rows, columns and values)
into a pickle once, untimed; this script is then timed as a whole process beside
`t2025 export`, so both pay for Python's start, the imports and the save.

    python bench/export_floor.py CELLS.pickle OUT.xlsx               # openpyxl (write-only)
    python bench/export_floor.py CELLS.pickle OUT.xlsx xlsxwriter    # xlsxwriter (constant memory)

xlsxwriter is the fastest pure-Python writer: each row goes to the sheet's temporary file as
soon as it is written and strings are written inline, as the pack's are. Dates get a date
format, as in the pack; no other styles are written by either floor.
"""

import pickle
import sys
from datetime import date, datetime


def write_openpyxl(sheets: list, out_path: str) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(out_path)


def write_xlsxwriter(sheets: list, out_path: str) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out_path, {"constant_memory": True})
    dated = workbook.add_format({"num_format": "d mmm yyyy"})
    for name, rows in sheets:
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (date, datetime)):
                    sheet.write_datetime(r, c, value, dated)
                else:
                    sheet.write(r, c, value)
    workbook.close()


def main(cells_path: str, out_path: str, writer: str = "openpyxl") -> int:
    with open(cells_path, "rb") as handle:
        sheets = pickle.load(handle)
    {"openpyxl": write_openpyxl, "xlsxwriter": write_xlsxwriter}[writer](sheets, out_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
