"""Corporate Health Check forms: the check itself, a measure (name, value, unit), a rating."""

from __future__ import annotations

from typing import Any

from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form


class HealthCheckForm(Form[dict]):
    """Dismisses the changed fields (all of them for a new check)."""

    def __init__(self, check_row: dict | None):
        self.row = check_row
        self.title_text = (
            f"Health check: {display_text(check_row['team'])}" if check_row else "New health check"
        )
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field("team", "Team", value=row.get("team"), required=True),
            Field("check_date", "Date", "date", row.get("check_date"), hint="e.g. 2022-03-15, 15/03/2022"),
            Field("status", "Status", value=row.get("status")),
            Field("themes", "Themes", "long", row.get("themes")),
            Field("notes", "Notes", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)


class MeasureForm(Form[dict]):
    """A measure's name, value and unit: dismisses all three for a new one, the changed ones for
    an edit (opened on the value, the edit made most often)."""

    def __init__(self, measure_row: dict | None = None):
        self.row = measure_row
        if measure_row is None:
            self.title_text = "New measure"
        else:
            unit = f" ({display_text(measure_row['unit'])})" if measure_row["unit"] else ""
            self.title_text = f"{display_text(measure_row['name'])}{unit}"
            self.FOCUS = "value"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field(
                "name",
                "Measure",
                value=row.get("name"),
                required=True,
                what="the measure's name",
                hint="e.g. Sickness, Overtime",
            ),
            Field("value", "Value", "number", row.get("value"), hint="a number; blank if not known"),
            Field("unit", "Unit", value=row.get("unit"), hint="e.g. days per person, hours, %"),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)


class RatingForm(Form[dict]):
    """A member's engagement rating: dismisses all fields for a new one, the changed ones for an edit."""

    def __init__(self, rating_row: dict | None = None):
        self.row = rating_row
        self.title_text = (
            f"Rating by {display_text(rating_row['member'])}" if rating_row else "New engagement rating"
        )
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field(
                "member", "Team member", value=row.get("member"), required=True, hint="a name or a reference"
            ),
            Field(
                "rating",
                "Rating",
                "int",
                row.get("rating"),
                required=True,
                minimum=1,
                maximum=10,
                hint="1 (low) to 10 (high)",
            ),
            Field("comment", "Comment", "long", row.get("comment")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)
