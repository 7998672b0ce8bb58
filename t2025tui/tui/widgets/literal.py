"""Database text made safe to show: no markup parsing, no control characters."""

from rich.text import Text

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
