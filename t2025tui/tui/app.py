"""The T2025 terminal app: screens by number key, stand-up mode, audited saves off the UI thread.

Every change of state is one core service call run by `T2025App.save`, which reports the
result as a notification and reloads what is on screen. Screens other than the dashboard are
imported the first time their key is pressed, so start-up stays fast.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import signal
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import events, work
from textual.app import App, ScreenStackError
from textual.binding import Binding
from textual.screen import ModalScreen

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

POLL_SECONDS = 1.5
WARM_UP_DELAY = 0.3  # seconds after the first screen: long enough for it to be drawn, short of a first edit
LOG_NAME = "t2025-app.log"
BUSY_MESSAGE = (
    "The database is busy: another t2025 window or process is saving. "
    "Nothing was changed; try again in a moment."
)

# mode name -> (module, class, title). Loaded lazily; missing modules give a notice, not a crash.
SCREENS: dict[str, tuple[str, str, str]] = {
    "dashboard": ("t2025tui.tui.screens.dashboard", "DashboardScreen", "Dashboard"),
    "workstream": ("t2025tui.tui.screens.workstream", "WorkstreamScreen", "Workstream detail"),
    "milestones": ("t2025tui.tui.screens.milestones", "MilestonesScreen", "Milestones"),
    "risks": ("t2025tui.tui.screens.risks", "RisksScreen", "Risk register"),
    "recommendations": ("t2025tui.tui.screens.recommendations", "RecommendationsScreen", "Recommendations"),
    "finance": ("t2025tui.tui.screens.finance", "FinanceScreen", "Finance"),
    "health": ("t2025tui.tui.screens.health", "HealthScreen", "Health check"),
    "history": ("t2025tui.tui.screens.history", "HistoryScreen", "History"),
}
MODALS: dict[str, tuple[str, str, str]] = {
    "export": ("t2025tui.tui.modals.export", "ExportModal", "Export"),
    "report": ("t2025tui.tui.modals.report", "ReportModal", "Committee report"),
    "report_text": ("t2025tui.tui.modals.report_text", "ReportTextModal", "Report text"),
    "import": ("t2025tui.tui.modals.import_file", "ImportModal", "Import"),
}
# Not offered while a form is in front (it would act behind it) ...
BLOCKED_BY_MODAL = {"show", "standup", "export", "report", "report_text", "import_file", "undo", "redo"}
# ... or, for leaving the screen, during stand-up (escape ends it first).
BLOCKED_BY_STANDUP = {"show", "standup", "export", "report", "report_text", "import_file"}


def load_class(module_name: str, class_name: str) -> type | None:
    """The class, or None when this build does not have that module (yet)."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    return getattr(module, class_name, None)


class T2025App(App):
    """Open on a core `Store`; every screen reads `self.app.store`."""

    CSS_PATH = "app.tcss"
    TITLE = "t2025"
    # The dashboard is the mode the app starts in, so Textual builds it as the first screen
    # (no placeholder screen composed and switched away from, no second CSS pass).
    MODES = {"dashboard": lambda: load_class(*SCREENS["dashboard"][:2])()}
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
            "t",
            "report_text",
            "Report text",
            id="app.report_text",
            tooltip="Edit the committee report's text sections",
            show=False,
        ),
        Binding("ctrl+o", "import_file", "Import", id="app.import", tooltip="Import a file", show=False),
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
        self.first_screen_seconds: float | None = None
        self._data_version: int | None = None
        self._told_replaced = False
        self._modes_added: set[str] = {self.DEFAULT_MODE}

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
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
        self._install_signal_handlers()
        self.store.checkpoint_when_told()  # after each save is drawn, not inside one
        self._data_version = self.store.data_version()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.check_for_outside_changes, name="data-version")
        # RAG badges take their colours from the theme, so redraw when it changes.
        self.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_screens())
        first_load = getattr(self.screen, "first_load", None)
        if callable(first_load):
            first_load()  # the dashboard's data, for the first frame (see DashboardScreen.first_load)

    def _install_signal_handlers(self) -> None:
        # A SIGTERM/SIGHUP would otherwise kill the process with the terminal still in the
        # alternate screen; exiting through Textual restores it. A transaction in flight
        # either commits whole or is rolled back by SQLite, so nothing is left half done.
        # Windows has no SIGHUP, and its event loops cannot add signal handlers: there a plain
        # handler passes SIGBREAK (ctrl+break, the console closing) to the loop, and the
        # `t2025` command puts the previous handlers back when the app has finished.
        self._signals: list[int] = []
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

    def exit_on_signal(self, sig: int) -> None:
        self.exit(return_code=128 + int(sig))

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in getattr(self, "_signals", []):
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
                self.call_from_thread(
                    self.notify, problem, title="Database damaged", severity="error", timeout=3600
                )
        figures.refresh_store(self.store)

    # Keys ----------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            with contextlib.suppress(ScreenStackError):
                event._typed_on = (self.screen, self.screen.focused)
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key typed in a burst right after one that opened a form or a reason line (`r`
        then "delayed") reaches the app's bindings only after the form is in front or the
        line has the focus; hand it over as newly typed instead of losing it (or reading it
        as a binding of the screen)."""
        typed_on = getattr(event, "_typed_on", None)
        try:
            now = (self.screen, self.screen.focused)
        except ScreenStackError:
            return
        if typed_on is not None and (typed_on[0] is not now[0] or typed_on[1] is not now[1]):
            event.prevent_default()  # App._on_key would check it against what is now in front
            self.post_message(events.Key(event.key, event.character))

    # Screens -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            screen = self.screen
        except ScreenStackError:  # starting up or shutting down
            return True
        if action in BLOCKED_BY_MODAL and (
            isinstance(screen, ModalScreen) or getattr(screen, "asking_reason", False)
        ):
            return False
        return not (action in BLOCKED_BY_STANDUP and getattr(screen, "BLOCKS_SCREEN_KEYS", False))

    def action_show(self, name: str) -> None:
        module_name, class_name, title = SCREENS[name]
        screen_class = load_class(module_name, class_name)
        if screen_class is None:
            self.notify(f"{title} is not available in this build yet.", severity="warning")
            return
        if name == self.current_mode:
            self.refresh_screens()
            return
        if name in self._modes_added and not hasattr(screen_class, "refresh_data"):
            # A screen that cannot reload itself is rebuilt, so it never shows old data.
            self.remove_mode(name)
            self._modes_added.discard(name)
        if name not in self._modes_added:
            self.add_mode(name, screen_class)
            self._modes_added.add(name)
        self.switch_mode(name)

    def action_standup(self) -> None:
        from t2025tui.tui.screens.standup import StandupScreen

        self.push_screen(StandupScreen())

    def action_help(self) -> None:
        from t2025tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def _open_modal(self, name: str) -> None:
        module_name, class_name, title = MODALS[name]
        modal_class = load_class(module_name, class_name)
        if modal_class is None:
            self.notify(f"{title} is not available in this build yet.", severity="warning")
            return
        self.push_screen(modal_class(self.store), callback=self._after_file_modal)

    def _after_file_modal(self, message: str | None) -> None:
        if message:
            self.notify(display_text(message), markup=False, timeout=8)
        self.refresh_screens()

    def action_export(self) -> None:
        self._open_modal("export")

    def action_report(self) -> None:
        self._open_modal("report")

    def action_report_text(self) -> None:
        self._open_modal("report_text")

    def action_import_file(self) -> None:
        self._open_modal("import")

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

    # Saving --------------------------------------------------------------------
    def save(
        self,
        call: Callable[[], object],
        *,
        success: str | Callable[[object], str] | None = None,
        after: Callable[[object], None] | None = None,
        on_invalid: Callable[[ValidationError], None] | None = None,
    ) -> None:
        """Run one service call in a worker; report, then reload the screens on show.

        `on_invalid` gets a refused value's ValidationError (e.g. to re-open the form with
        what was typed); without it the message is shown as a notification.
        """
        self._save_in_thread(call, success, after, on_invalid, self.screen)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_in_thread(self, call, success, after, on_invalid, screen) -> None:
        try:
            result = call()
        except ValidationError as exc:
            if on_invalid is not None:
                self.call_from_thread(on_invalid, exc)
            else:
                self.call_from_thread(self._report_problem, f"Not saved: {exc}", "error")
        except StoreBusyError:
            self.call_from_thread(self._report_problem, BUSY_MESSAGE, "warning")
        except (StaleEditError, NotFoundError) as exc:
            self.call_from_thread(self._report_stale, exc)
        except NothingToUndoError as exc:
            self.call_from_thread(self._report_problem, str(exc), "warning")
        except (T2025Error, ValueError) as exc:
            self.call_from_thread(self._report_problem, f"Not saved: {exc}", "error")
        except Exception as exc:  # a bug: say so in one line (the transaction was rolled back)
            self.log.error(f"save failed: {exc!r}")
            self.call_from_thread(
                self._report_problem,
                f"Not saved: unexpected error {type(exc).__name__}: {exc}. Please report it.",
                "error",
            )
        else:
            self.call_from_thread(self._report_saved, result, success, after, screen, self._read_for(screen))
            self.store.checkpoint()  # the change is on screen: nobody is waiting for this now

    @staticmethod
    def _read_for(screen):
        """What `screen` will show after a save, read in the saving thread so the UI thread
        only draws; for screens with `read_data` (pure reads) and `show_data` (drawing)."""
        if not hasattr(screen, "read_data"):
            return None
        try:
            return screen.read_data()
        except T2025Error:
            return None  # saved all the same; the screen reloads itself the usual way

    def _report_problem(self, message: str, severity: str) -> None:
        self.notify(display_text(message), severity=severity, markup=False, timeout=8)

    def _report_stale(self, exc: Exception) -> None:
        self.notify(
            f"Changed elsewhere, reloaded. {display_text(exc)}", severity="warning", markup=False, timeout=8
        )
        self.refresh_screens()

    def _report_saved(self, result, success, after, screen, fresh) -> None:
        message = success(result) if callable(success) else success
        if after is not None:
            after(result)
        if fresh is not None and screen is self.screen:
            screen.show_data(fresh)
        else:
            self.refresh_screens()
        if message:
            # The change itself is drawn first; the notice follows a frame later.
            self.call_after_refresh(self.notify, display_text(message))

    # Other windows ---------------------------------------------------------------
    def check_for_outside_changes(self) -> None:
        """Reload when another connection committed (PRAGMA data_version moved)."""
        if not self.store.lock.acquire(blocking=False):
            return  # a save is running in a worker; look again at the next tick
        try:
            version = self.store.data_version()
        except DatabaseReplacedError as exc:
            if not self._told_replaced:  # said once, and it stays up: every save is refused now
                self._told_replaced = True
                self.notify(str(exc), title="Database file replaced", severity="error", timeout=3600)
            return
        except T2025Error:
            return
        finally:
            self.store.lock.release()
        if version != self._data_version:
            self._data_version = version
            self.refresh_screens()

    def refresh_screens(self) -> None:
        """Reload what is visible: the top screen and, under any open forms, the screen they cover.

        Screens further down reload themselves when they are shown again (on_screen_resume).
        """
        for screen in reversed(self.screen_stack):
            reload = getattr(screen, "refresh_data", None)
            if callable(reload):
                reload()
            if not isinstance(screen, ModalScreen):
                break


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
