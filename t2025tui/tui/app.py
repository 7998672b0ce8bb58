"""The T2025 terminal app: screens by number key, stand-up mode, audited saves off the UI thread.

Every change of state is one core service call run by `T2025App.save`, which reports the
result as a notification and reloads what is on screen. Screens other than the dashboard are
imported the first time their key is pressed, so start-up stays fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, ScreenStackError
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widget import Widget

from t2025tui.core.errors import (
    DatabaseReplacedError,
    NotFoundError,
    NothingToUndoError,
    StaleEditError,
    StoreBusyError,
    T2025Error,
    ValidationError,
)
from t2025tui.core.portability import exit_signals, process_age
from t2025tui.core.store import Store, check_file_integrity, open_store
from t2025tui.core.text import display_text
from t2025tui.tui.commands import T2025Commands
from t2025tui.tui.modals.edit_flow import Apply, edit_with_form
from t2025tui.tui.registry import DIALOGS, LOGS, SCREENS, STANDUP, next_log, screen_showing
from t2025tui.tui.reopen import Reopener
from t2025tui.tui.screens.base import AppScreen, StoreChanged
from t2025tui.tui.user_config import Keymap, read_keymap, read_theme, save_theme

if TYPE_CHECKING:
    from t2025tui.tui.modals.form import Form

POLL_SECONDS = 1.5
WARM_UP_DELAY = 0.3  # seconds after the first screen: long enough for it to be drawn, short of a first edit
LOG_NAME = "t2025-app.log"
BUSY_MESSAGE = (
    "The database is busy: another t2025 window or process is saving. "
    "Nothing was changed; try again in a moment."
)
# Not offered while a form is in front (it would act behind it) ...
BLOCKED_BY_MODAL = {
    "show",
    "logs",
    "standup",
    "export",
    "report",
    "report_text",
    "import_file",
    "undo",
    "redo",
    "search",
}
# ... or, for leaving the screen, during stand-up (escape ends it first).
BLOCKED_BY_STANDUP = {"show", "logs", "standup", "export", "report", "report_text", "import_file", "search"}
KEYS_REMEMBERED = 64  # keys in flight whose target is remembered for type-ahead


class Notice(Message):
    """A worker's one-line message for the user."""

    def __init__(self, message: str, *, severity: str = "information", title: str = "", timeout: float = 8):
        super().__init__()
        self.message, self.severity, self.title, self.timeout = message, severity, title, timeout


class Saved(Message):
    """A save's worker finished: what the service returned, and the screen's fresh data."""

    def __init__(
        self,
        result: object,
        success: str | Callable[[Any], str | None] | None,
        screen: Screen[Any],
        fresh: object,
        read: bool,
    ):
        super().__init__()
        self.result, self.success = result, success
        self.screen, self.fresh, self.read = screen, fresh, read


class SaveRefused(Message):
    """A save's worker was refused; `invalid` goes back to the form when it can take it."""

    def __init__(
        self,
        message: str,
        severity: str,
        *,
        reload: bool = False,
        invalid: ValidationError | None = None,
        on_invalid: Callable[[ValidationError], None] | None = None,
        replaced: bool = False,
        stale: StaleEditError | None = None,
        on_stale: Callable[[StaleEditError], None] | None = None,
    ):
        super().__init__()
        self.message, self.severity, self.reload = message, severity, reload
        self.invalid, self.on_invalid = invalid, on_invalid
        self.replaced = replaced  # the file was moved, replaced or copied over: offer to reopen
        self.stale, self.on_stale = stale, on_stale


class T2025App(App):
    """Open on a core `Store`; every screen reads `self.app.store`."""

    CSS_PATH = "app.tcss"
    TITLE = "t2025"
    # The dashboard is the mode the app starts in, so Textual builds it as the first screen
    # (no placeholder screen composed and switched away from, no second CSS pass).
    MODES = {"dashboard": lambda: SCREENS["dashboard"].load()()}
    DEFAULT_MODE = "dashboard"
    COMMANDS = App.COMMANDS | {T2025Commands}
    BINDINGS = [
        Binding("1", "show('dashboard')", "Dashboard", id="app.dashboard", show=False),
        Binding("2", "show('workstream')", "Workstream", id="app.workstream", show=False),
        Binding("3", "show('milestones')", "Milestones", id="app.milestones", show=False),
        Binding("4", "show('risks')", "Risks", id="app.risks", show=False),
        Binding("5", "show('recommendations')", "Recommendations", id="app.recommendations", show=False),
        Binding("6", "show('finance')", "Finance", id="app.finance", show=False),
        Binding("7", "show('health')", "Health check", id="app.health", show=False),
        Binding("8", "show('history')", "History", id="app.history", show=False),
        Binding(
            "9",
            "logs",
            "Governance logs",
            id="app.logs",
            show=False,
            tooltip="Actions, issues, decisions, dependencies, lessons: 9 again for the next log",
        ),
        Binding("0", "show('settings')", "Settings", id="app.settings", show=False),
        Binding("s", "standup", "Stand-up", id="app.standup", tooltip="Step through the workstreams"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo", tooltip="Undo the last change"),
        Binding("ctrl+y", "redo", "Redo", id="app.redo", tooltip="Redo what was undone", show=False),
        Binding("ctrl+e", "export", "Export", id="app.export", tooltip="Export the Futures Board pack"),
        Binding(
            "ctrl+r",
            "report",
            "Committee report",
            id="app.report",
            tooltip="Write the Audit Committee progress report (.docx)",
            show=False,
        ),
        Binding(
            "ctrl+t",
            "report_text",
            "Report text",
            id="app.report_text",
            tooltip="Edit the committee report's text sections",
            show=False,
        ),
        Binding("ctrl+o", "import_file", "Import", id="app.import", tooltip="Import a file", show=False),
        Binding(
            "f5",
            "reopen_database",
            "Reopen the database file",
            id="app.reopen",
            tooltip="Open the file at the database's path again (after it was moved, replaced or restored)",
            show=False,
        ),
        Binding(
            "ctrl+f",
            "search",
            "Search",
            id="app.search",
            tooltip="Find any record by its words or the reasons for its changes",
            show=False,
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Every key"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        store: Store,
        *,
        started_at: float | None = None,
        poll_seconds: float = POLL_SECONDS,
        check_after_start: bool = False,
    ):
        super().__init__()
        self.store = store
        self.check_after_start = check_after_start
        self.started_at = started_at if started_at is not None else time.perf_counter()
        self.poll_seconds = poll_seconds
        self.current_workstream_id: int | None = None
        self.last_log = LOGS[0]  # where 9 goes from a screen that is not a log
        self.first_screen_seconds: float | None = None
        self.app_mounted = False  # set in on_mount; screens mounted before then are loaded by it
        self._data_version: int | None = None
        self._modes_added: set[str] = {self.DEFAULT_MODE}
        self._store_problem: str | None = None
        self.reopener = Reopener(self)
        self.keymap = Keymap()
        self._signals: list[int] = []  # the exit signals this app handles while it runs
        # Key event -> (screen, focused) when it arrived; see on_key.
        self._key_targets: OrderedDict[int, tuple[Screen[Any], Widget | None]] = OrderedDict()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often quote names from the database, so they are always shown literally.

        `markup` is ignored on purpose: `Widget.notify` passes `markup=True` explicitly."""
        super().notify(
            display_text(message), title=display_text(title), severity=severity, timeout=timeout, markup=False
        )

    # Start and stop ------------------------------------------------------------
    def on_mount(self) -> None:
        self._apply_user_config()
        self._install_signal_handlers()
        self.store.checkpoint_when_told()  # after each save is drawn, not inside one
        self._data_version = self._read_data_version()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.check_for_outside_changes, name="data-version")
        # RAG badges take their colours from the theme, so redraw when it changes.
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # Back from SIGTSTP/SIGCONT (Unix only; the driver resumes the terminal and publishes
        # this) the terminal is blank, while Textual thinks the last frame is still on it.
        self.app_resume_signal.subscribe(self, lambda _app: self.redraw_everything())
        self.app_mounted = True
        if isinstance(self.screen, AppScreen) and self.screen.is_mounted:
            self.screen.first_load()  # the first screen's data, in its first frame (if not yet mounted, its on_mount does it)

    def _apply_user_config(self) -> None:
        """The user's keymap and remembered theme (user_config.py), before the first frame."""
        self.keymap = read_keymap()
        if self.keymap.keys:
            self.set_keymap(self.keymap.keys)
        for warning in self.keymap.warnings:
            self.notify(warning, title="Keymap", severity="warning", timeout=20)
        theme = read_theme()
        if theme and theme in self.available_themes:
            self.theme = theme

    def _theme_changed(self, theme: Theme) -> None:
        self.refresh_screens()  # RAG badges take their colours from the theme
        problem = save_theme(theme.name)
        if problem:
            self.notify(problem, severity="warning")

    def key_display(self, binding: Binding) -> str:
        """The keys a binding has now: the user's keymap's, else its own."""
        keys = self.keymap.keys.get(binding.id or "")
        if keys is None:
            return self.get_key_display(binding)
        return "/".join(
            self.get_key_display(replace(binding, key=key, key_display=None)) for key in keys.split(",")
        )

    def _install_signal_handlers(self) -> None:
        # A SIGTERM/SIGHUP would otherwise kill the process with the terminal still in the
        # alternate screen; exiting through Textual restores it. A transaction in flight
        # either commits whole or is rolled back by SQLite, so nothing is left half done.
        # Windows has no SIGHUP, and its event loops cannot add signal handlers: there a plain
        # handler passes SIGBREAK (ctrl+break, the console closing) to the loop, and the
        # `t2025` command puts the previous handlers back when the app has finished.
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for sig in exit_signals():
            try:
                loop.add_signal_handler(sig, self.exit_on_signal, sig)
                self._signals.append(sig)
            except NotImplementedError:
                with contextlib.suppress(ValueError):  # ValueError: not the main thread
                    signal.signal(
                        sig, lambda signum, _frame: loop.call_soon_threadsafe(self.exit_on_signal, signum)
                    )
            except (RuntimeError, ValueError):
                pass  # not the main thread

    def action_help_quit(self) -> None:
        """ctrl+c copies in a text box and does not quit: say which key does, in plain words."""
        quit_keys = [key for key, active in self.active_bindings.items() if active.binding.action == "quit"]
        self.notify(
            f"Press {quit_keys[0] if quit_keys else 'ctrl+q'} to quit the app", title="Do you want to quit?"
        )

    def redraw_everything(self) -> None:
        """Paint the whole screen again, not only what changed since the last frame."""
        with contextlib.suppress(ScreenStackError):
            screen = self.screen
            screen.refresh(screen.region, layout=True)

    def exit_on_signal(self, sig: int) -> None:
        self.exit(return_code=128 + int(sig))

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in self._signals:
                loop.remove_signal_handler(sig)
        except (RuntimeError, ValueError):
            pass

    def first_screen_shown(self) -> None:
        """Called by the dashboard when its data is first on screen: logs the start-up time."""
        if self.first_screen_seconds is not None:
            return
        self.first_screen_seconds = time.perf_counter() - self.started_at
        since_start = process_age()
        self.log.info(f"first screen in {self.first_screen_seconds:.3f} s")
        write_startup_log(self.store, self.first_screen_seconds, since_start)
        # A moment later: Textual's first refresh happens inside its start-up batch and is
        # not written out, so "after the refresh" can still be before the first frame, and
        # the warm-up's imports would hold the GIL while that frame is being drawn.
        self.set_timer(WARM_UP_DELAY, self._after_first_screen)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _after_first_screen(self) -> None:
        """Load what the first edit needs (services, models) and, for a large file, check its
        integrity, while the user is reading the dashboard; then bring the kept dashboard
        figures up to date if they were for another day (no status date set), so the next
        reads of the dashboard need not work them out from every milestone."""
        import t2025tui.core.services.milestones  # noqa: F401  (warms the import for the first edit)
        import t2025tui.core.services.workstreams  # noqa: F401
        from t2025tui.core import figures

        if self.check_after_start and self.store.path is not None:
            problem = check_file_integrity(self.store.path)
            if problem:
                self.store.refuse_writes = problem
                self.post_message(Notice(problem, title="Database damaged", severity="error", timeout=3600))
        figures.refresh_store(self.store)
        if self.keymap.keys:
            from t2025tui.tui.screens.help import binding_ids

            for warning in self.keymap.unknown_ids(binding_ids(self)):
                self.post_message(Notice(warning, title="Keymap", severity="warning", timeout=20))

    def on_notice(self, message: Notice) -> None:
        self.notify(message.message, title=message.title, severity=message.severity, timeout=message.timeout)

    # Keys ----------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            with contextlib.suppress(ScreenStackError):
                self._key_targets[id(event)] = (self.screen, self.screen.focused)
                while len(self._key_targets) > KEYS_REMEMBERED:
                    self._key_targets.popitem(last=False)
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key typed in a burst right after one that opened a form or a reason line (`r`
        then "delayed") comes back up here unhandled, after the form is in front or the line
        has the focus; hand it over as newly typed instead of losing it (or reading it as a
        binding of the screen it was typed on)."""
        typed_on = self._key_targets.pop(id(event), None)
        try:
            now = (self.screen, self.screen.focused)
        except ScreenStackError:
            return
        if typed_on is not None and (typed_on[0] is not now[0] or typed_on[1] is not now[1]):
            event.prevent_default()  # not App's own handling, which would use what is now in front
            self.post_message(events.Key(event.key, event.character))

    # Screens -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            screen = self.screen
        except ScreenStackError:  # starting up or shutting down
            return True
        in_place = isinstance(screen, AppScreen) and screen.asking_reason
        if action in BLOCKED_BY_MODAL and (isinstance(screen, ModalScreen) or in_place):
            return False
        blocks = isinstance(screen, AppScreen) and screen.BLOCKS_SCREEN_KEYS
        return not (action in BLOCKED_BY_STANDUP and blocks)

    def action_show(self, name: str) -> None:
        if name in LOGS:
            self.last_log = name
        if name == self.current_mode:
            self.refresh_screens()
            return
        if name not in self._modes_added:
            self.add_mode(name, SCREENS[name].load())
            self._modes_added.add(name)
        self.switch_mode(name)

    def action_logs(self) -> None:
        self.action_show(next_log(self.current_mode) if self.current_mode in LOGS else self.last_log)

    def action_standup(self) -> None:
        self.push_screen(STANDUP.load()())

    def action_help(self) -> None:
        from t2025tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def _open_dialog(self, name: str) -> None:
        self.push_screen(DIALOGS[name].load()(self.store), callback=self._after_file_dialog)

    def _after_file_dialog(self, message: str | None) -> None:
        if message:
            self.notify(display_text(message), markup=False, timeout=8)
        self.refresh_screens()

    def action_export(self) -> None:
        self._open_dialog("export")

    def action_report(self) -> None:
        self._open_dialog("report")

    def action_report_text(self) -> None:
        self._open_dialog("report_text")

    def action_import_file(self) -> None:
        self._open_dialog("import")

    # Search ----------------------------------------------------------------------
    def action_search(self) -> None:
        self.push_screen(DIALOGS["search"].load()(self.store), callback=self._search_chosen)

    def _search_chosen(self, hit: Any) -> None:
        if hit is None:
            return
        if not hit.exists:
            self.notify(
                f"That {hit.kind} has been removed; its changes are in the history (8).",
                severity="warning",
                markup=False,
            )
            return
        self.open_record(hit.kind, hit.id)

    def open_record(self, kind: str, record_id: int) -> None:
        """Show one record on its screen (the registry's `shows`), with the cursor on it."""
        name = screen_showing(kind)
        if name is None:
            self.notify(f"No screen shows a {kind} yet.", severity="warning", markup=False)
            return
        self.action_show(name)
        screen = self.screen
        if isinstance(screen, AppScreen):
            screen.ask_to_show(kind, record_id)

    # Undo ----------------------------------------------------------------------
    def action_undo(self) -> None:
        from t2025tui.core.changes import written_by
        from t2025tui.core.services.undo import Mine, undo

        # Only this window's own saves: the batches its store committed.
        self.save(
            lambda: undo(self.store, Mine(batch_ids=written_by(self.store))),
            success=lambda description: description,
        )

    def action_redo(self) -> None:
        from t2025tui.core.changes import written_by
        from t2025tui.core.services.undo import Mine, redo

        self.save(
            lambda: redo(self.store, Mine(batch_ids=written_by(self.store))),
            success=lambda description: description,
        )

    def programme_today(self) -> date | None:
        """The programme's today (its status date when fixed, else the calendar's), for quick
        dates and "done today"; None (the calendar) if the database cannot be read just now."""
        from t2025tui.core.queries.status import status_date

        try:
            return status_date(self.store)
        except (T2025Error, sqlite3.Error):
            return None

    # Saving --------------------------------------------------------------------
    def edit(self, make_form: Callable[[], Form[Any]], apply: Apply) -> None:
        """The edit flow: the form, then `apply(result)` saved in a worker; reload, or reopen."""
        edit_with_form(self, make_form, apply)

    def save(
        self,
        call: Callable[[], object],
        *,
        success: str | Callable[[Any], str | None] | None = None,
        on_invalid: Callable[[ValidationError], None] | None = None,
        on_stale: Callable[[StaleEditError], None] | None = None,
    ) -> None:
        """Run one service call in a worker; report, then reload the screens in view.

        `on_invalid` gets a refused value's ValidationError (e.g. to re-open the form with
        what was typed); without it the message is shown as a notification. `on_stale` gets
        the refusal of an edit made on a record another window changed since (with the fresh
        row, who changed it and when), to keep what was typed and offer to save over it;
        without it, or when the refusal names no record, the screens reload.
        """
        self._save_in_thread(call, success, on_invalid, on_stale, self.screen)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_in_thread(
        self,
        call: Callable[[], object],
        success: str | Callable[[Any], str | None] | None,
        on_invalid: Callable[[ValidationError], None] | None,
        on_stale: Callable[[StaleEditError], None] | None,
        screen: Screen[Any],
    ) -> None:
        try:
            result = call()
        except ValidationError as exc:
            self.post_message(SaveRefused(f"Not saved: {exc}", "error", invalid=exc, on_invalid=on_invalid))
        except StoreBusyError:
            self.post_message(SaveRefused(BUSY_MESSAGE, "warning"))
        except DatabaseReplacedError as exc:
            self.post_message(SaveRefused(f"Not saved: {exc}", "error", on_invalid=on_invalid, replaced=True))
        except StaleEditError as exc:
            kept = on_stale if exc.fresh is not None else None
            self.post_message(
                SaveRefused(
                    f"Changed elsewhere, reloaded. {display_text(exc)}"
                    if kept is None
                    else stale_notice(exc),
                    "warning",
                    reload=True,
                    stale=exc,
                    on_stale=kept,
                )
            )
        except NotFoundError as exc:
            # Removed in another window: nothing to save to, but what was typed is kept to copy.
            gone = StaleEditError(str(exc), removed=True) if on_stale is not None else None
            self.post_message(
                SaveRefused(
                    f"Changed elsewhere, reloaded. {display_text(exc)}"
                    if gone is None
                    else f"Not saved: {display_text(exc)} What you typed is kept; escape closes it.",
                    "warning",
                    reload=True,
                    stale=gone,
                    on_stale=on_stale,
                )
            )
        except NothingToUndoError as exc:
            self.post_message(SaveRefused(str(exc), "warning"))
        except (T2025Error, ValueError) as exc:
            self.post_message(SaveRefused(f"Not saved: {exc}", "error"))
        except Exception as exc:  # a bug: say so in one line (the transaction was rolled back)
            self.log.error(f"save failed: {exc!r}")
            self.post_message(
                SaveRefused(
                    f"Not saved: unexpected error {type(exc).__name__}: {exc}. Please report it.", "error"
                )
            )
        else:
            # What the screen will show, read here so the UI thread only draws.
            fresh, read = None, False
            if isinstance(screen, AppScreen):
                # On failure: saved all the same; the screen reloads itself the usual way.
                with contextlib.suppress(T2025Error):
                    fresh, read = screen.read(), True
            self.post_message(Saved(result, success, screen, fresh, read))

    @work(thread=True, group="checkpoint", exclusive=True, exit_on_error=False)
    def _checkpoint(self) -> None:
        self.store.checkpoint()

    def on_save_refused(self, message: SaveRefused) -> None:
        if message.invalid is not None and message.on_invalid is not None:
            message.on_invalid(message.invalid)
            return
        if message.stale is not None and message.on_stale is not None:
            self.notify(display_text(message.message), severity=message.severity, markup=False, timeout=8)
            self.refresh_screens()  # the screen behind shows the fresh values when the draft closes
            message.on_stale(message.stale)
            return
        self.notify(display_text(message.message), severity=message.severity, markup=False, timeout=8)
        if message.replaced:
            self.reopener.offer(message.message.removeprefix("Not saved: "), message.on_invalid)
        if message.reload:
            self.refresh_screens()

    def on_saved(self, message: Saved) -> None:
        success = message.success
        text = success(message.result) if callable(success) else success
        self._data_version = self._read_data_version()  # our own commit: not an outside change
        screen = message.screen
        if message.read and screen is self.screen and isinstance(screen, AppScreen):
            screen.show_saved(message.fresh)
            self._post_to_view(skip=screen)
        else:
            self.refresh_screens()
        if text:
            # The change itself is drawn first; the notice follows a frame later.
            self.call_after_refresh(self.notify, display_text(text))
        # Once the change is on screen nobody is waiting: copy the log into the file then. The
        # copy holds the store's lock (at 100k milestones 30-70 ms with its sync): started in
        # the saving thread as soon as it posted, it raced this handler's own read of the
        # store and held up about half the slips' frames (the bimodal slips of issue 20).
        self.call_after_refresh(self._checkpoint)

    # Other windows ---------------------------------------------------------------
    def _read_data_version(self) -> int | None:
        """PRAGMA data_version, or None (with the store's message shown once) if it fails."""
        try:
            version = self.store.data_version()
        except DatabaseReplacedError as exc:
            # Said once, and it stays up: every save is refused until the file is reopened.
            # Briefly: the offer to reopen that follows holds the same words, and stays.
            if self._tell_store_problem(display_text(exc), "Database file replaced", timeout=6):
                self.reopener.offer(str(exc))
            return None
        except (T2025Error, sqlite3.Error) as exc:
            self._tell_store_problem(display_text(exc), "Database problem", timeout=30)
            return None
        self._store_problem = None
        return version

    def _tell_store_problem(self, problem: str, title: str, *, timeout: float) -> bool:
        """Show a problem with the file once; True if it was new."""
        if problem == self._store_problem:
            return False
        self._store_problem = problem
        self.notify(problem, title=title, severity="error", timeout=timeout)
        return True

    def action_reopen_database(self) -> None:
        self.reopener.offer(f"{self.store.path} will be opened again, with the checks made at start.")

    def store_reopened(self) -> None:
        """`self.store` was reopened (tui/reopen.py), maybe on another file: read it all again."""
        self._store_problem = None
        self.clear_notifications()  # what they said was about the file that was replaced
        self._data_version = self._read_data_version()
        self.refresh_screens()

    def check_for_outside_changes(self) -> None:
        """The one poller: reload when another connection committed (PRAGMA data_version moved)."""
        if not self.store.lock.acquire(blocking=False):
            return  # a save is running in a worker; look again at the next tick
        try:
            version = self._read_data_version()
            if version is not None and not self.store.log_copied:
                # Another window's commit is only in the log: copy it in (SQLite would, at
                # some point), so that a file copied over this one can be noticed again.
                self.store.checkpoint()
        finally:
            self.store.lock.release()
        if version is not None and version != self._data_version:
            self._data_version = version
            self.refresh_screens()

    def refresh_screens(self) -> None:
        """Tell the screens in view that the data changed; those under a form reload when it
        closes, and screens of other modes when they are shown again."""
        self._post_to_view()

    def _post_to_view(self, skip: Screen[Any] | None = None) -> None:
        try:
            stack = list(self.screen_stack)
        except ScreenStackError:
            return
        in_view = True
        for screen in reversed(stack):
            if not isinstance(screen, AppScreen) or screen is skip:
                pass
            elif in_view:
                screen.post_message(StoreChanged())
            else:
                screen.mark_stale()  # under the stand-up, say: reloads when it is in front again
            if not isinstance(screen, ModalScreen):
                in_view = False


def stale_notice(exc: StaleEditError) -> str:
    """One line for a refused stale edit whose draft is kept: who changed the record, when."""
    by = f" by {exc.who}" if exc.who else ""
    when = f" at {exc.at[:16].replace('T', ' ')}" if exc.at else ""
    return (
        f"Changed elsewhere{by}{when}: not saved yet. What you typed is kept beside the fresh values; "
        "enter saves it over them, escape cancels."
    )


def write_startup_log(store: Store, seconds: float, since_process_start: float | None = None) -> None:
    """Append the time to first screen to t2025-app.log beside the database."""
    if store.path is None:
        return
    log_path = Path(store.path).parent / LOG_NAME
    whole = (
        f" ({since_process_start:.2f} s since the process started)" if since_process_start is not None else ""
    )
    line = (
        f"{datetime.now().astimezone().isoformat(timespec='seconds')} first screen in {seconds:.3f} s"
        f" after opening the database{whole}\n"
    )
    try:
        fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(line)
    except OSError:
        pass  # a log line is never worth failing start-up for


def run_app(path: Path | str) -> int:
    """Open the database at `path` and run the app; returns the process exit code."""
    started = time.perf_counter()
    path = Path(path)
    # The header, identity and version only; damage is reported when a read meets it, and after
    # an unclean shutdown the whole file is checked just after the first screen (see open_store).
    store = open_store(path, check=False)
    try:
        app = T2025App(store, started_at=started, check_after_start=store.unclean_shutdown)
        app.run()
        return app.return_code or 0
    finally:
        store.close()


__all__ = ["T2025App", "run_app"]
