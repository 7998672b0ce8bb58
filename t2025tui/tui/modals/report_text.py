"""Edit the committee report's text sections: pick a section, type, ctrl+s saves it.

Drafts are kept per section while the dialog is open, so moving between sections loses
nothing; closing with unsaved drafts asks for a second escape. Each save is one logged edit
(core/services/report_text.py); a save over words changed in another window is refused, the
other window's words are reloaded and the draft is kept on screen to be saved again.

It is the one dialog box (`Dialog`) with its bindings (`form.save`, `form.cancel`), wide enough
for a section's paragraphs; its rows are the section list and the text, not a field list.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, OptionList, TextArea
from textual.widgets.option_list import Option

from t2025tui.core.errors import T2025Error
from t2025tui.core.services.report_text import report_texts, set_report_text
from t2025tui.core.store import Store
from t2025tui.core.text import display_text
from t2025tui.tui.modals.dialog import Dialog


class SectionSaved(Message):
    def __init__(self, index: int, title: str):
        super().__init__()
        self.index, self.title = index, title


class SectionRefused(Message):
    def __init__(self, message: str):
        super().__init__()
        self.message = message


class ReportTextModal(Dialog[str]):
    title_text = "Report text: the committee report's own words"
    keys_text = "ctrl+s: save this section   tab: switch list / text   escape: close"
    DEFAULT_CSS = """
    ReportTextModal > #form { width: 95%; height: 90%; }
    ReportTextModal #form-fields { height: 1fr; max-height: 100%; }
    ReportTextModal #report-text-panes { height: 1fr; }
    ReportTextModal #sections { width: 40; height: 1fr; }
    ReportTextModal #body { width: 1fr; height: 1fr; }
    ReportTextModal #where, ReportTextModal #report-text-status { width: 100%; color: $text-muted; }
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.rows: list[dict] = []
        self.drafts: dict[int, str] = {}  # row index -> typed, unsaved text
        self.current = 0
        self.closing = False

    def body(self) -> ComposeResult:
        with Horizontal(id="report-text-panes"):
            yield OptionList(id="sections")
            yield TextArea("", id="body", soft_wrap=True, tab_behavior="focus")
        yield Label("", id="where", markup=False)
        yield Label("", id="report-text-status", markup=False)

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
    def _save(self, index: int, row: dict, text: str) -> None:
        try:
            set_report_text(
                self.store,
                row["section"],
                text,
                workstream_id=row["workstream_id"],
                expected_version=row["version"],
            )
        except T2025Error as exc:  # stale, invalid, busy, replaced file: each says what to do
            self.post_message(SectionRefused(str(exc)))
        except Exception as exc:  # a bug: said in one line (the transaction was rolled back)
            self.log.error(f"report text save failed: {exc!r}")
            self.post_message(SectionRefused(f"unexpected error {type(exc).__name__}. Please report it."))
        else:
            self.post_message(SectionSaved(index, row["title"]))

    def on_section_saved(self, message: SectionSaved) -> None:
        self.drafts.pop(message.index, None)
        self._load(keep=self.current)
        self._status(f"Saved {message.title}.")

    def on_section_refused(self, message: SectionRefused) -> None:
        # Reload what is saved now (another window's words), keeping every draft typed here.
        self._load(keep=self.current)
        self._status(f"Not saved: {message.message}")

    def action_cancel(self) -> None:
        if self.drafts and not self.closing:
            names = ", ".join(self._label(self.rows[i]) for i in sorted(self.drafts))
            self._status(f"Unsaved changes in {names}: ctrl+s saves; escape again discards them.")
            self.closing = True
            return
        self.dismiss(None)

    def _status(self, message: str) -> None:
        self.query_one("#report-text-status", Label).update(Text(display_text(message)))
