"""The box every form and dialog is drawn in: a title, rows with their error line, the keys.

`Dialog` is the plain box (export, import, yes/no); `Form` (modals/form.py) builds its rows
from a declared list of fields. Both share one stylesheet, one set of bindings and one id
scheme: the input of row `name` is `#field-{name}`, its hint `#hint-{name}`, its error line
`#error-{name}`.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from t2025tui.core.text import display_text

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType], Generic[ResultType]):
    """Subclasses yield their rows from `body()` and implement `action_save()`."""

    DEFAULT_CSS = """
    Dialog { align: center middle; background: $background 60%; }
    Dialog > #form {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Dialog #form-title { text-style: bold; color: $primary; width: 1fr; }
    Dialog #form-intro { color: $text-muted; height: auto; }
    Dialog #form-fields { height: auto; max-height: 32; }
    Dialog .form-row { height: auto; margin: 1 0 0 0; }
    Dialog .form-label { width: 24; padding: 0 1 0 0; color: $text-muted; }
    Dialog .form-row > Input, Dialog .form-row > Select, Dialog .form-row > TextArea,
    Dialog .form-row > RadioSet { width: 1fr; }
    Dialog .form-row > RadioSet { layout: horizontal; height: auto; }
    Dialog .form-row > TextArea { height: 3; }
    Dialog .form-row > TextArea.-tall { height: 8; }
    Dialog .form-hint { padding: 0 0 0 24; color: $text-muted; height: auto; }
    Dialog .form-hint.-empty { display: none; }
    Dialog .form-error { width: 1fr; padding: 0 0 0 24; color: $error; height: auto; text-style: bold; display: none; }
    Dialog .form-error.-shown { display: block; }
    Dialog .form-row.-invalid > Input, Dialog .form-row.-invalid > TextArea,
    Dialog .form-row.-invalid > RadioSet, Dialog .form-row.-invalid > Select { border: tall $error; }
    Dialog #form-keys { color: $text-muted; padding: 1 0 0 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check the fields and save"),
        # Priority, so a tab among keys that arrive together ("abc<tab>def", a fast typist or a
        # paste) moves the focus before the keys after it are handed to a field, not after.
        Binding("tab", "app.focus_next", "Next field", id="form.next", show=False, priority=True),
        Binding(
            "shift+tab", "app.focus_previous", "Previous field", id="form.previous", show=False, priority=True
        ),
    ]

    title_text = ""
    intro_text = ""
    keys_text = "enter: save (ctrl+s in a text box)   escape: cancel   tab: next field"

    def __init__(self) -> None:
        super().__init__()
        self.errors: dict[str, str] = {}

    # Layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(display_text(self.title_text)), id="form-title")
            intro = Static(Text(display_text(self.intro_text)), id="form-intro", markup=False)
            intro.display = bool(self.intro_text)
            yield intro
            # Not focusable: tab must go from the last field back to the first, not to the box.
            with VerticalScroll(id="form-fields", can_focus=False):
                yield from self.body()
            yield Static(self.keys_text, id="form-keys", markup=False)

    def body(self) -> ComposeResult:
        raise NotImplementedError

    @staticmethod
    def labelled(name: str, label: str, widget: Widget, hint: str = "") -> ComposeResult:
        """One labelled input (given the id `field-{name}`) with its hint and error lines."""
        widget.id = f"field-{name}"
        with Horizontal(classes="form-row", id=f"row-{name}"):
            yield Label(Text(display_text(label)), classes="form-label")
            yield widget
        yield Static(hint, id=f"hint-{name}", classes="form-hint" + ("" if hint else " -empty"), markup=False)
        yield Label("", id=f"error-{name}", classes="form-error", markup=False)

    def set_intro(self, text: Text | str) -> None:
        self.query_one("#form-intro", Static).update(text)
        self.query_one("#form-intro").display = bool(str(text))

    # Errors beside their fields ---------------------------------------------------
    def show_error(self, name: str, message: str) -> None:
        self.errors[name] = message
        line = self.query_one(f"#error-{name}", Label)
        line.update(Text(display_text(message)))
        line.add_class("-shown")
        self.query_one(f"#row-{name}").add_class("-invalid")

    def clear_error(self, name: str) -> None:
        self.errors.pop(name, None)
        line = self.query_one(f"#error-{name}", Label)
        line.update("")
        line.remove_class("-shown")
        self.query_one(f"#row-{name}").remove_class("-invalid")

    def error_of(self, name: str) -> str:
        return self.errors.get(name, "")

    def set_hint(self, name: str, hint: str) -> None:
        line = self.query_one(f"#hint-{name}", Static)
        line.update(hint)
        line.set_class(not hint, "-empty")

    # Keys ----------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError
