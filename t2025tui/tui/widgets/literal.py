"""Widgets that show database text literally: no markup parsing, no control characters."""

from rich.text import Text
from textual.widgets import Label, Static

from t2025tui.core.text import display_text


def literal(value: object, style: str = "") -> Text:
    """Database text as a Text: `[bold]` stays `[bold]`, ESC and friends are stripped."""
    return Text(display_text(value), style=style)


def literal_block(value: object) -> Text:
    """Like `literal` but keeps line breaks (commentary, key messages)."""
    if value is None:
        return Text("")
    lines = [display_text(line) for line in str(value).splitlines()]
    return Text("\n".join(lines))


class LiteralStatic(Static):
    def __init__(self, value: object = "", **kwargs):
        super().__init__(literal_block(value), markup=False, **kwargs)

    def show(self, value: object) -> None:
        self.update(literal_block(value))


class LiteralLabel(Label):
    def __init__(self, value: object = "", **kwargs):
        super().__init__(literal(value), markup=False, **kwargs)

    def show(self, value: object) -> None:
        self.update(literal(value))
