"""Create or edit an issue (a risk that has happened, or a problem now), or close / re-open one."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from t2025tui.core.models import IssuePriority
from t2025tui.core.text import display_text
from t2025tui.tui.modals.action_form import DATE_HINT, Choices
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form

PRIORITIES = tuple((p, p) for p in get_args(IssuePriority))


class IssueForm(Form[dict]):
    """Dismisses the fields to save: all of them for a new issue, only the changed ones for an edit."""

    def __init__(self, row: dict | None, links: dict[str, Choices], *, today: date):
        self.row = row
        self.links = links
        self.today = today
        self.title_text = f"Edit issue {row['ref']}: {display_text(row['title'])}" if row else "New issue"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field("title", "Title", value=row.get("title"), required=True, what="the title"),
            Field("description", "Description", "long", row.get("description")),
            Field("owner", "Owner", value=row.get("owner")),
            Field(
                "priority",
                "Priority",
                "choice",
                row.get("priority"),
                choices=PRIORITIES,
                hint="none: not yet prioritised",
            ),
            Field(
                "raised_date",
                "Raised",
                "date",
                row.get("raised_date"),
                base=self.today,
                hint="blank: the status date" if self.row is None else DATE_HINT,
            ),
            Field(
                "workstream_id",
                "Workstream",
                "choice",
                row.get("workstream_id"),
                choices=self.links["workstream"],
            ),
            Field(
                "risk_id",
                "From risk",
                "choice",
                row.get("risk_id"),
                choices=self.links["risk"],
                hint="the risk it was before it happened",
            ),
            Field("notes", "Notes", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        if self.row is None and values.get("raised_date") is None:
            values = {k: v for k, v in values.items() if k != "raised_date"}
        return changed_fields(self.row, values)


class IssueStatusForm(Form[dict]):
    """Close an open issue (closed date, reason) or re-open a closed one (reason);
    dismisses {'reason': str, 'closed_on': date | None}."""

    FOCUS = "reason"

    def __init__(self, row: dict, *, today: date):
        self.row = row
        self.today = today
        self.closing = row["status"] == "Open"
        verb = "Close" if self.closing else "Re-open"
        self.title_text = f"{verb} issue {row['ref']}: {display_text(row['title'])}"
        super().__init__()

    def fields(self) -> list[Field]:
        fields = [Field("reason", "Reason", required=True, what="a reason")]
        if self.closing:
            fields.insert(
                0,
                Field(
                    "closed_on",
                    "Closed on",
                    "date",
                    self.today,
                    required=True,
                    what="the closed date",
                    base=self.today,
                    hint=DATE_HINT,
                ),
            )
        return fields

    def build(self, values: dict[str, Any]) -> dict:
        return {"reason": values["reason"].strip(), "closed_on": values.get("closed_on")}
