"""The action log: who does what by when, linked to a workstream, risk, issue or board
decision; overdue actions flagged; done or dropped with a reason."""

from __future__ import annotations

from textual.binding import Binding

from t2025tui.core.queries import logs
from t2025tui.core.services import actions
from t2025tui.core.text import display_text
from t2025tui.tui.modals.action_form import ActionForm, ActionStatusForm
from t2025tui.tui.screens.log_screen import LogScreen, flag
from t2025tui.tui.screens.register_cells import status_text
from t2025tui.tui.widgets.paged_table import PagedColumn


class ActionsLogScreen(LogScreen):
    LOG = "actions"
    TITLE_TEXT = "Action log"
    TABLE_ID = "actions-table"
    ROW_NOUN = "action"
    ROW_KIND = "action"
    PALETTE_GROUP = "action log"
    EMPTY = "No actions to show: n adds one"
    FILTER_PLACEHOLDER = "Filter by ref, action or owner"
    VIEWS = logs.VIEWS

    BINDINGS = [
        Binding("n", "new", "New", id="actions.new", tooltip="Add an action"),
        Binding("e", "edit", "Edit", id="actions.edit", tooltip="Edit the selected action"),
        Binding(
            "c",
            "status",
            "Done/drop",
            id="actions.status",
            tooltip="Mark the selected action done or dropped (or re-open it), with a reason",
        ),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="actions.remove",
            key_display="del",
            tooltip="Remove the selected action, with a reason (ctrl+z undoes)",
        ),
        Binding("v", "next_view", "Open/closed/all", id="actions.view", tooltip="Show open, closed or all"),
    ]

    def columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 5),
            PagedColumn("title", "Action", 40, flex=True),
            PagedColumn("owner", "Owner", 10, flex=True),
            PagedColumn("due_date", "Due", 10),
            PagedColumn("overdue", "Flag", 7, lambda r: flag(self.app, bool(r["overdue"]), "overdue")),
            PagedColumn("status", "Status", 7, lambda r: status_text(self.app, r["status"])),
            PagedColumn("workstream", "WS", 5),
            PagedColumn("linked", "Linked to", 14, flex=True),
        ]

    def position_of(self, record_id: int) -> int | None:
        return logs.action_position(self.store, record_id, view=self.view)

    def fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return logs.actions(self.store, view=self.view, search=search or None, limit=limit, offset=offset)

    def count(self, search: str) -> int:
        return logs.count_actions(self.store, view=self.view, search=search or None)

    def read(self) -> dict[str, int]:
        return logs.action_counts(self.store)

    def summary(self, data: dict[str, int] | None) -> str:
        if not data:
            return ""
        return (
            f"Open {data['open']:,} (overdue {data['overdue']:,})   Done {data['done']:,}"
            f"   Dropped {data['dropped']:,}"
        )

    def detail(self, row: dict) -> str:
        parts = [
            f"{row['ref']} {display_text(row['title'])}",
            f"Raised at the board of {row['raised_at']}" if row["raised_at"] else "",
            f"{row['status']}: {display_text(row['status_reason'])}" if row["status_reason"] else "",
            f"Notes: {display_text(row['notes'])}" if row["notes"] else "",
        ]
        return "   ".join(p for p in parts if p)

    def action_new(self) -> None:
        links, today = self.links(), self.today()
        self.add_record("Action", "A", lambda: ActionForm(None, links, today=today), actions.create_action)

    def action_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        links, today = self.links(row), self.today()
        self.edit_record("Action", row, lambda: ActionForm(row, links, today=today), actions.update_action)

    def action_status(self) -> None:
        row = self.selected_row()
        if row is None:
            return

        def save(choice: tuple[str, str]) -> str:
            new_status, reason = choice
            actions.set_action_status(
                self.store, row["id"], new_status, reason, expected_version=row["version"]
            )
            return f"Action {row['ref']} {new_status.lower().replace('open', 're-opened')}"

        self.edit(lambda: ActionStatusForm(row), save)

    def action_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.remove_with_reason(
            f"action {row['ref']}: {display_text(row['title'])}",
            lambda reason: actions.remove_action(
                self.store, row["id"], reason, expected_version=row["version"]
            ),
        )
