"""What every screen of the app shares: the typed app and store, and one way to (re)load.

A screen says what it shows in two halves: `read()` (pure queries, run in a worker thread, so
the UI never waits on SQLite) and `show(data)` (drawing, on the UI thread). `reload()` is the
one path between them; it runs when the screen is first shown, when it is shown again after
the data changed, and on `StoreChanged`, which the app posts after a save here and when its
poller sees another window's commit. A screen under an open form does not redraw behind it:
it notes that it is out of date and reloads when the form closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.message import Message
from textual.screen import ModalScreen, Screen

from t2025tui.core.errors import T2025Error
from t2025tui.core.store import Store
from t2025tui.core.text import display_text

if TYPE_CHECKING:
    from t2025tui.tui.app import T2025App
    from t2025tui.tui.modals.edit_flow import Apply
    from t2025tui.tui.modals.form import Form


class StoreChanged(Message):
    """The database changed: a save in this window, an undo, or a commit from another one."""


class AppScreen(Screen[None]):
    """Subclasses implement `read()` and `show(data)`; see the module's docstring."""

    # Number keys and s wait while this screen is in front (stand-up ends with escape first).
    BLOCKS_SCREEN_KEYS: ClassVar[bool] = False
    PALETTE_GROUP: ClassVar[str] = ""

    class Loaded(Message):
        """A worker's read, for the screen that asked (stale ones are dropped by `token`)."""

        def __init__(self, token: int, data: Any) -> None:
            super().__init__()
            self.token = token
            self.data = data

    class LoadFailed(Message):
        def __init__(self, token: int, error: T2025Error) -> None:
            super().__init__()
            self.token = token
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self._load_token = 0
        self._stale = False  # the data changed while something covered this screen
        self._hidden = False
        self._wanted: tuple[str, int] | None = None

    if TYPE_CHECKING:

        @property
        def app(self) -> T2025App: ...  # type: ignore[override]  # Textual says App[Any]; these screens run in T2025App

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def asking_reason(self) -> bool:
        """True while the screen asks a question in place (stand-up's reason line)."""
        return False

    def on_mount(self) -> None:
        # Textual runs each class's on_mount: subclasses add columns etc. in theirs, then this.
        # The first screen is mounted before the app: its data wait for the app's on_mount, so
        # the frame Textual lays out and drops inside its start-up batch is of an empty screen
        # (drawn with data, that frame cost about 12 ms and the first frame written came a
        # refresh tick later, about 30 ms in all).
        if self.app.app_mounted:
            self.first_load()

    def first_load(self) -> None:
        """The first read and draw, in the first frame (the app calls it too for its first screen)."""
        self.reload(now=True)
        if self._wanted is not None:
            self.call_after_refresh(self._show_wanted)

    def edit(self, make_form: Callable[[], Form[Any]], apply: Apply) -> None:
        """The one edit flow (modals/edit_flow.py): the form, the save in a worker, then reload."""
        self.app.edit(make_form, apply)

    # For subclasses ------------------------------------------------------------
    def read(self) -> Any:
        """Everything `show` needs, read from the store (runs in a worker thread)."""
        return None

    def show(self, data: Any) -> None:
        """Draw `data` (from `read`) on the UI thread."""

    # The one reload path ---------------------------------------------------------
    def reload(self, *, now: bool = False) -> None:
        """Read and show again; `now` reads on the UI thread (for a read of a few rows made in
        answer to a key, where a worker's round trip would cost a frame)."""
        if self._covered():
            self._stale = True
            return
        self._stale = False
        self._load_token += 1
        if now:
            try:
                data = self.read()
            except T2025Error as exc:
                self.report_unreadable(exc)
                return
            self.show(data)
        else:
            self._read_in_worker(self._load_token)

    @work(thread=True, exclusive=True, group="screen-load", exit_on_error=False)
    def _read_in_worker(self, token: int) -> None:
        try:
            data = self.read()
        except T2025Error as exc:
            self.post_message(self.LoadFailed(token, exc))
        else:
            self.post_message(self.Loaded(token, data))

    def on_app_screen_loaded(self, message: Loaded) -> None:
        if message.token == self._load_token and self.is_attached:
            self.show(message.data)

    def on_app_screen_load_failed(self, message: LoadFailed) -> None:
        if message.token == self._load_token:
            self.report_unreadable(message.error)

    def show_saved(self, data: Any) -> None:
        """Show what a save's worker read after the save (see T2025App.save)."""
        self._load_token += 1  # a load started before the save would be older
        self._stale = False
        self.show(data)

    def report_unreadable(self, exc: T2025Error) -> None:
        self.notify(f"Could not read the data: {display_text(exc)}", severity="error", timeout=10)

    def _covered(self) -> bool:
        """Under a form, or not the screen in view (another mode is shown)."""
        if self._hidden or not self.is_attached:
            return True
        return self.app.screen is not self and isinstance(self.app.screen, ModalScreen)

    # When to reload ----------------------------------------------------------------
    def on_store_changed(self, message: StoreChanged) -> None:
        self.reload()

    def on_screen_suspend(self) -> None:
        # Suspended by a form on top (stays in view) or by another mode (hidden).
        self._hidden = not self.app.screen_stack or self not in self.app.screen_stack

    def on_screen_resume(self) -> None:
        # Back from another mode: what it shows may have changed there (the selected
        # workstream, say), so read again; back from under a form, only if the data changed.
        was_hidden, self._hidden = self._hidden, False
        if self._stale or (was_hidden and self._load_token):
            self.reload()

    # Asked to show one record (the search's enter) ---------------------------------
    def show_record(self, kind: str, record_id: int) -> bool:
        """Bring the record into view with the cursor on it (clearing whatever filter hides it);
        False if this screen cannot. Screens listed for `kind` in the registry's `shows`
        implement it; it is called once the screen has drawn its first data."""
        return False

    def ask_to_show(self, kind: str, record_id: int) -> None:
        """Show the record now if the screen has drawn, else as soon as it has."""
        self._wanted = (kind, record_id)
        if self.is_mounted and self._load_token:
            self.call_after_refresh(self._show_wanted)

    def _show_wanted(self) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted is not None and not self.show_record(*wanted):
            self.notify(f"This screen cannot show that {wanted[0]}", severity="warning")

    def mark_stale(self) -> None:
        """The data changed while this screen was not in view: reload when it is."""
        self._stale = True
