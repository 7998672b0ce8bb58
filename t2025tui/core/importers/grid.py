"""A sheet as the importers see it: cell values by row and column, formulas and errors marked.

Values are str, int, float, bool, date or datetime. A formula cell is a `Formula` (its text and
the value Excel last calculated) and an error cell an `ErrorValue`, so no later step can mistake
either for data.
"""

from dataclasses import dataclass, field


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
        for min_row, min_col, last_row, last_col in self.merged:
            if min_row <= row <= last_row and last_col - min_col < 1000:
                value = self.get(min_row, min_col)
                if value is not None:
                    for column in range(min_col, last_col + 1):
                        cells.setdefault(column, value)
        return cells

    def fill_down_merged(self, after_row: int) -> None:
        """Below the header, a range merged over several rows (say one workstream for three risks)
        means its value for each of those rows. Only its first column is filled: a note merged
        across the table stays in one cell rather than landing in every column."""
        max_row = self.max_row
        for min_row, min_col, last_row, _ in self.merged:
            if last_row <= after_row or last_row == min_row:
                continue
            value = self.get(min_row, min_col)
            if value is None:
                continue
            for row in range(max(min_row, after_row + 1), min(last_row, max_row) + 1):
                self.rows.setdefault(row, {}).setdefault(min_col, value)


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
