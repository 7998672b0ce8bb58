"""The export floor: openpyxl in write-only mode writing the pack's own cells, nothing else.

`bench/run.py` reads the sheets of a real `t2025 export` pack (their rows, columns and values)
into a pickle once, untimed; this script is then timed as a whole process beside
`t2025 export`, so both pay for Python's start, the imports and the save.

    python bench/export_floor.py CELLS.pickle OUT.xlsx
"""

import pickle
import sys

from openpyxl import Workbook


def main(cells_path: str, out_path: str) -> int:
    with open(cells_path, "rb") as handle:
        sheets = pickle.load(handle)
    workbook = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(out_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
