"""The shape every form shares: a titled box, fields with their error line, escape cancels."""

from typing import Generic, TypeVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from t2025tui.core.text import display_text

T = TypeVar("T")


def field(label: str, widget: Widget, name: str) -> Vertical:
    """A label, the input widget and an (initially empty) error line named `<name>-error`."""
    return Vertical(
        Label(label, classes="field-label", markup=False),
        widget,
        Label("", id=f"{name}-error", classes="field-error", markup=False),
        classes="field",
        id=f"{name}-field",
    )


class FormModal(ModalScreen[T], Generic[T]):
    """Subclasses compose their fields inside `form_body()` and implement `collect()`."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="modal.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "submit", "Save", id="modal.save", tooltip="Check the fields and save"),
    ]
    DEFAULT_CLASSES = "form-modal"
    TITLE_TEXT = ""
    HINT = "enter save · esc cancel"

    def __init__(self, title: str | None = None, *, errors: dict[str, str] | None = None):
        """`errors` are shown beside their fields on opening: a form re-opened after the
        service refused a value keeps what was typed and says what to fix."""
        super().__init__()
        self.form_title = title if title is not None else self.TITLE_TEXT
        self.errors: dict[str, str] = {}
        self._opening_errors = dict(errors or {})
        self._errored_values: dict[str, str | None] = {}
        self._typed_ahead: list[str] = []

    def compose(self):
        with Vertical(id="form"):
            yield Static(Text(display_text(self.form_title), style="bold"), id="form-title", markup=False)
            yield from self.form_body()
            yield Label(self.HINT, id="form-hint", markup=False)

    def form_body(self):
        raise NotImplementedError

    def collect(self) -> T | None:
        """Return the typed value to dismiss with, or show errors and return None."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # Textual also runs each subclass's own on_mount (focus); this one adds errors and
        # whatever was typed before the fields existed.
        self.call_after_refresh(self._apply_typed_ahead)
        for name, message in self._opening_errors.items():
            if self.query(f"#{name}-field"):
                self.show_error(name, message)
            else:
                self.notify(message, severity="error", markup=False)

    # Errors ------------------------------------------------------------------
    def show_error(self, name: str, message: str) -> None:
        self.errors[name] = message
        widgets = self.query(f"#{name}")
        self._errored_values[name] = (
            widgets.first().value if widgets and isinstance(widgets.first(), Input) else None
        )
        self.query_one(f"#{name}-error", Label).update(Text(message))
        self.query_one(f"#{name}-field").add_class("-invalid")

    def clear_error(self, name: str) -> None:
        self.errors.pop(name, None)
        self.query_one(f"#{name}-error", Label).update("")
        self.query_one(f"#{name}-field").remove_class("-invalid")

    def error_of(self, name: str) -> str:
        return self.errors.get(name, "")

    def check_input(self, name: str) -> bool:
        """Run an Input's validators and show the first failure beside it."""
        widget = self.query_one(f"#{name}", Input)
        result = widget.validate(widget.value)
        if result is not None and not result.is_valid:
            self.show_error(name, result.failure_descriptions[0])
            return False
        self.clear_error(name)
        return True

    # Events ------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        """Keys typed before any field had focus (a fast typist right after `r` or `]`) go into
        the first text field instead of being dropped; an enter among them saves as usual."""
        if self.focused is not None:
            return
        inputs = self.query(Input)
        if not inputs or not (event.key == "enter" or (event.is_printable and event.character)):
            return
        event.stop()
        self._typed_ahead.append("\n" if event.key == "enter" else event.character)
        if inputs.first().is_mounted:
            self._apply_typed_ahead()

    def _apply_typed_ahead(self) -> None:
        typed, self._typed_ahead = self._typed_ahead, []
        if not typed:
            return
        first = self.query(Input).first()
        first.focus()
        for character in typed:
            if character == "\n":
                self.action_submit()
                return
            first.insert_text_at_cursor(character)

    def on_input_changed(self, event: Input.Changed) -> None:
        name = event.input.id
        if name not in self.errors or self._errored_values.get(name) == event.value:
            return  # e.g. the Changed an Input posts on mount must not hide an opening error
        if event.validation_result is None or event.validation_result.is_valid:
            self.clear_error(name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        value = self.collect()
        if value is not None:
            self.dismiss(value)
