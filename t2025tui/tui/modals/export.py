"""Export the Futures Board pack from the app: ask where, show progress, write it in a worker.

Dismisses with "Pack written to <path>" when done, or None when cancelled. Problems (a folder
that does not exist, a read-only folder, a full disk) are shown here, and the dialog stays open
so another path can be tried; a failed export never damages a pack already at that path.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label, ProgressBar

from t2025tui.core.atomic_file import next_free_name
from t2025tui.core.database_files import refuse_database_target
from t2025tui.core.errors import FileInUseError, T2025Error
from t2025tui.core.export import PACK, default_pack_name, export_pack
from t2025tui.core.store import Store
from t2025tui.core.text import display_text
from t2025tui.tui.modals.dialog import Dialog


class ExportProgress(Message):
    def __init__(self, done: int, total: int, what: str):
        super().__init__()
        self.done, self.total, self.what = done, total, what


class ExportDone(Message):
    def __init__(self, message: str):
        super().__init__()
        self.message = message


class ExportFailed(Message):
    """The export stopped; `message` says why and what to do, `offer` a free name to use instead."""

    def __init__(self, message: str, offer: Path | None = None):
        super().__init__()
        self.message, self.offer = message, offer


def default_pack_path() -> Path:
    """futures-board-pack-YYYY-MM-DD.xlsx in the documents folder (the home folder if there is none)."""
    documents = Path(platformdirs.user_documents_dir())
    folder = documents if documents.is_dir() else Path.home()
    return folder / default_pack_name()


class ExportModal(Dialog[str]):
    title_text = "Export the Futures Board progress pack"
    # What a sibling dialog (the committee report's) changes: the file it asks for and writes.
    PATH_LABEL = "Save the pack as (.xlsx)"
    SUFFIX = ".xlsx"
    WHAT = PACK
    SUFFIX_HINT = "the pack is an Excel workbook: give a file name ending in .xlsx"
    keys_text = "enter: export   escape: cancel"
    # Export errors name a folder and say what to do, so they wrap rather than run off the box.
    DEFAULT_CSS = """
    ExportModal .form-error, ExportModal #export-status {
        width: 100%;
    }
    """

    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.running = False
        self._shown_with_error = ""  # the path an error is about, kept until it is changed

    def body(self) -> ComposeResult:
        yield from self.labelled("path", self.PATH_LABEL, Input(value=str(self.default_path())))
        yield ProgressBar(total=None, show_eta=False, id="export-progress")
        yield Label("", id="export-status", markup=False)

    def on_mount(self) -> None:
        path = self.query_one("#field-path", Input)
        path.focus()
        path.cursor_position = len(path.value)
        self._describe_target(path.value)
        # Shown once there is something to measure; idle, an indeterminate bar looks busy.
        self.query_one("#export-progress", ProgressBar).display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-path" and not self.running:
            if event.value != self._shown_with_error:
                self.clear_error("path")
            self._describe_target(event.value)

    def _describe_target(self, text: str) -> None:
        target = Path(text.strip()).expanduser() if text.strip() else None
        note = "A file of this name exists; exporting replaces it." if target and target.is_file() else ""
        self._status(note)

    def _status(self, message: str) -> None:
        self.query_one("#export-status", Label).update(Text(display_text(message)))

    # Submitting ------------------------------------------------------------------
    def action_save(self) -> None:
        """Start the export; the worker's message dismisses the dialog when the file is written."""
        if self.running:
            return
        typed = self.query_one("#field-path", Input).value.strip()
        if not typed:
            self.show_error("path", "the file name is required; it cannot be blank")
            return
        target = Path(typed).expanduser()
        try:  # the core's own guard, first, so the message is the one the CLI gives
            refuse_database_target(target, self.store.path, what=self.WHAT)
        except T2025Error as exc:
            self._shown_with_error = typed
            self.show_error("path", str(exc))
            return
        if target.suffix.lower() != self.SUFFIX:
            self.show_error("path", self.SUFFIX_HINT)
            return
        self.running = True
        self.query_one("#field-path", Input).disabled = True
        self.query_one("#export-progress", ProgressBar).display = True
        self._status("Exporting…")
        self._export(target)

    def action_cancel(self) -> None:
        if self.running:
            # The pack is written to a temporary file and moved into place at the end, so
            # waiting the moment it takes is safe; leaving now would hide whether it worked.
            self._status("Finishing the export… (it takes a moment)")
            return
        self.dismiss(None)

    def default_path(self) -> Path:
        return default_pack_path()

    def write(self, target: Path) -> str:
        """Write the file (in the worker's thread); returns what to tell the user."""
        result = export_pack(self.store, target, progress=self._progress_from_thread)
        return f"Pack written to {result.path}"

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, target: Path) -> None:
        try:
            done = self.write(target)
        except FileInUseError as exc:  # Windows: the pack is open in Excel
            free = next_free_name(Path(str(exc.path)))
            self.post_message(ExportFailed(f"{exc} Press enter to export as {free.name}.", offer=free))
        except T2025Error as exc:
            self.post_message(ExportFailed(str(exc)))
        except Exception as exc:  # shown in the dialog rather than crashing the app
            self.post_message(ExportFailed(f"Export failed unexpectedly: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(ExportDone(done))

    def on_export_done(self, message: ExportDone) -> None:
        self.dismiss(message.message)

    def on_export_failed(self, message: ExportFailed) -> None:
        self._failed(message.message, message.offer)

    def on_export_progress(self, message: ExportProgress) -> None:
        self._show_progress(message.done, message.total, message.what)

    def _progress_from_thread(self, done: int, total: int, what: str) -> None:
        self.post_message(ExportProgress(done, total, what))

    def _show_progress(self, done: int, total: int, what: str) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=total, progress=done)
        self._status(what)

    def _failed(self, message: str, offer: Path | None = None) -> None:
        self.running = False
        path = self.query_one("#field-path", Input)
        path.disabled = False
        if offer is not None:
            path.value = str(offer)
            path.cursor_position = len(path.value)
        path.focus()
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = False
        self._status("")
        self._shown_with_error = path.value
        self.show_error("path", message)
