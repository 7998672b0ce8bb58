"""Yes / no before an action that is awkward to take back."""

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from t2025tui.core.text import display_text


class ConfirmModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", key_display="n/esc"),
    ]
    DEFAULT_CLASSES = "form-modal"

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No"):
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self):
        with Vertical(id="form"):
            yield Static(Text(display_text(self.question), style="bold"), id="form-title", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="primary")
                yield Button(f"{self.no_label} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
