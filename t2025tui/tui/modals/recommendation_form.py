"""Create or edit an HMICFRS recommendation, and move it along its status flow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from t2025tui.core.errors import ValidationError
from t2025tui.core.models import RecommendationKind
from t2025tui.core.services.recommendations import allowed_next, needs_reason
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form_screen import FormField, FormScreen

KINDS = RecommendationKind.__args__


class RecommendationForm(FormScreen[dict]):
    """Dismisses the fields to save (all for a new one, the changed ones for an edit)."""

    def __init__(self, rec_row: dict | None, workstreams: tuple[tuple[str, int], ...]):
        self.row = rec_row
        self.workstreams = workstreams
        self.title_text = f"Edit {display_text(rec_row['ref'])}" if rec_row else "New recommendation"
        super().__init__()

    def fields(self) -> list[FormField]:
        row = self.row or {}
        return [
            FormField("ref", "Ref", value=row.get("ref"), required=True, hint="unique, e.g. HMICFRS-31"),
            FormField(
                "kind",
                "Type",
                "choice",
                row.get("kind", "recommendation"),
                required=True,
                choices=tuple((k, k) for k in KINDS),
            ),
            FormField("source_report", "Source report", value=row.get("source_report")),
            FormField("source_date", "Report date", "date", row.get("source_date")),
            FormField("text", "Text", "long", row.get("text")),
            FormField("owner", "Owner", value=row.get("owner")),
            FormField(
                "workstream_id", "Workstream", "choice", row.get("workstream_id"), choices=self.workstreams
            ),
            FormField(
                "target_date",
                "Target date",
                "date",
                row.get("target_date"),
                hint="e.g. 2022-09-30, 30/09/2022, +12w",
            ),
            FormField("evidence", "Evidence", "long", row.get("evidence")),
            FormField("notes", "Notes", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)


@dataclass(frozen=True)
class StatusChange:
    status: str
    reason: str
    evidence: str | None


class RecommendationStatusForm(FormScreen[StatusChange]):
    """Only the statuses the flow allows next are offered; going back or closing needs a reason."""

    def __init__(self, rec_row: dict):
        self.row = rec_row
        self.title_text = f"Status of {display_text(rec_row['ref'])}"
        self.intro_text = f"Now: {rec_row['status']}"
        super().__init__()

    def fields(self) -> list[FormField]:
        choices = tuple((s, s) for s in allowed_next(self.row["status"]))
        return [
            FormField("status", "New status", "choice", choices[0][1], required=True, choices=choices),
            FormField(
                "reason", "Reason", hint="required to go back a step, close or mark no longer relevant"
            ),
            FormField("evidence", "Evidence", "long", self.row.get("evidence")),
        ]

    def check(self, values: dict[str, Any]) -> None:
        if needs_reason(self.row["status"], values["status"]) and not values["reason"].strip():
            raise ValidationError(
                f"a reason is required to move from {self.row['status']} to {values['status']}", "reason"
            )

    def build(self, values: dict[str, Any]) -> StatusChange:
        evidence = values["evidence"] if values["evidence"] != (self.row.get("evidence") or "") else None
        return StatusChange(values["status"], values["reason"].strip(), evidence)
