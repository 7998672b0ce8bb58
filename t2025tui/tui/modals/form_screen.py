"""A modal form built from field descriptions, with inline validation beside each field.

Each field turns its text into a typed value (or raises ValueError with a one-line message);
the message appears under the field as the user types. Enter or ctrl+s saves, escape
cancels. A subclass turns the parsed values into the typed result it dismisses with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from t2025tui.core.dates import parse_user_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.text import display_text

ResultType = TypeVar("ResultType")


@dataclass
class FormField:
    """One input of a form.

    kind: text (one line), long (several lines), date, int, number or choice.
    `parse` turns the typed text into the value; it raises ValueError to refuse it.
    """

    name: str
    label: str
    kind: str = "text"
    value: Any = None
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    base: date | None = None
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""
    parse: Callable[[str], Any] | None = field(default=None, repr=False)

    def initial_text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value)

    def convert(self, text: str) -> Any:
        """The typed value of `text`, or ValueError saying what is wrong and how to fix it."""
        if self.parse is not None:
            return self.parse(text)
        stripped = text.strip()
        if not stripped:
            if self.required:
                raise ValueError("is required")
            return "" if self.kind in ("text", "long") else None
        if self.kind == "date":
            return parse_user_date(stripped, base=self.base)
        if self.kind in ("int", "number"):
            return self._number(stripped)
        return text.strip() if self.kind == "text" else text

    def _number(self, text: str) -> int | float:
        try:
            number: int | float = (
                int(text.replace(",", "")) if self.kind == "int" else float(text.replace(",", ""))
            )
        except ValueError:
            whole = "a whole number" if self.kind == "int" else "a number"
            raise ValueError(f"{text!r} is not {whole}") from None
        if (
            self.minimum is not None
            and number < self.minimum
            or self.maximum is not None
            and number > self.maximum
        ):
            raise ValueError(f"must be between {self.minimum:g} and {self.maximum:g}")
        return number


class FieldValidator(Validator):
    def __init__(self, form_field: FormField):
        super().__init__()
        self.form_field = form_field

    def validate(self, value: str) -> ValidationResult:
        try:
            self.form_field.convert(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class FormScreen(ModalScreen[ResultType], Generic[ResultType]):
    """Subclasses define `fields()` and `build(values)`; `check(values)` may refuse a combination."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #form-dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; width: 1fr; }
    FormScreen #form-intro { color: $text-muted; }
    FormScreen #form-fields { height: auto; max-height: 32; }
    FormScreen .form-row { height: auto; margin: 1 0 0 0; }
    FormScreen .form-label { width: 24; padding: 0 1 0 0; color: $text-muted; }
    FormScreen .form-row > Input, FormScreen .form-row > Select, FormScreen .form-row > TextArea { width: 1fr; }
    FormScreen .form-hint { padding: 0 0 0 24; color: $text-muted; height: auto; }
    FormScreen .form-error { padding: 0 0 0 24; color: $error; height: auto; text-style: bold; }
    FormScreen .form-error { display: none; }
    FormScreen .form-error.-shown { display: block; }
    FormScreen .form-hint.-empty { display: none; }
    FormScreen .form-row > TextArea { height: 3; }
    FormScreen #form-keys { color: $text-muted; padding: 1 0 0 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close the form without saving"),
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check the fields and save"),
    ]

    # The app's stylesheet dims the screen behind anything with this class.
    DEFAULT_CLASSES = "form-modal"
    title_text = "Edit"
    intro_text = ""

    def __init__(self) -> None:
        super().__init__()
        self.form_fields = {f.name: f for f in self.fields()}
        self.raw: dict[str, str] = {}
        self._restore: dict[str, str] = {}
        self._restore_error: ValidationError | None = None

    # For subclasses ------------------------------------------------------------
    def fields(self) -> list[FormField]:
        raise NotImplementedError

    def build(self, values: dict[str, Any]) -> ResultType:
        raise NotImplementedError

    def check(self, values: dict[str, Any]) -> None:
        """Raise ValidationError(message, field) for a combination the service would refuse."""

    # Restoring after the service refused the result ---------------------------
    def restore(self, raw: dict[str, str], error: ValidationError | None) -> FormScreen[ResultType]:
        """Refill the fields with what was typed and show the service's message by its field."""
        self._restore = dict(raw)
        self._restore_error = error
        return self

    # Layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Label(Text(display_text(self.title_text)), id="form-title")
            if self.intro_text:
                yield Static(self.intro_text, id="form-intro", markup=False)
            with VerticalScroll(id="form-fields"):
                for form_field in self.form_fields.values():
                    yield from self._compose_field(form_field)
            yield Static(
                "enter: save (ctrl+s in a text box)   escape: cancel   tab: next field",
                id="form-keys",
                markup=False,
            )

    def _compose_field(self, form_field: FormField) -> ComposeResult:
        name = form_field.name
        label = form_field.label + (" *" if form_field.required else "")
        text = self._restore.get(name, form_field.initial_text())
        with Horizontal(classes="form-row"):
            yield Label(Text(label), classes="form-label")
            yield self._input_for(form_field, text)
        hint = self._hint_for(form_field, text)
        yield Static(hint, id=f"hint-{name}", classes="form-hint" + ("" if hint else " -empty"), markup=False)
        yield Static("", id=f"error-{name}", classes="form-error", markup=False)

    def _input_for(self, form_field: FormField, text: str) -> Widget:
        name = form_field.name
        if form_field.kind == "choice":
            options = [(Text(display_text(prompt)), value) for prompt, value in form_field.choices]
            values = [value for _, value in form_field.choices]
            chosen = form_field.value if form_field.value in values else Select.NULL
            if name in self._restore:
                chosen = next((v for v in values if str(v) == self._restore[name]), Select.NULL)
            return Select(
                options,
                value=chosen,
                allow_blank=not form_field.required,
                id=f"field-{name}",
                compact=True,
                prompt="(none)",
            )
        if form_field.kind == "long":
            return TextArea(text, id=f"field-{name}", soft_wrap=True, tab_behavior="focus", compact=True)
        return Input(
            text,
            id=f"field-{name}",
            validators=[FieldValidator(form_field)],
            validate_on=["changed", "submitted"],
            compact=True,
        )

    def on_mount(self) -> None:
        first = self.query(".form-row > Input, .form-row > TextArea, .form-row > Select").first()
        if self._restore_error is not None:
            self.show_error(self._restore_error)
        else:
            first.focus()

    def _hint_for(self, form_field: FormField, text: str) -> str:
        if form_field.kind != "date" or not text.strip():
            return form_field.hint
        try:
            value = form_field.convert(text)
        except ValueError:
            return form_field.hint
        resolved = f"= {value:%a %d %b %Y}" if value else ""
        return f"{resolved}   {form_field.hint}".strip()

    # Reading values --------------------------------------------------------------
    def raw_text(self, name: str) -> str:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        value = widget.value
        return "" if value is Select.NULL else str(value)

    def value_of(self, name: str) -> Any:
        widget = self.query_one(f"#field-{name}")
        form_field = self.form_fields[name]
        if isinstance(widget, Select):
            if widget.value is Select.NULL:
                if form_field.required:
                    raise ValueError("choose one")
                return None
            return widget.value
        return form_field.convert(self.raw_text(name))

    # Messages by the fields --------------------------------------------------------
    def set_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#error-{name}", Static)
        error.update(message)
        error.set_class(bool(message), "-shown")

    def set_hint(self, name: str, hint: str) -> None:
        line = self.query_one(f"#hint-{name}", Static)
        line.update(hint)
        line.set_class(not hint, "-empty")

    def show_error(self, error: ValidationError) -> None:
        name = error.field if error.field in self.form_fields else None
        if name is None:
            name = next(iter(self.form_fields))
        self.set_error(name, str(error))
        self.query_one(f"#field-{name}").focus()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name not in self.form_fields:
            return
        result = event.validation_result
        refused = self._restore_error is not None and self._restore_error.field == name
        if refused and event.value == self._restore.get(name):
            return  # keep the service's message until the user changes what it refused
        self.set_error(name, "" if result is None or result.is_valid else result.failure_descriptions[0])
        self.set_hint(name, self._hint_for(self.form_fields[name], event.value))

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # Actions -------------------------------------------------------------------------
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        values: dict[str, Any] = {}
        failed: str | None = None
        for name in self.form_fields:
            try:
                values[name] = self.value_of(name)
                self.set_error(name, "")
            except ValueError as exc:
                self.set_error(name, str(exc))
                failed = failed or name
        if failed is not None:
            self.query_one(f"#field-{failed}").focus()
            return
        try:
            self.check(values)
            result = self.build(values)
        except ValidationError as error:
            self.show_error(error)
            return
        self.raw = {name: self.raw_text(name) for name in self.form_fields}
        self.dismiss(result)
