"""Cell renderers shared by the register screens: status words coloured from the theme."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from t2025tui.core.text import display_text

# Which theme colour carries each status word; the word itself is always shown, so the
# table reads the same without colour.
STATUS_TONES = {
    "late": "error",
    "Red": "error",
    "overdue": "error",
    "at risk": "warning",
    "Amber": "warning",
    "Amber/Red": "warning",
    "Amber/Green": "warning",
    "on track": "success",
    "Green": "success",
    "Signed off": "success",
}


def tone_colour(app: App, tone: str) -> str | None:
    theme = app.current_theme
    return getattr(theme, tone, None)


def status_text(app: App, word: object, tone_word: str | None = None) -> Text:
    """The word, literally, in the theme colour for its tone (or for `tone_word`'s tone)."""
    text = display_text(word)
    colour = tone_colour(app, STATUS_TONES.get(tone_word or text, ""))
    return Text(text, style=f"bold {colour}" if colour else "", no_wrap=True, overflow="ellipsis")


def number_text(value: int | float | None, suffix: str = "") -> Text:
    """Right-aligned number, or blank for none."""
    if value is None:
        return Text("")
    return Text(f"{value:,}{suffix}", justify="right", no_wrap=True)
