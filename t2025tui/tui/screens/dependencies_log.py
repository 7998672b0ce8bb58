"""Dependencies between milestones, across workstreams too: this one needs that one first.
One whose needed milestone is forecast after it is flagged "at risk"; a loop is refused."""

from __future__ import annotations

from textual.binding import Binding

from t2025tui.core.queries import logs
from t2025tui.core.services import dependencies
from t2025tui.core.text import display_text
from t2025tui.tui.modals.dependency_form import DependencyForm, DependencyNotesForm, add_from_form
from t2025tui.tui.screens.log_screen import LogScreen, flag
from t2025tui.tui.widgets.paged_table import PagedColumn


class DependenciesLogScreen(LogScreen):
    LOG = "dependencies"
    TITLE_TEXT = "Dependencies"
    TABLE_ID = "dependencies-table"
    ROW_NOUN = "dependency"
    PALETTE_GROUP = "dependencies"
    EMPTY = "No dependencies yet: n adds one (or D on a milestone in workstream detail)"
    FILTER_PLACEHOLDER = "Filter by either milestone's ref or title"

    BINDINGS = [
        Binding(
            "n",
            "new",
            "New",
            id="dependencies.new",
            tooltip="Add a dependency: this milestone needs that one",
        ),
        Binding("e", "edit", "Notes", id="dependencies.edit", tooltip="Edit the selected dependency's notes"),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="dependencies.remove",
            key_display="del",
            tooltip="Remove the selected dependency, with a reason (ctrl+z undoes)",
        ),
    ]

    def columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("milestone_ref", "Milestone", 9),
            PagedColumn("milestone_title", "Title", 22, flex=True),
            PagedColumn("milestone_date", "Forecast", 10),
            PagedColumn("needs_ref", "Needs", 9),
            PagedColumn("needs_title", "Title", 22, flex=True),
            PagedColumn(
                "needs_date",
                "Forecast",
                10,
                lambda r: f"{r['needs_date'] or '-'}{' done' if r['needs_done'] else ''}",
            ),
            PagedColumn("at_risk", "Flag", 7, lambda r: flag(self.app, bool(r["at_risk"]), "at risk")),
        ]

    def fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return logs.dependencies(self.store, search=search or None, limit=limit, offset=offset)

    def count(self, search: str) -> int:
        return logs.count_dependencies(self.store, search=search or None)

    def read(self) -> dict[str, int]:
        return logs.dependency_counts(self.store)

    def summary(self, data: dict[str, int] | None) -> str:
        if not data:
            return ""
        return f"Dependencies {data['dependencies']:,}   At risk {data['at_risk']:,}"

    def detail(self, row: dict) -> str:
        parts = [
            f"{display_text(row['milestone_ref'])} ({display_text(row['workstream'])}) needs"
            f" {display_text(row['needs_ref'])} ({display_text(row['needs_workstream'])}) done first",
            "at risk: what it needs is forecast after it" if row["at_risk"] else "",
            f"Notes: {display_text(row['notes'])}" if row["notes"] else "",
        ]
        return "   ".join(p for p in parts if p)

    def action_new(self) -> None:
        self.edit(DependencyForm, lambda new: add_from_form(self.store, new))

    def action_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return

        def save(notes: str) -> str | None:
            if notes == row["notes"]:
                return None
            dependencies.update_dependency(
                self.store, row["id"], expected_version=row["version"], notes=notes
            )
            return "Dependency notes saved"

        self.edit(lambda: DependencyNotesForm(row), save)

    def action_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.remove_with_reason(
            f"dependency {row['milestone_ref']} needs {row['needs_ref']}",
            lambda reason: dependencies.remove_dependency(
                self.store, row["id"], reason, expected_version=row["version"]
            ),
        )
