"""Keeping the plan: add, edit, move and remove workstreams, projects and milestones.

Shared by the dashboard (workstreams), the workstream detail (projects and milestones) and the
milestones register. A screen using a mixin provides the selection it names
(`selected_workstream()`, `selected_project()`, `selected_milestone()`), each row as it was
read, with its `version`, so an edit made after another window changed the row is refused as
stale. Every removal asks a reason and where dependants go; nothing cascades.
"""

from __future__ import annotations

from typing import Any

from t2025tui.core.queries import plan
from t2025tui.core.text import display_text
from t2025tui.tui.modals.remove_form import Removal, RemoveForm
from t2025tui.tui.screens.base import AppScreen


def changed(row: dict, values: dict[str, Any]) -> dict[str, Any]:
    """The fields of a form's result that differ from the row it was opened on."""
    return {name: value for name, value in values.items() if row.get(name) != value}


class WorkstreamPlanActions(AppScreen):
    def selected_workstream(self) -> dict | None:
        raise NotImplementedError

    def action_add_workstream(self) -> None:
        from t2025tui.core.services.workstreams import create_workstream
        from t2025tui.tui.modals.workstream_form import WorkstreamForm

        store, app = self.app.store, self.app
        objectives = plan.objective_choices(store)

        def save(values: dict) -> str:
            app.current_workstream_id = create_workstream(store, **values)
            return f"Workstream {values['code']} added: {values['name']}"

        self.app.edit(lambda: WorkstreamForm(None, objectives), save)

    def action_edit_workstream(self) -> None:
        from t2025tui.core.services.workstreams import update_workstream
        from t2025tui.tui.modals.workstream_form import WorkstreamForm

        row = self.selected_workstream()
        if row is None:
            self.notify("No workstream selected: press a to add one.", severity="warning")
            return
        store, objectives = self.app.store, plan.objective_choices(self.app.store)

        def save(values: dict) -> str | None:
            if values.get("position") is None:
                values.pop("position")  # blank keeps its place
            diff = update_workstream(
                store, row["id"], expected_version=row["version"], **changed(row, values)
            )
            return f"Workstream {values['code']} saved" if diff else None

        self.app.edit(lambda: WorkstreamForm(row, objectives), save)

    def action_remove_workstream(self) -> None:
        from t2025tui.core.services.workstreams import remove_workstream

        row = self.selected_workstream()
        if row is None:
            self.notify("No workstream selected.", severity="warning")
            return
        store = self.app.store
        depending = plan.dependants(store, "workstream", row["id"])
        others = plan.workstream_choices(store, leaving_out=row["id"])
        code = display_text(row["code"])

        def save(removal: Removal) -> str:
            remove_workstream(
                store, row["id"], removal.reason, expected_version=row["version"], move_to=removal.move_to
            )
            return (
                f"Workstream {code} removed"
                + (f"; {depending} moved" if removal.move_to is not None else "")
                + " (ctrl+z undoes it)"
            )

        self.app.edit(lambda: RemoveForm("workstream", code, depending=depending, move_choices=others), save)
