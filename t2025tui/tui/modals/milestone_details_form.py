"""A milestone's plan details: where it sits, title, owner, dates, tolerance and notes.

New milestones take every field; an edit (a rename, a new owner, tolerance or notes) leaves the
dates to their own forms (forecast, completion, re-baseline), which ask their reasons."""

from __future__ import annotations

from typing import Any

from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form
from t2025tui.tui.modals.milestone_form import DATE_HINT

Placement = tuple[int, int | None]  # (workstream id, project id or None)


class MilestoneDetailsForm(Form[dict]):
    """New: `row` None, with the `placements` offered and the one chosen at first; edit: `row`.
    Dismisses with the service's fields (a new one's placement as workstream_id and project_id)."""

    FOCUS = "title"  # where it goes is filled in already (the workstream shown)

    def __init__(
        self,
        row: dict | None = None,
        *,
        placements: tuple[tuple[str, Placement], ...] = (),
        placement: Placement | None = None,
        tolerance_days: int = 14,
    ):
        self.row = row or {}
        self.placements = placements
        self.placement = placement
        self.tolerance_days = tolerance_days
        if row:
            self.title_text = f"Edit milestone {display_text(row.get('ref') or '')}".rstrip()
            self.intro_text = "Dates have their own keys (f forecast, B re-baseline, d done), which ask why."
        else:
            self.title_text = "New milestone"
            self.intro_text = "Its ref (e.g. FCR-M04) is given when it is saved."
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row
        details = [
            Field("title", "Title", value=row.get("title"), required=True, what="a title"),
            Field("owner", "Owner", value=row.get("owner")),
        ]
        tolerance = Field(
            "tolerance_days",
            "Tolerance (days)",
            "int",
            row.get("tolerance_days", self.tolerance_days),
            required=True,
            what="the tolerance",
            minimum=0,
            maximum=3650,
            hint="slippage beyond this makes it late; the default is the programme's",
        )
        notes = Field("notes", "Notes", "long", row.get("notes"))
        if row:
            return [*details, tolerance, notes]
        return [
            Field(
                "placement",
                "Workstream · project",
                "choice",
                self.placement,
                required=True,
                choices=self.placements,
            ),
            *details,
            Field("baseline_date", "Baseline", "date", hint=DATE_HINT),
            Field("forecast_date", "Forecast", "date", hint=f"{DATE_HINT}; blank: the baseline"),
            Field("actual_date", "Actual", "date", hint="when it was done; blank while open"),
            tolerance,
            notes,
        ]

    def build(self, values: dict[str, Any]) -> dict:
        values = dict(values)
        placement = values.pop("placement", None)
        if placement is not None:
            values["workstream_id"], values["project_id"] = placement
            if values.get("forecast_date") is None:
                values["forecast_date"] = values.get("baseline_date")
        return values
