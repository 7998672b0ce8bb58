"""Create or edit a lesson: what was learnt, what happened, what to do next time."""

from __future__ import annotations

from datetime import date
from typing import Any

from t2025tui.tui.modals.action_form import DATE_HINT, Choices
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form


class LessonForm(Form[dict]):
    """Dismisses the fields to save: all of them for a new lesson, only the changed ones for an edit."""

    def __init__(self, row: dict | None, workstreams: Choices, *, today: date):
        self.row = row
        self.workstreams = workstreams
        self.today = today
        self.title_text = f"Edit lesson {row['ref']}" if row else "New lesson"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {}
        return [
            Field("lesson", "Lesson", value=row.get("lesson"), required=True, what="the lesson"),
            Field("what_happened", "What happened", "long", row.get("what_happened")),
            Field("next_time", "Next time", "long", row.get("next_time"), hint="what to do next time"),
            Field(
                "workstream_id", "Workstream", "choice", row.get("workstream_id"), choices=self.workstreams
            ),
            Field(
                "lesson_date",
                "Date",
                "date",
                row.get("lesson_date", self.today if self.row is None else None),
                base=self.today,
                hint=DATE_HINT,
            ),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, values)
