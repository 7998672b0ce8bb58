"""A project: its workstream, group (delivery / IT & enabling / BAU), name, and status with
the reason a de-scope, re-scope or hold needs."""

from __future__ import annotations

from typing import Any

from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.plan import GROUPS, PROJECT_STATUSES
from t2025tui.core.services.projects import NEEDS_REASON
from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form


class ProjectForm(Form[dict]):
    """New (`row` None, in `workstream_id`) or edit; dismisses with the fields and `reason`."""

    FOCUS = "name"  # the workstream is filled in already (the one shown)

    def __init__(
        self,
        row: dict | None,
        workstreams: tuple[tuple[str, int], ...],
        *,
        workstream_id: int | None = None,
    ):
        self.row = row or {"workstream_id": workstream_id, "grouping": "delivery", "status": "active"}
        self.workstreams = workstreams
        self.title_text = f"Edit project {display_text(row['name'])}" if row else "New project"
        if row and row.get("workstream_id") is not None:
            self.intro_text = "Moved to another workstream, its milestones go with it."
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row
        return [
            Field(
                "workstream_id",
                "Workstream",
                "choice",
                row.get("workstream_id"),
                required=True,
                choices=self.workstreams,
            ),
            Field("grouping", "Group", "options", row.get("grouping"), required=True, choices=GROUPS),
            Field("name", "Name", value=row.get("name"), required=True, what="a name"),
            Field(
                "status",
                "Status",
                "choice",
                row.get("status"),
                required=True,
                choices=tuple((status, status) for status in PROJECT_STATUSES),
            ),
            Field(
                "reason",
                "Reason",
                value=None,
                hint="required for a de-scoped, re-scoped or on hold status; kept in the history",
            ),
        ]

    def check(self, values: dict[str, Any]) -> None:
        status = values.get("status")
        if status in NEEDS_REASON and status != self.row.get("status") and not values.get("reason"):
            raise ValidationError(f"a reason is required for a {status} project", "reason")

    def build(self, values: dict[str, Any]) -> dict:
        return values
