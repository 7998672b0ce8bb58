"""Edit a workstream's commentary (several lines; ctrl+s saves since enter adds a line)."""

from textual.widgets import TextArea

from t2025tui.tui.modals.base import FormModal, field


class CommentaryForm(FormModal[str | None]):
    HINT = "ctrl+s save · esc cancel"

    def __init__(self, workstream_name: str, commentary: str, *, errors: dict[str, str] | None = None):
        super().__init__(f"Commentary for {workstream_name}", errors=errors)
        self.initial = commentary or ""

    def form_body(self):
        yield field(
            "Commentary",
            TextArea(self.initial, id="commentary", soft_wrap=True, tab_behavior="focus"),
            "commentary",
        )

    def on_mount(self) -> None:
        self.query_one("#commentary", TextArea).focus()

    def collect(self) -> str | None:
        return self.query_one("#commentary", TextArea).text.strip()
