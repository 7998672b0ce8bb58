"""RAG shown as a coloured badge AND the word, so it reads without colour too."""

from rich.text import Text
from textual.widgets import Static

from t2025tui.core.text import display_text

# Foreground/background per RAG; the 5-point IPA scale blends the two neighbours.
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


def rag_text(rag: str | None, *, width: int = 0) -> Text:
    """The badge as rich Text: ` Amber ` on amber; `width` pads for aligned table columns."""
    word = rag or "none"
    label = f" {word} ".ljust(width) if width else f" {word} "
    return Text(label, style=RAG_STYLES.get(rag or "", NO_RAG_STYLE))


def trend_text(trend: str | None) -> Text:
    return Text(TREND_TEXT.get(trend or "", ""), style=TREND_STYLES.get(trend or "", ""))


def rag_with_reason(label: str, rag: str | None, reason: str | None) -> Text:
    """`Overall  Red   reason...`: the reason is database text, so it is appended literally."""
    text = Text(f"{label} ", style="bold")
    text.append_text(rag_text(rag))
    if reason:
        text.append(" " + display_text(reason))
    return text


class RagBadge(Static):
    """A standalone badge widget for headers (stand-up, workstream detail)."""

    def __init__(self, rag: str | None = None, **kwargs):
        super().__init__(rag_text(rag), markup=False, **kwargs)

    def show(self, rag: str | None) -> None:
        self.update(rag_text(rag))
