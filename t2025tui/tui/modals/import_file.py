"""Import a risk log, a plan (RAG tracker) or a returned Futures Board pack: pick the file, see the
preview, confirm.

Enter reads the file in a worker and shows what would be created, changed, invalid or in
conflict; enter again writes it (one transaction, undoable with ctrl+z). For a risk log the
preview shows what each column was taken to mean; the two mapping boxes change that for this
import (a column's meaning, or "ignore"; a workstream name the sheet uses). Editing the path,
the kind or a mapping after a preview discards it, so what is confirmed is always what was
shown. Dismisses with a one-line summary, or None when cancelled.
"""

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from t2025tui.core.errors import T2025Error
from t2025tui.core.text import display_text
from t2025tui.tui.modals.dialog import Dialog

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
PREVIEW_LINES = 300  # a 10,000-row log previews its first rows; the counts cover them all
KINDS = ("risks", "plan", "updates")
MAPPINGS = {"map-columns": "--map-column", "map-workstreams": "--map-workstream"}  # box -> its CLI option


class PreviewRead(Message):
    def __init__(self, preview: Any):
        super().__init__()
        self.preview = preview


class ImportDone(Message):
    def __init__(self, message: str):
        super().__init__()
        self.message = message


class ImportFailed(ImportDone):
    """Reading or writing stopped; `message` says why and what to do."""


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries: folders and spreadsheets."""

    def __init__(self):
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith(("/", "\\")) else (typed.parent, typed.name)
        try:
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in folder.iterdir()
                if entry.name.startswith(stem)
                and not entry.name.startswith(".")
                and (entry.is_dir() or entry.suffix.lower() in SPREADSHEET_SUFFIXES)
            )
        except OSError:
            return None
        return value + names[0][len(stem) :] if names and names[0] != stem else None


class ImportModal(Dialog[str]):
    title_text = "Import from a spreadsheet"
    keys_text = "enter: preview, then import   →: complete the path   escape: cancel"
    DEFAULT_CSS = """
    ImportModal #import-preview { height: auto; max-height: 20; border: round $primary-darken-2; }
    ImportModal #import-status, ImportModal .form-error { width: 100%; }
    """
    # The shared form box is sized for short forms; a preview needs room for "old -> new".
    FORM_WIDTH = 110

    def __init__(self, store, path: str = ""):
        super().__init__()
        self.store = store
        self.initial_path = path
        self.preview = None
        self.busy = False

    def body(self):
        yield from self.labelled(
            "path",
            "File (.xlsx, or .csv for a risk log)",
            Input(
                value=self.initial_path,
                placeholder="~/Documents/SIT Risk Log V6 March 2022.xlsx",
                suggester=PathSuggester(),
            ),
        )
        with RadioSet(id="import-kind"):
            yield RadioButton("Risk log (new risks; known refs updated)", value=True, id="kind-risks")
            yield RadioButton("Plan from a RAG tracker (workstreams, projects, milestones)", id="kind-plan")
            yield RadioButton("Returned board pack (updates)", id="kind-updates")
        yield from self.labelled(
            "map-columns",
            "Column meanings for this import (column letter or header = meaning, ';' between)",
            Input(placeholder="K=actions; Contingency=ignore; M=keep (in the notes)"),
        )
        yield from self.labelled(
            "map-workstreams",
            "Workstream names the sheet uses (name = code, or Programme; ';' between)",
            Input(placeholder="Resource Mgmt=RM; Corporate=Programme"),
        )
        yield Checkbox("Skip invalid rows (import the rest)", id="skip-invalid")
        with VerticalScroll(id="import-preview"):
            yield Static("", id="import-preview-text", markup=False)
        yield Label("", id="import-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#form").styles.width = self.FORM_WIDTH
        self.query_one("#import-preview").display = False
        self.query_one("#field-path", Input).focus()

    @property
    def kind(self) -> str:
        for kind in KINDS:
            if self.query_one(f"#kind-{kind}", RadioButton).value:
                return kind
        return "risks"

    # Keeping the preview honest -------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name in ("path", *MAPPINGS):
            self.clear_error(name)
            self._discard_preview()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._discard_preview()
        self._show_field("map-columns", self.kind == "risks")
        self._show_field("map-workstreams", self.kind != "updates")

    def _show_field(self, name: str, shown: bool) -> None:
        for part in ("row", "hint", "error"):
            self.query_one(f"#{part}-{name}").display = shown

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self.preview is not None:
            self._status(self._ready_message())

    def _discard_preview(self) -> None:
        if self.busy or self.preview is None:
            return
        self.preview = None
        self.query_one("#import-preview").display = False
        self._status("")

    def _status(self, message: str) -> None:
        self.query_one("#import-status", Label).update(Text(display_text(message)))

    # Enter: preview, then import ---------------------------------------------------
    def action_save(self) -> None:
        if self.busy:
            return
        if self.preview is None:
            typed = self.query_one("#field-path", Input).value.strip()
            if not typed:
                self.show_error("path", "the file name is required; it cannot be blank")
                return
            mappings = self._mappings()
            if mappings is None:
                return
            self._start("Reading the file…")
            self._read(Path(typed).expanduser(), self.kind, *mappings)
            return
        skip = self.query_one("#skip-invalid", Checkbox).value
        if self.preview.invalid and not skip:
            self._status(self._ready_message())
            return
        if not self.preview.to_write:
            self.dismiss(self.preview.nothing_to_write())
            return
        self._start("Importing…")
        self._apply(self.preview, skip)

    def _mappings(self) -> tuple[dict[str, str], dict[str, str]] | None:
        """The two mapping boxes as {old: new}, or None (the error shown) when one is not OLD=NEW."""
        from t2025tui.core.importers.values import CellError
        from t2025tui.core.importers.workstreams import parse_mapping

        found: list[dict[str, str]] = []
        for name in MAPPINGS:
            if self.kind == "updates" or (self.kind == "plan" and name == "map-columns"):
                found.append({})
                continue
            try:
                found.append(parse_mapping([self.query_one(f"#field-{name}", Input).value], "mapping"))
            except CellError as exc:
                self.show_error(name, str(exc))
                return None
            self.clear_error(name)
        return found[0], found[1]

    def _start(self, message: str) -> None:
        self.busy = True
        self.query_one("#field-path", Input).disabled = True
        self._status(message)

    def _finish(self) -> None:
        self.busy = False
        path = self.query_one("#field-path", Input)
        path.disabled = False
        path.focus()  # disabling it while busy took the focus away, and enter must still answer

    def _ready_message(self) -> str:
        preview = self.preview
        if preview is None:
            return ""
        invalid = len(preview.invalid)
        if invalid and not self.query_one("#skip-invalid", Checkbox).value:
            return (
                f"{preview.summary()}. {invalid} invalid row(s): nothing will be written until they are "
                "fixed in the file, or tick 'Skip invalid rows'."
            )
        if not preview.to_write:
            return f"{preview.summary()}. Nothing to import; enter closes."
        return f"{preview.summary()}. Press enter to import, esc to cancel."

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _read(self, path: Path, kind: str, columns: dict[str, str], workstreams: dict[str, str]) -> None:
        try:
            if kind == "risks":
                from t2025tui.core.importers.risk_log import preview_risks

                preview = preview_risks(self.store, path, columns=columns, workstreams=workstreams)
            elif kind == "plan":
                from t2025tui.core.importers.plan import preview_plan

                preview = preview_plan(self.store, path, workstreams=workstreams)
            else:
                from t2025tui.core.importers.updates import preview_updates

                preview = preview_updates(self.store, path)
        except T2025Error as exc:
            self.post_message(ImportFailed(str(exc)))
        except Exception as exc:  # shown in the modal rather than crashing the app
            self.post_message(ImportFailed(f"Could not read the file: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(PreviewRead(preview))

    def on_preview_read(self, message: PreviewRead) -> None:
        self._show_preview(message.preview)

    def on_import_failed(self, message: ImportFailed) -> None:
        self._failed(message.message)

    def on_import_done(self, message: ImportDone) -> None:
        self.dismiss(message.message)

    def _show_preview(self, preview) -> None:
        self._finish()
        self.preview = preview
        lines = preview.lines(limit=PREVIEW_LINES, problems_first=True)
        self.query_one("#import-preview-text", Static).update(
            Text("\n".join(display_text(line) for line in lines))
        )
        self.query_one("#import-preview").display = True
        self._status(self._ready_message())

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _apply(self, preview, skip_invalid: bool) -> None:
        from t2025tui.core.importers.apply import apply_preview

        try:
            result = apply_preview(self.store, preview, skip_invalid=skip_invalid)
        except T2025Error as exc:
            self.post_message(ImportFailed(str(exc)))
        except Exception as exc:
            self.post_message(ImportFailed(f"Import failed unexpectedly: {type(exc).__name__}: {exc}"))
        else:
            self.post_message(ImportDone(result.message(preview.file_name)))

    def _failed(self, message: str) -> None:
        self._finish()
        self.preview = None
        self.query_one("#import-preview").display = False
        self._status("")
        # A mapping the file does not fit is shown beside its box; anything else beside the path.
        name = next((name for name, option in MAPPINGS.items() if option in message), "path")
        self.show_error(name, message)
        self.query_one(f"#field-{name}", Input).focus()

    def action_cancel(self) -> None:
        if self.busy:
            self._status("Please wait: the file is being read or written (one transaction).")
            return
        self.dismiss(None)
