"""A form declared as a list of fields: every form of the app is one of these.

A form subclass says what it asks (`fields()`), what it returns (`build(values)`) and, if a
combination of values is refused, why (`check(values)` raising ValidationError(message,
field)). The base draws the rows, checks each field as it is typed, shows the message under
its field, and dismisses with the built value. Enter saves from any field (ctrl+s in a
multi-line box), escape cancels, tab cycles through the fields.

A form the service refused is opened again by `restore(draft, error)`: the typed draft is put
back and the service's message shown beside the field it names. A save refused because another
window changed the record meanwhile opens it again with `keep_over(stale)` too: a line above the
fields says who changed it and when, and each field whose stored value moved shows the fresh
value under it; saving again writes what was typed over that version, escape cancels. Fields are
matched to the record's columns by name (`FRESH_COLUMNS` or `fresh_columns()` map a field named
otherwise).

    class NoteForm(Form[str]):
        title_text = "Note"
        def fields(self): return [Field("note", "Note", required=True)]
        def build(self, values): return values["note"]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Select, Static, TextArea

from t2025tui.core.dates import parse_user_date
from t2025tui.core.errors import StaleEditError, ValidationError
from t2025tui.core.text import LONG_TEXT_MAX, SHORT_TEXT_MAX, column_words, display_text
from t2025tui.tui.modals.dialog import Dialog
from t2025tui.tui.widgets.choice_set import ChoiceSet, RagPicker

ResultType = TypeVar("ResultType")
KINDS = ("text", "long", "date", "int", "number", "choice", "options", "rag")


@dataclass
class Field:
    """One input of a form.

    kind: text (one line), long (several lines), date, int, number, choice (a drop-down),
    options (buttons in a row, for a few choices) or rag (options picked with r/a/g).
    `choices` are (shown, value) pairs; `parse` turns typed text into the value, raising
    ValueError with a one-line message to refuse it. `max_length` is enforced as it is typed.
    """

    name: str
    label: str
    kind: str = "text"
    value: Any = None
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    base: date | None = None
    today: date | None = None  # the programme's today (its status date); None: the calendar's
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""
    placeholder: str = ""
    max_length: int | None = None
    tall: bool = False
    what: str = "this field"  # named in "... is required"
    suggestions: tuple[
        str, ...
    ] = ()  # a text field's usual values, completed as typed (right arrow takes one)
    parse: Callable[[str], Any] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field kind must be one of {', '.join(KINDS)}")

    @property
    def limit(self) -> int:
        if self.max_length is not None:
            return self.max_length
        return LONG_TEXT_MAX if self.kind == "long" else SHORT_TEXT_MAX

    @property
    def chosen_by_buttons(self) -> bool:
        return self.kind in ("options", "rag")

    def initial_text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        if isinstance(self.value, date):
            return self.value.isoformat()
        return str(self.value)

    def convert(self, text: str) -> Any:
        """The typed value of `text`, or ValueError saying what is wrong and how to fix it."""
        if self.parse is not None:
            return self.parse(text)
        stripped = text.strip()
        if not stripped:
            if self.required:
                raise ValueError(f"{self.what} is required; it cannot be blank")
            return "" if self.kind in ("text", "long") else None
        if self.kind == "date":
            return parse_user_date(stripped, today=self.today, base=self.base)
        if self.kind in ("int", "number"):
            return self._number(stripped)
        return stripped if self.kind == "text" else text

    def _number(self, text: str) -> int | float:
        try:
            number: int | float = (
                int(text.replace(",", "")) if self.kind == "int" else float(text.replace(",", ""))
            )
        except ValueError:
            whole = "a whole number" if self.kind == "int" else "a number"
            raise ValueError(f"{text!r} is not {whole}") from None
        low = self.minimum if self.minimum is not None else float("-inf")
        high = self.maximum if self.maximum is not None else float("inf")
        if not low <= number <= high:
            raise ValueError(f"must be between {low:g} and {high:g}")
        return number

    def hint_for(self, text: str) -> str:
        """The hint, with a date field's typed date spelled out (`+2w` = Thu 14 Jul 2022)."""
        if self.kind != "date" or not text.strip():
            return self.hint
        try:
            value = self.convert(text)
        except ValueError:
            return self.hint
        resolved = f"= {value:%a %d %b %Y}" if value else ""
        return f"{resolved}   {self.hint}".strip()


def _when(at: str) -> str:
    return at[:16].replace("T", " ")


def _shown(form_field: Field, value: Any) -> str:
    """A stored value as the field would show it: a choice by its label, long text cut short."""
    if value in (None, ""):
        return "(blank)"
    for prompt, choice in form_field.choices:
        if str(choice) == str(value):
            return display_text(prompt)
    text = " ".join(str(Field(form_field.name, "", value=value).initial_text()).split())
    return text if len(text) <= 60 else text[:59] + "…"


class FieldValidator(Validator):
    def __init__(self, form_field: Field):
        super().__init__()
        self.form_field = form_field

    def validate(self, value: str) -> ValidationResult:
        try:
            self.form_field.convert(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


class LimitedTextArea(TextArea):
    """A multi-line box that takes a burst of typed keys as one edit, up to `limit` characters.

    TextArea re-wraps the edited line on every insert, so a long text arriving as keys (a paste
    in a terminal without bracketed paste) would cost time growing with the square of its
    length; the keys already waiting are gathered and inserted together instead."""

    def __init__(self, text: str = "", *, limit: int, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.limit = limit
        self._pending: list[str] = []

    def on_key(self, event: events.Key) -> None:
        typed = "\n" if event.key == "enter" else event.character if event.is_printable else None
        if typed is None:
            self.flush_typed()  # an arrow or backspace acts after what was typed before it
            return
        event.prevent_default()  # gathered, not inserted one by one
        event.stop()
        if not self._pending:
            self.call_later(self.flush_typed)  # after the keys already queued behind this one
        self._pending.append(typed)

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        self._pending.append(event.text)
        self.flush_typed()

    def flush_typed(self) -> None:
        if not self._pending:
            return
        typed = "".join(self._pending)
        self._pending.clear()
        room = self.limit - len(self.text) + len(self.selected_text)
        if len(typed) > room:
            typed = typed[: max(room, 0)]
            self.app.bell()
            form = self.screen
            if isinstance(form, Form):
                form.show_error(
                    (self.id or "").removeprefix("field-"), f"the limit is {self.limit:,} characters"
                )
        if typed:
            self.replace(typed, *self.selection)

    @property
    def value_text(self) -> str:
        """The text including keys not inserted yet."""
        self.flush_typed()
        return self.text


class Form(Dialog[ResultType]):
    """Subclasses define `fields()` and `build(values)`; `check(values)` may refuse a combination."""

    FOCUS: str | None = None  # the field focused on opening; the first one if None
    REFUSAL_FIELD: str | None = None  # where a refusal naming no field of this form is shown
    FRESH_COLUMNS: dict[str, str] = {}  # field -> the record's column, where the names differ

    DEFAULT_CSS = """
    Form #form-stale { color: $warning; text-style: bold; height: auto; margin: 1 0 0 0; display: none; }
    Form #form-stale.-shown { display: block; }
    Form .form-hint.-fresh { color: $warning; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.form_fields = {f.name: f for f in self.fields()}
        self.draft: dict[str, str] = {}
        self._restore: dict[str, str] = {}
        self._restore_error: ValidationError | None = None
        self.stale: StaleEditError | None = None
        self.fresh_notes: dict[str, str] = {}
        self._typed_ahead: list[events.Key] = []

    # For subclasses ------------------------------------------------------------
    def fields(self) -> list[Field]:
        raise NotImplementedError

    def build(self, values: dict[str, Any]) -> ResultType:
        raise NotImplementedError

    def check(self, values: dict[str, Any]) -> None:
        """Raise ValidationError(message, field) for a combination the service would refuse."""

    def field_changed(self, name: str, value: Any) -> None:
        """Called when a choice changes (e.g. to say what the new choice means)."""

    # Opening again after the service refused the result ----------------------------
    def restore(self, draft: dict[str, str], error: ValidationError | None) -> Form[ResultType]:
        """Refill the fields with what was typed and show the service's message by its field."""
        self._restore = dict(draft)
        self._restore_error = error
        return self

    def keep_over(self, stale: StaleEditError | None) -> Form[ResultType]:
        """After a stale refusal: say who changed the record and when, and show each field's
        fresh value under it; the draft (`restore`) stays in the boxes, to be saved over them."""
        self.stale = stale
        self.fresh_notes = self._fresh_notes(stale) if stale is not None else {}
        return self

    def fresh_columns(self) -> dict[str, str]:
        """Field -> the record's column where the names differ (a form of several modes may
        say it per instance)."""
        return self.FRESH_COLUMNS

    def _fresh_notes(self, stale: StaleEditError) -> dict[str, str]:
        fresh = stale.fresh or {}
        changed = set(stale.fields)  # from the change log: what moved since the form was opened
        columns = self.fresh_columns()
        by = f" (changed by {stale.who} at {_when(stale.at)})" if stale.who else ""
        notes = {}
        for name, form_field in self.form_fields.items():
            column = columns.get(name, name)
            if column not in fresh or (changed and column not in changed):
                continue
            now = _shown(form_field, fresh[column])
            if now != _shown(form_field, form_field.value):
                notes[name] = f"now: {now}{by}"
        return notes

    def stale_text(self) -> str:
        """The line above the fields after a stale refusal."""
        stale = self.stale
        if stale is None:
            return ""
        if stale.removed:
            return (
                f"Not saved: {stale} What you typed is kept so that nothing is lost; "
                "copy what you need, then escape to close."
            )
        from t2025tui.core.changes import label_of

        label = label_of(stale.table, stale.fresh or {}) if stale.table else "This record"
        by = f" by {stale.who}" if stale.who else ""
        when = f" at {_when(stale.at)}" if stale.at else ""
        what = ", ".join(column_words(f) for f in stale.fields)
        changed = f" ({what})" if what else ""
        beside = "; the fresh values are under the fields" if self.fresh_notes else ""
        return (
            f"{label} was changed{by}{when}{changed} since you opened this; nothing of yours was saved. "
            f"What you typed is kept{beside}. Save again to write yours over theirs, or escape to cancel."
        )

    # Layout --------------------------------------------------------------------
    def body(self) -> ComposeResult:
        self._date_fields_count_from_programme_today()
        stale = Static(self.stale_text(), id="form-stale", markup=False)
        stale.set_class(self.stale is not None, "-shown")
        yield stale
        for form_field in self.form_fields.values():
            text = self._restore.get(form_field.name, form_field.initial_text())
            label = form_field.label + (" *" if form_field.required else "")
            yield from self.labelled(
                form_field.name,
                label,
                self._input_for(form_field, text),
                self.hint_text(form_field.name, text),
            )

    def _date_fields_count_from_programme_today(self) -> None:
        """`today` and `+1w` in a date field mean the programme's today: its status date when
        one is fixed in the settings, as "done today" does, not the laptop's calendar."""
        programme_today = getattr(self.app, "programme_today", None)
        today = programme_today() if callable(programme_today) else None
        for form_field in self.form_fields.values():
            if form_field.kind == "date" and form_field.today is None:
                form_field.today = today

    def hint_text(self, name: str, text: str) -> str:
        """A field's hint line: its fresh value after a stale refusal, then its own hint."""
        hint = self.form_fields[name].hint_for(text)
        note = self.fresh_notes.get(name)
        return f"{note}   {hint}".strip() if note else hint

    def _input_for(self, form_field: Field, text: str) -> Widget:
        if form_field.kind == "choice":
            values = [value for _, value in form_field.choices]
            chosen = next((v for v in values if str(v) == text), Select.NULL)
            return Select(
                [(display_text(prompt), value) for prompt, value in form_field.choices],
                value=chosen,
                allow_blank=not form_field.required,
                compact=True,
                prompt="(none)",
            )
        if form_field.chosen_by_buttons:
            buttons = [
                RadioButton(display_text(prompt), value=(str(value) == text))
                for prompt, value in form_field.choices
            ]
            picker = RagPicker if form_field.kind == "rag" else ChoiceSet
            return picker(*buttons, on_enter=lambda _index: self.action_save())
        if form_field.kind == "long":
            area = LimitedTextArea(
                text, limit=form_field.limit, soft_wrap=True, tab_behavior="focus", compact=True
            )
            area.set_class(form_field.tall, "-tall")
            return area
        return Input(
            text,
            placeholder=form_field.placeholder,
            validators=[FieldValidator(form_field)],
            validate_on=["changed", "submitted"],
            max_length=form_field.limit,
            suggester=SuggestFromList(form_field.suggestions) if form_field.suggestions else None,
            compact=True,
        )

    def on_mount(self) -> None:
        for name in self.fresh_notes:
            self.query_one(f"#hint-{name}").add_class("-fresh")
        for choices in self.query(ChoiceSet):
            if choices.pressed_index >= 0:  # arrows start from the chosen button, not the first
                choices.highlight(choices.pressed_index)
        if self._restore_error is not None:
            self.show_refusal(self._restore_error)
        else:
            self.focus_field(self.FOCUS or next(iter(self.form_fields)))
        self.call_after_refresh(self._replay_typed_ahead)

    def widget(self, name: str) -> Widget:
        return self.query_one(f"#field-{name}")

    def focus_field(self, name: str) -> None:
        self.widget(name).focus()

    # Reading values --------------------------------------------------------------
    def raw_text(self, name: str) -> str:
        widget = self.widget(name)
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, LimitedTextArea):
            return widget.value_text
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, ChoiceSet):
            index = widget.pressed_index
            return str(self.form_fields[name].choices[index][1]) if index >= 0 else ""
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        raise TypeError(f"no value for {type(widget).__name__}")

    def value_of(self, name: str) -> Any:
        widget = self.widget(name)
        form_field = self.form_fields[name]
        if isinstance(widget, (Select, ChoiceSet)):
            chosen = self._chosen(form_field, widget)
            if chosen is None and form_field.required:
                raise ValueError("choose one" if form_field.kind != "rag" else "choose a RAG: r, a or g")
            return chosen
        return form_field.convert(self.raw_text(name))

    @staticmethod
    def _chosen(form_field: Field, widget: Select | ChoiceSet) -> Any:
        if isinstance(widget, ChoiceSet):
            index = widget.pressed_index
            return form_field.choices[index][1] if index >= 0 else None
        return None if widget.value is Select.NULL else widget.value

    def choose(self, name: str, value: Any) -> None:
        """Pick `value` in a choice field, as if the user had."""
        widget = self.widget(name)
        values = [v for _, v in self.form_fields[name].choices]
        if isinstance(widget, ChoiceSet):
            widget.press(values.index(value))
        elif isinstance(widget, Select):
            widget.value = value

    # Messages by the fields --------------------------------------------------------
    def refusal_field(self, error: ValidationError) -> str:
        """The field a refusal is shown beside: the one it names, else REFUSAL_FIELD or the first."""
        if error.field in self.form_fields:
            return error.field
        return self.REFUSAL_FIELD or next(iter(self.form_fields))

    def show_refusal(self, error: ValidationError) -> None:
        """The service's (or `check`'s) message beside the field it names, which gets the focus."""
        name = self.refusal_field(error)
        self.show_error(name, str(error))
        self.focus_field(name)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name not in self.form_fields:
            return
        refused = self._restore_error is not None and self.refusal_field(self._restore_error) == name
        if refused and event.value == self._restore.get(name):
            return  # keep the service's message until the user changes what it refused
        result = event.validation_result
        if result is None or result.is_valid:
            self.clear_error(name)
        else:
            self.show_error(name, result.failure_descriptions[0])
        self.set_hint(name, self.hint_text(name, event.value))

    @on(TextArea.Changed)
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        name = (event.text_area.id or "").removeprefix("field-")
        if name in self.errors:
            self.clear_error(name)

    @on(RadioSet.Changed)
    def _choice_changed(self, event: RadioSet.Changed) -> None:
        name = (event.radio_set.id or "").removeprefix("field-")
        if name in self.form_fields:
            self.clear_error(name)
            self.field_changed(name, self._chosen(self.form_fields[name], event.radio_set))  # type: ignore[arg-type]  # every RadioSet in a form is a ChoiceSet

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("field-")
        if name in self.form_fields:
            self.clear_error(name)
            self.field_changed(name, None if event.value is Select.NULL else event.value)

    # Keys ------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        """Enter saves from a drop-down too (down or space opens it). Keys typed before any
        field had the focus (a fast typist right after the key that opened the form) are
        kept and given to the field once it has it, instead of being lost."""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Select) and not focused.expanded:
            event.stop()
            event.prevent_default()
            self.action_save()
        elif focused is None and (event.key == "enter" or event.is_printable):
            event.stop()
            self._typed_ahead.append(event)
            if self.is_mounted:
                self.call_after_refresh(self._replay_typed_ahead)

    def _replay_typed_ahead(self) -> None:
        typed, self._typed_ahead = self._typed_ahead, []
        if not typed:
            return
        target = self.focused or self.widget(self.FOCUS or next(iter(self.form_fields)))
        target.focus()
        for key in typed:
            if key.key == "enter":
                self.action_save()
                return
            if isinstance(target, Input) and key.character:
                target.insert_text_at_cursor(key.character)
            else:
                self.app.post_message(events.Key(key.key, key.character))

    # Saving ------------------------------------------------------------------------
    def action_save(self) -> None:
        values: dict[str, Any] = {}
        failed: str | None = None
        for name in self.form_fields:
            try:
                values[name] = self.value_of(name)
            except ValueError as exc:
                self.show_error(name, str(exc))
                failed = failed or name
            else:
                if not (self._restore_error is not None and self.refusal_field(self._restore_error) == name):
                    self.clear_error(name)
        if failed is not None:
            self.focus_field(failed)
            return
        try:
            self.check(values)
            result = self.build(values)
        except ValidationError as error:
            self.show_refusal(error)
            return
        # Dates as the service saw them, so a form opened again shows what was understood.
        self.draft = {
            name: values[name].isoformat() if isinstance(values[name], date) else self.raw_text(name)
            for name in self.form_fields
        }
        self.dismiss(result)
