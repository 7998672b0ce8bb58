"""The issue log: a risk that has happened, or a problem now; closed with a date and a reason."""

from __future__ import annotations

from textual.binding import Binding

from t2025tui.core.queries import logs
from t2025tui.core.services import actions, issues
from t2025tui.core.text import display_text
from t2025tui.tui.modals.action_form import ActionForm
from t2025tui.tui.modals.issue_form import IssueForm, IssueStatusForm
from t2025tui.tui.screens.log_screen import LogScreen
from t2025tui.tui.screens.register_cells import status_text
from t2025tui.tui.widgets.paged_table import PagedColumn


class IssuesLogScreen(LogScreen):
    LOG = "issues"
    TITLE_TEXT = "Issue log"
    TABLE_ID = "issues-table"
    ROW_NOUN = "issue"
    ROW_KIND = "issue"
    PALETTE_GROUP = "issue log"
    EMPTY = "No issues to show: n adds one, or i on a risk (4) that has happened"
    FILTER_PLACEHOLDER = "Filter by ref, title, owner or description"
    VIEWS = logs.VIEWS

    BINDINGS = [
        Binding("n", "new", "New", id="issues.new", tooltip="Add an issue"),
        Binding("e", "edit", "Edit", id="issues.edit", tooltip="Edit the selected issue"),
        Binding(
            "c",
            "status",
            "Close/re-open",
            id="issues.close",
            tooltip="Close the selected issue (closed date and reason), or re-open it",
        ),
        Binding(
            "a",
            "new_action",
            "Action",
            id="issues.action",
            tooltip="Add an action to resolve the selected issue",
        ),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="issues.remove",
            key_display="del",
            tooltip="Remove the selected issue, with a reason (ctrl+z undoes)",
        ),
        Binding("v", "next_view", "Open/closed/all", id="issues.view", tooltip="Show open, closed or all"),
    ]

    def columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 5),
            PagedColumn("title", "Issue", 34, flex=True),
            PagedColumn("owner", "Owner", 10, flex=True),
            PagedColumn("priority", "Priority", 8, lambda r: status_text(self.app, r["priority"] or "-")),
            PagedColumn("status", "Status", 6),
            PagedColumn("raised_date", "Raised", 10),
            PagedColumn("workstream", "WS", 5),
            PagedColumn("risk_ref", "From risk", 9),
        ]

    def position_of(self, record_id: int) -> int | None:
        return logs.issue_position(self.store, record_id, view=self.view)

    def fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return logs.issues(self.store, view=self.view, search=search or None, limit=limit, offset=offset)

    def count(self, search: str) -> int:
        return logs.count_issues(self.store, view=self.view, search=search or None)

    def read(self) -> dict[str, int]:
        return logs.issue_counts(self.store)

    def summary(self, data: dict[str, int] | None) -> str:
        if not data:
            return ""
        return f"Open {data['open']:,} (high priority {data['high']:,})   Closed {data['closed']:,}"

    def detail(self, row: dict) -> str:
        parts = [
            f"{row['ref']} {display_text(row['title'])}",
            f"Closed {row['closed_date']}" if row["closed_date"] else "",
            display_text(row["description"]) if row["description"] else "",
            f"Open actions: {row['open_actions']}" if row["open_actions"] else "",
            f"Notes: {display_text(row['notes'])}" if row["notes"] else "",
        ]
        return "   ".join(p for p in parts if p)

    def action_new(self) -> None:
        links, today = self.links(), self.today()
        self.add_record("Issue", "I", lambda: IssueForm(None, links, today=today), issues.create_issue)

    def action_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        links, today = self.links(row), self.today()
        self.edit_record("Issue", row, lambda: IssueForm(row, links, today=today), issues.update_issue)

    def action_status(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        today = self.today()

        def save(answer: dict) -> str:
            if row["status"] == "Open":
                issues.close_issue(
                    self.store,
                    row["id"],
                    answer["reason"],
                    expected_version=row["version"],
                    closed_on=answer["closed_on"],
                )
                return f"Issue {row['ref']} closed"
            issues.reopen_issue(self.store, row["id"], answer["reason"], expected_version=row["version"])
            return f"Issue {row['ref']} re-opened"

        self.edit(lambda: IssueStatusForm(row, today=today), save)

    def action_new_action(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        links, today = self.links(row), self.today()
        preset = {"issue_id": row["id"], "workstream_id": row["workstream_id"]}

        def save(fields: dict) -> str:
            new_id = actions.create_action(self.store, **fields)
            return f"Action A{new_id} added for issue {row['ref']}"

        self.edit(lambda: ActionForm(None, links, today=today, preset=preset), save)

    def action_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.remove_with_reason(
            f"issue {row['ref']}: {display_text(row['title'])}",
            lambda reason: issues.remove_issue(
                self.store, row["id"], reason, expected_version=row["version"]
            ),
            linked=f"Its {row['actions']} action{'' if row['actions'] == 1 else 's'}"
            if row["actions"]
            else "",
        )
