"""Edit the committee report's text sections: pick a section, type, ctrl+s saves it.

Drafts are kept per section while the dialog is open, so moving between sections loses
nothing; closing with unsaved drafts asks for a second escape. Each save is one logged edit
(core/services/report_text.py); a save over words changed in another window is refused, the
other window's words are reloaded and the draft is kept on screen to be saved again.
"""

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from t2025tui.core.errors import T2025Error
from t2025tui.core.services.report_text import report_texts, set_report_text
from t2025tui.core.text import display_text


class ReportTextModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ReportTextModal { align: center middle; }
    ReportTextModal > Vertical {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    ReportTextModal #sections { width: 40; height: 1fr; }
    ReportTextModal #body { width: 1fr; height: 1fr; }
    ReportTextModal #where, ReportTextModal #report-text-status { width: 100%; color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="report_text.save", tooltip="Save this section"),
        Binding("escape", "close", "Close", id="report_text.close", tooltip="Close (asks if unsaved)"),
    ]

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.rows: list[dict] = []
        self.drafts: dict[int, str] = {}  # row index -> typed, unsaved text
        self.current = 0
        self.closing = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Report text: the committee report's own words", markup=False)
            with Horizontal():
                yield OptionList(id="sections")
                yield TextArea("", id="body", soft_wrap=True, tab_behavior="focus")
            yield Label("", id="where", markup=False)
            yield Label("", id="report-text-status", markup=False)
            yield Label("ctrl+s save · tab switch list/text · esc close", markup=False)

    def on_mount(self) -> None:
        self._load(keep=0)
        self.query_one("#sections", OptionList).focus()

    def _load(self, keep: int) -> None:
        self.rows = report_texts(self.store)
        options = self.query_one("#sections", OptionList)
        options.clear_options()
        options.add_options([Option(Text(self._label(row))) for row in self.rows])
        options.highlighted = min(keep, len(self.rows) - 1)
        self._show(options.highlighted or 0)

    def _label(self, row: dict) -> str:
        name = f": {row['workstream']}" if row["workstream_id"] is not None else ""
        return display_text(f"{row['title']}{name}")

    def _show(self, index: int) -> None:
        self.current = index
        row = self.rows[index]
        body = self.query_one("#body", TextArea)
        body.load_text(self.drafts.get(index, row["body"]))
        self.query_one("#where", Label).update(Text(f"Appears in: {row['where']}"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.current:
            self._show(event.option_index)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "body" or not self.rows:
            return
        saved = self.rows[self.current]["body"]
        if event.text_area.text != saved:
            self.drafts[self.current] = event.text_area.text
        else:
            self.drafts.pop(self.current, None)
        self.closing = False

    def action_save(self) -> None:
        row = self.rows[self.current]
        text = self.query_one("#body", TextArea).text
        self._status(f"Saving {row['title']}…")
        self._save(self.current, row, text)

    @work(thread=True, exclusive=True, group="report-text", exit_on_error=False)
    def _save(self, index: int, row: dict, text: str) -> tuple[int, str]:
        set_report_text(
            self.store,
            row["section"],
            text,
            workstream_id=row["workstream_id"],
            expected_version=row["version"],
        )
        return index, row["title"]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "report-text":
            return
        if event.state == WorkerState.SUCCESS:
            result = event.worker.result
            assert result is not None  # a successful save returns what it saved
            index, title = result
            self.drafts.pop(index, None)
            self._load(keep=self.current)
            self._status(f"Saved {title}.")
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, T2025Error) else f"{type(error).__name__}: {error}"
            # Reload what is saved now (another window's words), keeping every draft typed here.
            self._load(keep=self.current)
            self._status(f"Not saved: {message}")

    def action_close(self) -> None:
        if self.drafts and not self.closing:
            names = ", ".join(self._label(self.rows[i]) for i in sorted(self.drafts))
            self._status(f"Unsaved changes in {names}: ctrl+s saves; escape again discards them.")
            self.closing = True
            return
        self.dismiss(None)

    def _status(self, message: str) -> None:
        self.query_one("#report-text-status", Label).update(Text(display_text(message)))
