"""What the register screens share: a paged table of records, its selection, and editing.

The table pages itself from SQLite in its own worker; the screen's `read()` is what it shows
around the table (counts, heat maps), and each reload re-reads the table's page as well.
"""

from __future__ import annotations

from typing import Any

from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.widgets.paged_table import PagedTable


class RegisterScreen(AppScreen):
    """A screen listing records in a PagedTable names it in `TABLE_ID` and the kind of row in
    `ROW_NOUN` ("risk"), for `table` and `selected_row()`; `show_header(data)` draws `read()`."""

    TABLE_ID = ""
    ROW_NOUN = "row"
    ROW_KIND = ""  # the kind of record each row is (as the search names it), for `show_record`

    def __init__(self) -> None:
        super().__init__()
        self._shown_once = False

    @property
    def table(self) -> PagedTable:
        return self.query_one(f"#{self.TABLE_ID}", PagedTable)

    def selected_row(self) -> dict | None:
        """The highlighted record, or None after saying that nothing is selected."""
        row = self.table.current_row
        if row is None:
            self.notify(f"No {self.ROW_NOUN} selected", severity="warning")
        return row

    def show(self, data: Any) -> None:
        self.show_header(data)
        if self._shown_once:
            self.table.reload()  # on the first show the table has just loaded its first page
        self._shown_once = True

    def show_header(self, data: Any) -> None:
        """Draw what `read()` returned around the table."""

    # Asked to show one record ----------------------------------------------------------
    def show_record(self, kind: str, record_id: int) -> bool:
        """Every record, in the order shown, with the cursor on this one: the screen's own
        filters go back to all and the `/` filter is cleared, so nothing hides it."""
        if not kind or kind != self.ROW_KIND:
            return False
        self.show_everything()
        table = self.table
        table.filter_text = ""
        table.remove_class("-filtering")
        table.show_key(self.row_key(record_id), lambda: self.position_of(record_id))
        table.focus()
        return True

    def row_key(self, record_id: int) -> object:
        """The table's key of the record's row (its id, unless the rows are of several kinds)."""
        return record_id

    def show_everything(self) -> None:
        """Set the screen's own filters to show every record (and say so on screen)."""

    def position_of(self, record_id: int) -> int | None:
        """Where the record is in the table's rows (0 first), read with the filters in force."""
        return None
