"""Create or edit an action (who does what by when, linked to what), or change its status."""

from __future__ import annotations

from datetime import date
from typing import Any

from t2025tui.core.errors import ValidationError
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form

DATE_HINT = "e.g. 2022-04-30, 30/04/2022, +2w"
Choices = tuple[tuple[str, int], ...]


class ActionForm(Form[dict]):
    """Dismisses the fields to save: all of them for a new action, only the changed ones for an edit.
    `links` holds the pick lists: workstream, risk, issue, decision, meeting."""

    def __init__(
        self, row: dict | None, links: dict[str, Choices], *, today: date, preset: dict | None = None
    ):
        self.row = row
        self.links = links
        self.today = today
        self.preset = preset or {}
        self.title_text = f"Edit action {row['ref']}: {display_text(row['title'])}" if row else "New action"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or self.preset
        return [
            Field("title", "Action", value=row.get("title"), required=True, what="the action"),
            Field("owner", "Owner", value=row.get("owner")),
            Field("due_date", "Due", "date", row.get("due_date"), base=self.today, hint=DATE_HINT),
            Field(
                "workstream_id",
                "Workstream",
                "choice",
                row.get("workstream_id"),
                choices=self.links["workstream"],
            ),
            Field("risk_id", "Risk", "choice", row.get("risk_id"), choices=self.links["risk"]),
            Field("issue_id", "Issue", "choice", row.get("issue_id"), choices=self.links["issue"]),
            Field(
                "decision_id",
                "Board decision",
                "choice",
                row.get("decision_id"),
                choices=self.links["decision"],
            ),
            Field(
                "board_meeting_id",
                "Raised at board",
                "choice",
                row.get("board_meeting_id"),
                choices=self.links["meeting"],
            ),
            Field("notes", "Notes", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)


ACTION_STATUSES = (("Open", "Open"), ("Done", "Done"), ("Dropped", "Dropped"))


class ActionStatusForm(Form[tuple[str, str]]):
    """Done, dropped or re-opened; dismisses (status, reason). Dropping or re-opening needs a reason."""

    FOCUS = "status"

    def __init__(self, row: dict):
        self.row = row
        self.title_text = f"Status of action {row['ref']}: {display_text(row['title'])}"
        super().__init__()

    def fields(self) -> list[Field]:
        proposed = "Done" if self.row["status"] == "Open" else "Open"
        return [
            Field("status", "Status", "options", proposed, required=True, choices=ACTION_STATUSES),
            Field("reason", "Reason", hint="required to drop or re-open an action"),
        ]

    def check(self, values: dict[str, Any]) -> None:
        if values["status"] == self.row["status"]:
            raise ValidationError(
                f"the action is already {self.row['status']}; choose another status", "status"
            )
        if values["status"] in ("Dropped", "Open") and not values["reason"].strip():
            verb = "drop" if values["status"] == "Dropped" else "re-open"
            raise ValidationError(f"a reason is required to {verb} an action", "reason")

    def build(self, values: dict[str, Any]) -> tuple[str, str]:
        return values["status"], values["reason"].strip()


class QuickActionForm(Form[dict]):
    """Stand-up's `A`: an action for the workstream on screen in three fields; enter saves."""

    def __init__(self, workstream_name: str, *, today: date):
        self.today = today
        self.title_text = f"Action for {display_text(workstream_name)}"
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field("title", "Action", required=True, what="the action", placeholder="Who does what"),
            Field("owner", "Owner"),
            Field("due_date", "Due", "date", base=self.today, hint="e.g. +1w, +2w, 30/04/2022"),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return values
