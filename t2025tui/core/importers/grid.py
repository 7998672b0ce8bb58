"""A sheet as the importers see it: cell values by row and column, formulas and errors marked.

Values are str, int, float, bool, date or datetime. A formula cell is a `Formula` (its text and
the value Excel last calculated) and an error cell an `ErrorValue`, so no later step can mistake
either for data.
"""

import bisect
from dataclasses import dataclass, field

MAX_ROW_VIEW_FILLS = 4096  # cells a header row's merged ranges may fill (a row has at most 256)
MAX_FILL_DOWN = 1_000_000  # cells merged ranges below the header may fill, over the whole sheet


class GridTooBig(ValueError):
    """The sheet's merged ranges would fill more cells than any register has."""


@dataclass(frozen=True)
class Formula:
    text: str
    cached: object = None

    def __str__(self) -> str:
        return f"={self.text}" if self.text else "(shared formula)"


@dataclass(frozen=True)
class ErrorValue:
    code: str

    def __str__(self) -> str:
        return self.code


@dataclass
class Grid:
    name: str
    rows: dict[int, dict[int, object]] = field(default_factory=dict)  # 1-based row -> column -> value
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # min_row, min_col, max_row, max_col
    hidden: bool = False

    def get(self, row: int, column: int):
        cells = self.rows.get(row)
        return None if cells is None else cells.get(column)

    @property
    def max_row(self) -> int:
        return max(self.rows, default=0)

    def row_view(self, row: int) -> dict[int, object]:
        """A row as it looks on screen: every cell of a merged range shows the range's value.

        Used for header rows, where banners and labels are merged across columns.
        """
        cells = dict(self.rows.get(row, {}))
        budget = MAX_ROW_VIEW_FILLS  # overlapping ranges (never from Excel) must not cost more
        for min_row, min_col, last_row, last_col in self.merged:
            if min_row <= row <= last_row:
                value = self.get(min_row, min_col)
                if value is not None:
                    budget -= last_col - min_col + 1
                    if budget < 0:
                        break
                    for column in range(min_col, last_col + 1):
                        cells.setdefault(column, value)
        return cells

    def fill_down_merged(self, after_row: int) -> None:
        """Below the header, a range merged over several rows (say one workstream for three risks)
        means its value for each of those rows. Only its first column is filled: a note merged
        across the table stays in one cell rather than landing in every column."""
        filled = sorted(row for row in self.rows if row > after_row)
        budget = MAX_FILL_DOWN
        for min_row, min_col, last_row, _ in self.merged:
            if last_row <= after_row or last_row == min_row:
                continue
            value = self.get(min_row, min_col)
            if value is None:
                continue
            # Only rows holding something else: a range merged down an empty sheet adds nothing.
            start = bisect.bisect_left(filled, max(min_row, after_row + 1))
            end = bisect.bisect_right(filled, last_row)
            budget -= end - start
            if budget < 0:
                raise GridTooBig(
                    f"sheet {self.name!r} has merged ranges covering more than {MAX_FILL_DOWN:,} cells; "
                    "unmerge the cells (Home > Merge & Center > Unmerge Cells) and save again"
                )
            for row in filled[start:end]:
                self.rows[row].setdefault(min_col, value)


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_name(sheet: str, row: int, column: int) -> str:
    """'Risks!F12', the way a user finds a cell in Excel."""
    return f"{sheet}!{column_letter(column)}{row}"


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
