"""Every screen and file dialog of the app, by name: what the number keys, help and the palette use.

Each entry imports its class only when asked (`load()`), so start-up imports the dashboard
alone; this module imports no screen at import time, so the app and help can both use it
without an import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from t2025tui.core.store import Store
    from t2025tui.tui.screens.base import AppScreen


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    title: str
    load: Callable[[], type[AppScreen]]
    # The kinds of record the screen can bring into view (`AppScreen.show_record`): the search
    # opens a record on the first screen listing its kind.
    shows: tuple[str, ...] = ()


@dataclass(frozen=True)
class DialogEntry:
    title: str
    load: Callable[[], Callable[[Store], ModalScreen[Any]]]


def _dashboard() -> type[AppScreen]:
    from t2025tui.tui.screens.dashboard import DashboardScreen

    return DashboardScreen


def _workstream() -> type[AppScreen]:
    from t2025tui.tui.screens.workstream import WorkstreamScreen

    return WorkstreamScreen


def _milestones() -> type[AppScreen]:
    from t2025tui.tui.screens.milestones import MilestonesScreen

    return MilestonesScreen


def _risks() -> type[AppScreen]:
    from t2025tui.tui.screens.risks import RisksScreen

    return RisksScreen


def _recommendations() -> type[AppScreen]:
    from t2025tui.tui.screens.recommendations import RecommendationsScreen

    return RecommendationsScreen


def _finance() -> type[AppScreen]:
    from t2025tui.tui.screens.finance import FinanceScreen

    return FinanceScreen


def _health() -> type[AppScreen]:
    from t2025tui.tui.screens.health import HealthScreen

    return HealthScreen


def _history() -> type[AppScreen]:
    from t2025tui.tui.screens.history import HistoryScreen

    return HistoryScreen


def _standup() -> type[AppScreen]:
    from t2025tui.tui.screens.standup import StandupScreen

    return StandupScreen


def _log(module: str, name: str) -> Callable[[], type[AppScreen]]:
    def load() -> type[AppScreen]:
        from importlib import import_module

        screen: type[AppScreen] = getattr(import_module(f"t2025tui.tui.screens.{module}"), name)
        return screen

    return load


def _export() -> Callable[[Store], ModalScreen[Any]]:
    from t2025tui.tui.modals.export import ExportModal

    return ExportModal


def _report() -> Callable[[Store], ModalScreen[Any]]:
    from t2025tui.tui.modals.report import ReportModal

    return ReportModal


def _report_text() -> Callable[[Store], ModalScreen[Any]]:
    from t2025tui.tui.modals.report_text import ReportTextModal

    return ReportTextModal


def _search() -> Callable[[Store], ModalScreen[Any]]:
    from t2025tui.tui.screens.search import SearchScreen

    return SearchScreen


def _import() -> Callable[[Store], ModalScreen[Any]]:
    from t2025tui.tui.modals.import_file import ImportModal

    return ImportModal


# Mode name -> screen shown by its number key.
SCREENS: dict[str, ScreenEntry] = {
    "dashboard": ScreenEntry("1", "Dashboard", _dashboard),
    "workstream": ScreenEntry("2", "Workstream detail", _workstream, ("workstream", "project", "note")),
    "milestones": ScreenEntry("3", "Milestones", _milestones, ("milestone",)),
    "risks": ScreenEntry("4", "Risk register", _risks, ("risk",)),
    "recommendations": ScreenEntry("5", "Recommendations", _recommendations, ("recommendation",)),
    "finance": ScreenEntry("6", "Finance", _finance),
    "health": ScreenEntry("7", "Health check", _health),
    "history": ScreenEntry("8", "History", _history),
    # The governance logs share 9: pressed on a log, it goes to the next one (next_log).
    "actions": ScreenEntry("9", "Action log", _log("actions_log", "ActionsLogScreen"), ("action",)),
    "issues": ScreenEntry("9", "Issue log", _log("issues_log", "IssuesLogScreen"), ("issue",)),
    "decisions": ScreenEntry("9", "Decision log", _log("decisions_log", "DecisionsLogScreen"), ("decision",)),
    "dependencies": ScreenEntry("9", "Dependencies", _log("dependencies_log", "DependenciesLogScreen")),
    "lessons": ScreenEntry("9", "Lessons log", _log("lessons_log", "LessonsLogScreen"), ("lesson",)),
}
LOGS = tuple(name for name, entry in SCREENS.items() if entry.key == "9")


def next_log(current: str) -> str:
    """The log `9` goes to from the log `current`."""
    return LOGS[(LOGS.index(current) + 1) % len(LOGS)]


# Pushed over the screen in view rather than switched to.
STANDUP = ScreenEntry("s", "Stand-up", _standup)
DIALOGS: dict[str, DialogEntry] = {
    "export": DialogEntry("Export", _export),
    "report": DialogEntry("Committee report", _report),
    "report_text": DialogEntry("Report text", _report_text),
    "import": DialogEntry("Import", _import),
    "search": DialogEntry("Search", _search),
}


def screen_showing(kind: str) -> str | None:
    """The mode name of the screen that shows records of `kind`, if any does."""
    return next((name for name, entry in SCREENS.items() if kind in entry.shows), None)
