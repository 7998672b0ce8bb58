"""F1: every key, for the screen you are on first, then everywhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from t2025tui.tui.app import T2025App

DATE_HELP = "Dates in forms: 2022-06-30, 30/06/2022, today, +7 (days), +2w (weeks), -1w."
FORM_KEYS = [("tab / shift+tab", "Next / previous field"), ("enter", "Save (ctrl+s in multi-line text)")]


def binding_owners(app: App[Any]) -> list[type[DOMNode]]:
    """Every class whose bindings the app uses: the app, its screens, dialogs and widgets."""
    from t2025tui.tui.modals.confirm import ConfirmModal
    from t2025tui.tui.modals.dialog import Dialog
    from t2025tui.tui.screens.search import SearchScreen
    from t2025tui.tui.widgets.choice_set import ChoiceSet, RagPicker
    from t2025tui.tui.widgets.key_table import KeyTable
    from t2025tui.tui.widgets.paged_table import FilterInput, PageGrid
    from t2025tui.tui.widgets.reason_bar import ReasonBar

    screens = [screen_class for _, screen_class in screen_sections(app)]
    widgets: list[type[DOMNode]] = [PageGrid, FilterInput, KeyTable, ChoiceSet, RagPicker, ReasonBar]
    return [type(app), *screens, Dialog, ConfirmModal, SearchScreen, HelpScreen, *widgets]


def binding_ids(app: App[Any]) -> set[str]:
    return {
        binding.id
        for owner in binding_owners(app)
        for binding in owner.BINDINGS
        if isinstance(binding, Binding) and binding.id
    }


def owner_rows(app, owners) -> list[tuple[str, str]]:
    """The bindings each (class, where it is met) declares, each saying where."""
    return [
        (key, f"{description} ({where})")
        for owner, where in owners
        for key, description in binding_rows(app, owner.BINDINGS)
    ]


def dialog_rows(app) -> list[tuple[str, str]]:
    """The bindings the forms, stand-up's reason line, the yes/no question and this help declare."""
    from t2025tui.tui.modals.confirm import ConfirmModal
    from t2025tui.tui.modals.dialog import Dialog
    from t2025tui.tui.screens.search import SearchScreen
    from t2025tui.tui.widgets.choice_set import RagPicker
    from t2025tui.tui.widgets.reason_bar import ReasonBar

    return owner_rows(
        app,
        (
            (Dialog, "any form"),
            (RagPicker, "RAG choice"),
            (ReasonBar, "stand-up's reason line"),
            (ConfirmModal, "yes/no question"),
            (SearchScreen, "search"),
            (HelpScreen, "help"),
        ),
    )


def widget_rows(app) -> list[tuple[str, str]]:
    """The bindings of the lists, tables and choice buttons the screens are built from."""
    from t2025tui.tui.widgets.choice_set import ChoiceSet
    from t2025tui.tui.widgets.key_table import KeyTable
    from t2025tui.tui.widgets.paged_table import FilterInput, PageGrid

    return owner_rows(
        app,
        (
            (PageGrid, "registers"),
            (FilterInput, "filter box"),
            (KeyTable, "short tables"),
            (ChoiceSet, "RAG / status choices"),
        ),
    )


def binding_rows(app: T2025App, bindings: list[Any]) -> list[tuple[str, str]]:
    """(keys in force, what it does and its id for the keymap file) for each binding."""
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description or binding.system:
            continue
        what = binding.description + (f" - {binding.tooltip}" if binding.tooltip else "")
        rows.append((app.key_display(binding), what + (f"  [{binding.id}]" if binding.id else "")))
    return rows


def screen_sections(app: App[Any]) -> list[tuple[str, type[Screen[Any]]]]:
    """Each screen class, by its key, without creating any of them."""
    from t2025tui.tui.registry import SCREENS, STANDUP

    return [(f"{entry.key} {entry.title}", entry.load()) for entry in (*SCREENS.values(), STANDUP)]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close help", id="help.close", key_display="esc")]

    def __init__(self, over: Screen | None = None):
        super().__init__()
        self.over = over

    def compose(self):
        with VerticalScroll(id="help"):
            yield Static(self.help_text(), markup=False, id="help-text")

    def help_text(self) -> Text:
        app = cast("T2025App", self.app)  # help is only ever opened by T2025App.action_help
        text = Text("t2025 keys", style="bold")
        text.append("   (escape or F1 closes; ctrl+p searches every action)\n", style="dim")
        current = type(self.over) if self.over is not None else None
        if current is not None and not isinstance(self.over, ModalScreen):
            self._section(text, "This screen", binding_rows(app, current.BINDINGS))
        self._section(
            text,
            "Everywhere",
            binding_rows(app, app.BINDINGS) + [("ctrl+p", "Command palette: every action by name")],
        )
        for title, screen_class in screen_sections(app):
            if screen_class is current:
                continue
            self._section(text, title, binding_rows(app, screen_class.BINDINGS))
        self._section(text, "In lists and tables", widget_rows(app))
        self._section(text, "In forms and dialogs", FORM_KEYS + dialog_rows(app))
        text.append(DATE_HELP + "\n", style="italic")
        return text

    @staticmethod
    def _section(text: Text, title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        text.append(f"\n{title}\n", style="bold underline")
        width = max(len(key) for key, _ in rows)
        for key, description in rows:
            text.append(f"  {key.ljust(width)}  ", style="bold")
            text.append(description + "\n")

    def action_close(self) -> None:
        self.dismiss(None)
