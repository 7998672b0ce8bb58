"""Keeping the plan: add, edit, move and remove workstreams, projects and milestones.

Shared by the dashboard (workstreams), the workstream detail (projects and milestones) and the
milestones register. A screen using a mixin provides the selection it names
(`selected_workstream()`, `selected_project()`, `selected_milestone()`), each row as it was
read, with its `version`, so an edit made after another window changed the row is refused as
stale. Every removal asks a reason and where dependants go; nothing cascades.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from t2025tui.core.queries import plan
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields, workstream_choices
from t2025tui.tui.modals.remove_form import Removal, RemoveForm
from t2025tui.tui.screens.base import AppScreen

if TYPE_CHECKING:
    from t2025tui.core.store import Store


def other_workstreams(store: Store, leaving_out: int | None) -> tuple[tuple[str, int], ...]:
    return tuple(choice for choice in workstream_choices(store) if choice[1] != leaving_out)


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
                store, row["id"], expected_version=row["version"], **changed_fields(row, values)
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
        others = other_workstreams(store, row["id"])
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


class MilestonePlanActions(AppScreen):
    def selected_milestone(self) -> dict | None:
        raise NotImplementedError

    def milestone_workstream_id(self) -> int | None:
        """The workstream a new milestone starts in (the one shown, or the app's current)."""
        return self.app.current_workstream_id

    def milestone_added(self, milestone_id: int) -> None:
        """Select the new milestone when the screen shows the save (called in the save's worker,
        before the screen is drawn again)."""

    def _chosen_milestone(self) -> dict | None:
        row = self.selected_milestone()
        if row is None:
            self.notify("No milestone selected.", severity="warning")
        return row

    def action_add_milestone(self) -> None:
        from t2025tui.core.queries.settings import programme_settings
        from t2025tui.core.services.milestones import create_milestone
        from t2025tui.tui.modals.milestone_details_form import MilestoneDetailsForm

        store = self.app.store
        placements = plan.placements(store)
        if not placements:
            self.notify("Add a workstream first (a on the dashboard).", severity="warning")
            return
        start = self.milestone_workstream_id()
        placement = next((value for _, value in placements if value == (start, None)), None)
        tolerance = programme_settings(store).default_tolerance_days

        def save(values: dict) -> str:
            new_id = create_milestone(store, **values)
            self.milestone_added(new_id)
            ref = plan.milestone_ref(store, new_id)
            return f"Milestone {ref} added: {values['title']}"

        self.app.edit(
            lambda: MilestoneDetailsForm(
                placements=placements, placement=placement, tolerance_days=tolerance
            ),
            save,
        )

    def action_edit_milestone(self) -> None:
        from t2025tui.core.services.milestones import update_milestone
        from t2025tui.tui.modals.milestone_details_form import MilestoneDetailsForm

        row = self._chosen_milestone()
        if row is None:
            return
        store = self.app.store

        def save(values: dict) -> str | None:
            diff = update_milestone(
                store, row["id"], expected_version=row["version"], **changed_fields(row, values)
            )
            return f"Milestone {row['ref']} saved" if diff else None

        self.app.edit(lambda: MilestoneDetailsForm(row), save)

    def action_move_milestone(self) -> None:
        from t2025tui.core.services.milestones import move_milestone
        from t2025tui.tui.modals.move_form import Move, MoveForm

        row = self._chosen_milestone()
        if row is None:
            return
        store = self.app.store
        placements = plan.placements(store)
        here = (row["workstream_id"], row["project_id"])
        ref = display_text(row["ref"])

        def save(move: Move) -> str | None:
            if move.to == here:
                return None
            workstream_id, project_id = move.to
            move_milestone(
                store,
                row["id"],
                workstream_id=workstream_id,
                project_id=project_id,
                clear_project=project_id is None,
                reason=move.reason,
                expected_version=row["version"],
            )
            shown = next(label for label, value in placements if value == move.to)
            return f"Milestone {ref} moved to {shown}; its ref stays {ref}"

        self.app.edit(
            lambda: MoveForm(
                f"Move milestone {ref}",
                placements,
                current=here,
                intro=display_text(row["title"]),
            ),
            save,
        )

    def action_remove_milestone(self) -> None:
        from t2025tui.core.services.milestones import remove_milestone

        row = self._chosen_milestone()
        if row is None:
            return
        store, ref = self.app.store, display_text(row["ref"])

        def save(removal: Removal) -> str:
            remove_milestone(store, row["id"], removal.reason, expected_version=row["version"])
            return f"Milestone {ref} removed (ctrl+z undoes it)"

        links = plan.milestone_links(store, row["id"])
        self.app.edit(
            lambda: RemoveForm("milestone", f"{ref} {display_text(row['title'])}", goes_with=links), save
        )


class ProjectPlanActions(AppScreen):
    def selected_project(self) -> dict | None:
        raise NotImplementedError

    def project_workstream_id(self) -> int | None:
        return self.app.current_workstream_id

    def _chosen_project(self) -> dict | None:
        row = self.selected_project()
        if row is None:
            self.notify("No project selected.", severity="warning")
        return row

    def action_add_project(self) -> None:
        from t2025tui.core.services.projects import create_project
        from t2025tui.tui.modals.project_form import ProjectForm

        store = self.app.store
        workstreams = workstream_choices(store)
        start = self.project_workstream_id()

        def save(values: dict) -> str:
            reason = values.pop("reason")
            if reason:
                values["status_reason"] = reason
            create_project(store, **values)
            return f"Project added: {values['name']}"

        self.app.edit(lambda: ProjectForm(None, workstreams, workstream_id=start), save)

    def action_edit_project(self) -> None:
        from t2025tui.core.services.projects import edit_project
        from t2025tui.tui.modals.project_form import ProjectForm

        row = self._chosen_project()
        if row is None:
            return
        store = self.app.store
        workstreams = workstream_choices(store)

        def save(values: dict) -> str | None:
            reason, status = values.pop("reason"), values.pop("status")
            diff = edit_project(
                store,
                row["id"],
                expected_version=row["version"],
                reason=reason,
                status=status,
                **changed_fields(row, values),
            )
            return f"Project saved: {values['name']}" if diff else None

        self.app.edit(lambda: ProjectForm(row, workstreams), save)

    def action_move_project(self) -> None:
        from t2025tui.core.services.projects import move_project
        from t2025tui.tui.modals.move_form import Move, MoveForm

        row = self._chosen_project()
        if row is None:
            return
        store = self.app.store
        workstreams = other_workstreams(store, row["workstream_id"])
        name = display_text(row["name"])
        milestones = plan.dependants(store, "project", row["id"])

        def save(move: Move) -> str:
            move_project(store, row["id"], move.to, reason=move.reason, expected_version=row["version"])
            shown = next(label for label, value in workstreams if value == move.to)
            return f"Project {name} moved to {shown}" + (f" with its {milestones}" if milestones else "")

        self.app.edit(
            lambda: MoveForm(
                f"Move project {name}",
                workstreams,
                intro=f"Its {milestones} move with it." if milestones else "",
            ),
            save,
        )

    def action_remove_project(self) -> None:
        from t2025tui.core.services.projects import remove_project

        row = self._chosen_project()
        if row is None:
            return
        store, name = self.app.store, display_text(row["name"])
        depending = plan.dependants(store, "project", row["id"])
        others = plan.project_choices(store, row["workstream_id"], leaving_out=row["id"])

        def save(removal: Removal) -> str:
            remove_project(
                store, row["id"], removal.reason, expected_version=row["version"], move_to=removal.move_to
            )
            return f"Project {name} removed (ctrl+z undoes it)"

        self.app.edit(lambda: RemoveForm("project", name, depending=depending, move_choices=others), save)
