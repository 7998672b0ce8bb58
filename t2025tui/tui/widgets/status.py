"""Small text pieces shared by tables: milestone status words, progress bars, shortening."""

from rich.text import Text

from t2025tui.core.text import display_text

MILESTONE_STATUS_STYLES = {
    "late": "bold red",
    "at risk": "bold yellow",
    "on track": "green",
    "complete": "dim",
    "de-scoped": "dim italic",
}


def milestone_status_text(state: str | None) -> Text:
    return Text(state or "-", style=MILESTONE_STATUS_STYLES.get(state or "", ""))


def progress_bar(done: int, total: int, width: int) -> Text:
    filled = round(width * done / total) if total else 0
    bar = Text("█" * filled, style="green")
    bar.append("░" * (width - filled), style="dim")
    return bar


def shorten(value: object, width: int) -> str:
    text = display_text(value)
    return text if len(text) <= width else text[: width - 1] + "…"
