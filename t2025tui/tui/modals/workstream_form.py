"""A workstream's plan details: code, name, lead, the strategic objective it serves, its order."""

from __future__ import annotations

from typing import Any

from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form


class WorkstreamForm(Form[dict]):
    """New (`row` None) or edit; dismisses with the service's fields (objective as objective_id)."""

    def __init__(self, row: dict | None, objectives: tuple[tuple[str, int], ...]):
        self.row = row or {}
        self.objectives = objectives
        self.title_text = f"Edit workstream {display_text(row['code'])}" if row else "New workstream"
        if not objectives:
            self.intro_text = "No strategic objectives yet: add them with o on the dashboard."
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row
        return [
            Field(
                "code",
                "Code",
                value=row.get("code"),
                required=True,
                max_length=20,
                what="a code",
                hint="short, e.g. FCR; milestone refs start with it",
            ),
            Field("name", "Name", value=row.get("name"), required=True, what="a name"),
            Field("lead", "Lead", value=row.get("lead")),
            Field(
                "objective_id",
                "Strategic objective",
                "choice",
                row.get("objective_id"),
                choices=self.objectives,
            ),
            Field(
                "position",
                "Order",
                "int",
                row.get("position"),
                minimum=0,
                maximum=10_000,
                hint="its place in lists and the pack; blank: after the others",
            ),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return values
