"""Create or edit an HMICFRS recommendation, and move it along its status flow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from t2025tui.core.errors import ValidationError
from t2025tui.core.models import RecommendationKind
from t2025tui.core.services.recommendations import FLOW, allowed_next, needs_reason
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form

KINDS = get_args(RecommendationKind)


class RecommendationForm(Form[dict]):
    """Dismisses the fields to save (all for a new one, the changed ones for an edit)."""

    def __init__(self, rec_row: dict | None, workstreams: tuple[tuple[str, int], ...]):
        self.row = rec_row
        self.workstreams = workstreams
        self.title_text = f"Edit {display_text(rec_row['ref'])}" if rec_row else "New recommendation"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field("ref", "Ref", value=row.get("ref"), required=True, hint="unique, e.g. HMICFRS-31"),
            Field(
                "kind",
                "Type",
                "choice",
                row.get("kind", "recommendation"),
                required=True,
                choices=tuple((k, k) for k in KINDS),
            ),
            Field("source_report", "Source report", value=row.get("source_report")),
            Field("source_date", "Report date", "date", row.get("source_date")),
            Field("text", "Text", "long", row.get("text")),
            Field("owner", "Owner", value=row.get("owner")),
            Field(
                "workstream_id", "Workstream", "choice", row.get("workstream_id"), choices=self.workstreams
            ),
            Field(
                "target_date",
                "Target date",
                "date",
                row.get("target_date"),
                hint="e.g. 2022-09-30, 30/09/2022, +12w",
            ),
            Field("evidence", "Evidence", "long", row.get("evidence")),
            Field("notes", "Notes", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)


@dataclass(frozen=True)
class StatusChange:
    status: str
    reason: str
    evidence: str | None


class RecommendationStatusForm(Form[StatusChange]):
    """Only the statuses the flow allows next are offered; going back or closing needs a reason."""

    def __init__(self, rec_row: dict):
        self.row = rec_row
        self.title_text = f"Status of {display_text(rec_row['ref'])}"
        self.intro_text = f"Now: {rec_row['status']}"
        super().__init__()

    def fields(self) -> list[Field]:
        offered = allowed_next(self.row["status"])
        now = self.row["status"]
        forward = [s for s in offered if now in FLOW and s in FLOW and FLOW.index(s) > FLOW.index(now)]
        preselect = forward[0] if forward else offered[0]
        return [
            Field(
                "status",
                "New status",
                "choice",
                preselect,
                required=True,
                choices=tuple((s, s) for s in offered),
            ),
            Field("reason", "Reason", hint="required to go back a step, close or mark no longer relevant"),
            Field("evidence", "Evidence", "long", self.row.get("evidence")),
        ]

    def check(self, values: dict[str, Any]) -> None:
        if needs_reason(self.row["status"], values["status"]) and not values["reason"].strip():
            raise ValidationError(
                f"a reason is required to move from {self.row['status']} to {values['status']}", "reason"
            )

    def build(self, values: dict[str, Any]) -> StatusChange:
        evidence = values["evidence"] if values["evidence"] != (self.row.get("evidence") or "") else None
        return StatusChange(values["status"], values["reason"].strip(), evidence)
