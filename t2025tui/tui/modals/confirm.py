"""Yes / no before an action that is awkward to take back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button

from t2025tui.tui.modals.dialog import Dialog


class ConfirmModal(Dialog[bool]):
    DEFAULT_CSS = """
    ConfirmModal #confirm-buttons { height: auto; align: center middle; }
    ConfirmModal #confirm-buttons Button { margin: 0 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
    ]
    keys_text = "y: yes   n or escape: no"

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No", intro: str = ""):
        self.title_text = question
        self.intro_text = intro  # what the question is about, when it takes more than a line
        self.yes_label = yes
        self.no_label = no
        super().__init__()

    def body(self) -> ComposeResult:
        with Horizontal(id="confirm-buttons"):
            yield Button(f"{self.yes_label} (y)", id="yes", variant="primary")
            yield Button(f"{self.no_label} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        self.dismiss(True)
