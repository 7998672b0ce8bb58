"""Add a stand-up note to a workstream."""

from textual.widgets import Input

from t2025tui.tui.modals.base import FormModal, field
from t2025tui.tui.modals.validators import Required


class NoteForm(FormModal[str | None]):
    def __init__(self, workstream_name: str, text: str = "", *, errors: dict[str, str] | None = None):
        super().__init__(f"Note for {workstream_name}", errors=errors)
        self.initial = text

    def form_body(self):
        yield field(
            "Note",
            Input(
                self.initial,
                placeholder="What was said, agreed or needs chasing",
                id="note",
                validators=[Required("the note")],
                validate_on=["changed", "submitted"],
            ),
            "note",
        )

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def collect(self) -> str | None:
        if not self.check_input("note"):
            return None
        return self.query_one("#note", Input).value.strip()
