"""What the register screens share: a title bar, reloading, and noticing changes made elsewhere.

A screen reloads when another window commits to the file (`PRAGMA data_version` changes) or
when this window records a new batch (an undo from the app, say), checked once a second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ScreenStackError
from textual.screen import Screen

from t2025tui.core.queries import status
from t2025tui.core.store import Store
from t2025tui.tui.modals.form import Form
from t2025tui.tui.widgets.paged_table import PagedTable

POLL_SECONDS = 1.0


class RegisterScreen(Screen):
    """Subclasses implement `reload_view()` (re-query what they show).

    The app calls `refresh_data()` on every screen after a save, an undo or an outside change.
    A screen listing records in a PagedTable names it in `TABLE_ID` and the kind of row in
    `ROW_NOUN` ("risk"), for `table` and `selected_row()`.
    """

    TABLE_ID = ""
    ROW_NOUN = "row"

    def __init__(self) -> None:
        super().__init__()
        self._fingerprint: tuple | None = None

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def table(self) -> PagedTable:
        return self.query_one(f"#{self.TABLE_ID}", PagedTable)

    def selected_row(self) -> dict | None:
        """The highlighted record, or None after saying that nothing is selected."""
        row = self.table.current_row
        if row is None:
            self.notify(f"No {self.ROW_NOUN} selected", severity="warning")
        return row

    def on_mount(self) -> None:
        # Textual calls this for each class that defines on_mount: subclasses must not call super().
        self._fingerprint = self._read_fingerprint()
        self.set_interval(POLL_SECONDS, self._poll_for_changes)

    def on_screen_resume(self) -> None:
        if self._fingerprint is not None and self._read_fingerprint() != self._fingerprint:
            self.refresh_data()

    def _read_fingerprint(self) -> tuple:
        return self.store.data_version(), status.latest_batch_id(self.store)

    def _poll_for_changes(self) -> None:
        try:
            on_top = self.app.screen is self
        except ScreenStackError:
            return  # the app is closing
        if not on_top:
            return  # a form is open over this screen; it reloads when the form closes
        if not self.store.lock.acquire(blocking=False):
            return  # a page is loading in a worker; never make the UI wait for it
        try:
            changed = self._read_fingerprint() != self._fingerprint
        finally:
            self.store.lock.release()
        if changed:
            self.refresh_data()

    def refresh_data(self) -> None:
        self._fingerprint = self._read_fingerprint()
        self.reload_view()

    def reload_view(self) -> None:
        raise NotImplementedError

    def edit(self, make_form: Callable[[], Form[Any]], apply: Callable[[Any], str | None]) -> None:
        self.app.edit(make_form, apply)
