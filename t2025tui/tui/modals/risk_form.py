"""Create or edit a risk (PRINCE2 / Orange Book fields, inherent and residual 5x5), or close one."""

from __future__ import annotations

from typing import Any, get_args

from t2025tui.core.models import RiskResponse
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form

RESPONSES = get_args(RiskResponse)
SCORE_HINT = "1-5; blank if not scored"


def _score(name: str, label: str, value: Any) -> Field:
    return Field(name, label, "int", value, minimum=1, maximum=5, hint=SCORE_HINT)


class RiskForm(Form[dict]):
    """Dismisses the fields to save: all of them for a new risk, only the changed ones for an edit."""

    def __init__(self, risk_row: dict | None, workstreams: tuple[tuple[str, int], ...]):
        self.row = risk_row
        self.workstreams = workstreams
        self.title_text = f"Edit risk {display_text(risk_row['ref'])}" if risk_row else "New risk"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field("ref", "Ref", value=row.get("ref"), required=True, hint="unique, e.g. T2025-R08"),
            Field("title", "Title", value=row.get("title"), required=True),
            Field("cause", "Cause", "long", row.get("cause")),
            Field("event", "Event", "long", row.get("event")),
            Field("effect", "Effect", "long", row.get("effect")),
            Field("category", "Category", value=row.get("category")),
            Field("owner", "Owner", value=row.get("owner")),
            _score("inherent_likelihood", "Inherent likelihood", row.get("inherent_likelihood")),
            _score("inherent_impact", "Inherent impact", row.get("inherent_impact")),
            _score("residual_likelihood", "Residual likelihood", row.get("residual_likelihood")),
            _score("residual_impact", "Residual impact", row.get("residual_impact")),
            Field(
                "response",
                "Response",
                "choice",
                row.get("response"),
                choices=tuple((r, r) for r in RESPONSES),
            ),
            Field("actions", "Actions", "long", row.get("actions")),
            Field("proximity", "Proximity", value=row.get("proximity"), hint="when it could happen"),
            Field(
                "review_date",
                "Review date",
                "date",
                row.get("review_date"),
                hint="e.g. 2022-04-30, 30/04/2022, +4w",
            ),
            Field(
                "workstream_id", "Workstream", "choice", row.get("workstream_id"), choices=self.workstreams
            ),
            Field("notes", "Notes", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)


class CloseRiskForm(Form[str]):
    """Closing or re-opening a risk needs a reason; dismisses the reason."""

    def __init__(self, risk_row: dict):
        self.row = risk_row
        verb = "Re-open" if risk_row["status"] == "Closed" else "Close"
        self.title_text = f"{verb} risk {display_text(risk_row['ref'])}: {display_text(risk_row['title'])}"
        super().__init__()

    def fields(self) -> list[Field]:
        return [Field("reason", "Reason", required=True)]

    def build(self, values: dict[str, Any]) -> str:
        return values["reason"].strip()
