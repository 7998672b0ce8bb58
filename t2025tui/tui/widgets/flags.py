"""The governance flags as the screens show them: the suggested RAG with its rule, overdue
actions, and "dependency at risk". Database text is appended literally (markup off)."""

from __future__ import annotations

from rich.text import Text

from t2025tui.core.text import display_text
from t2025tui.tui.widgets.rag import RAG_STYLES

SHORT_RAG = {"Red": "R", "Amber/Red": "A/R", "Amber": "A", "Amber/Green": "A/G", "Green": "G"}
DEPENDENCY_AT_RISK = "at risk"


def short_rag(rag: str | None, palette: dict[str, str] | None = None) -> Text:
    """A small badge (` R `, `A/R`) for a column too narrow for the word."""
    word = SHORT_RAG.get(rag or "", "-")
    return Text(f" {word} " if len(word) == 1 else word, style=(palette or RAG_STYLES).get(rag or "", ""))


def suggested_line(suggested, palette: dict[str, str] | None = None, *, label: str = "Suggested") -> Text:
    """`Suggested  Red   suggests Red: 1 milestone late beyond tolerance` (or empty)."""
    if suggested is None:
        return Text("")
    text = Text(f"{label} ", style="bold")
    text.append(f" {suggested.suggested} ", style=(palette or RAG_STYLES).get(suggested.suggested, ""))
    text.append(" " + suggested.rule, style="italic")
    return text


def overdue_line(actions: list[dict], limit: int = 3) -> Text:
    """`Overdue actions 2: A1 Confirm ... (DCC, due 2022-03-01); A4 ...`, or empty for none."""
    if not actions:
        return Text("")
    text = Text(f"Overdue actions {len(actions)}: ", style="bold red")
    for index, action in enumerate(actions[:limit]):
        if index:
            text.append("; ")
        text.append(f"{action['ref']} {display_text(action['title'])}")
        who = display_text(action.get("owner"))
        text.append(f" ({who + ', ' if who else ''}due {action['due_date']})", style="dim")
    if len(actions) > limit:
        text.append(f"; and {len(actions) - limit} more", style="dim")
    return text


def dependency_line(dependencies: list[dict], workstream_id: int | None = None) -> Text:
    """Each dependency at risk: `Dependency at risk: VUL-M03 needs FCR-M01 (2022-06-30, after
    2022-04-30)`, the needed milestone's date after the dependant's; one whose needed milestone
    is this workstream's (and the dependant another's) says so."""
    if not dependencies:
        return Text("")
    text = Text("Dependency at risk: ", style="bold yellow")
    for index, dep in enumerate(dependencies):
        if index:
            text.append("; ")
        holds_up = workstream_id is not None and dep.get("workstream_id") != workstream_id
        text.append(f"{dep['milestone_ref']} needs {dep['needs_ref']}")
        text.append(
            f" ({dep['needs_date'] or 'no date'}, after {dep['milestone_date'] or 'no date'}"
            + ("; held up by this workstream)" if holds_up else ")"),
            style="dim",
        )
    return text


def dependency_cell(waits_on: str | None) -> Text:
    """The milestone table's flag: `at risk` (what it needs is said in the line beside)."""
    if not waits_on:
        return Text("")
    return Text(DEPENDENCY_AT_RISK, style="bold yellow", no_wrap=True, overflow="ellipsis")


def flag_lines(*lines: Text) -> Text:
    """The non-empty lines, one per line."""
    return Text("\n").join(line for line in lines if line.plain)
