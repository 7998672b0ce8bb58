"""Ask why: a one-line reason, required unless the caller says otherwise."""

from textual.widgets import Input

from t2025tui.tui.modals.base import FormModal, field
from t2025tui.tui.modals.validators import Required


class ReasonPrompt(FormModal[str | None]):
    """Dismisses with the reason typed (stripped), or None when cancelled."""

    def __init__(
        self,
        question: str,
        *,
        required: bool = True,
        value: str = "",
        placeholder: str = "Reason",
        errors: dict[str, str] | None = None,
    ):
        super().__init__(question, errors=errors)
        self.required = required
        self.initial = value
        self.placeholder = placeholder

    def form_body(self):
        validators = [Required("a reason")] if self.required else []
        yield field(
            "Reason" + (" (required)" if self.required else " (optional)"),
            Input(
                self.initial,
                placeholder=self.placeholder,
                id="reason",
                validators=validators,
                validate_on=["changed", "submitted"],
            ),
            "reason",
        )

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def collect(self) -> str | None:
        if not self.check_input("reason"):
            return None
        return self.query_one("#reason", Input).value.strip()
