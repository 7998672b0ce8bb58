"""RAG shown as a coloured badge AND the word, so it reads without colour too."""

from rich.text import Text
from textual.color import Color

from t2025tui.core.text import display_text

# Used when no app is at hand (and as the shape of a palette); screens pass `rag_palette(app)`.
RAG_STYLES = {
    "Red": "bold #ffffff on #b3261e",
    "Amber/Red": "bold #ffffff on #c4561b",
    "Amber": "bold #1a1a1a on #f2a900",
    "Amber/Green": "bold #1a1a1a on #a8c83c",
    "Green": "bold #ffffff on #2e7d32",
}
NO_RAG_STYLE = "bold on #5a5a5a"

TREND_TEXT = {"better": "↑ better", "worse": "↓ worse", "same": "→ same", "new": "• new"}
TREND_STYLES = {"better": "green", "worse": "red", "same": "", "new": "italic"}


def _badge(background: Color) -> str:
    return f"bold {background.get_contrast_text(1.0).hex} on {background.hex}"


def rag_palette(app) -> dict[str, str]:
    """Badge styles from the theme: $error, $warning, $success; the IPA in-betweens blend them."""
    try:
        variables = app.get_css_variables()
        red, amber, green = (Color.parse(variables[name]) for name in ("error", "warning", "success"))
    except (AttributeError, KeyError, ValueError):
        return RAG_STYLES
    return {
        "Red": _badge(red),
        "Amber/Red": _badge(red.blend(amber, 0.5)),
        "Amber": _badge(amber),
        "Amber/Green": _badge(amber.blend(green, 0.5)),
        "Green": _badge(green),
    }


def rag_text(rag: str | None, *, palette: dict[str, str] | None = None, width: int = 0) -> Text:
    """The badge as rich Text: ` Amber ` on amber, so it reads with or without colour."""
    word = rag or "none"
    label = f" {word} ".ljust(width) if width else f" {word} "
    return Text(label, style=(palette or RAG_STYLES).get(rag or "", NO_RAG_STYLE))


def trend_text(trend: str | None) -> Text:
    return Text(TREND_TEXT.get(trend or "", ""), style=TREND_STYLES.get(trend or "", ""))


def rag_with_reason(
    label: str, rag: str | None, reason: str | None, palette: dict[str, str] | None = None
) -> Text:
    """`Overall  Red   reason...`: the reason is database text, so it is appended literally."""
    text = Text(f"{label} ", style="bold")
    text.append_text(rag_text(rag, palette=palette))
    if reason:
        text.append(" " + display_text(reason))
    return text
