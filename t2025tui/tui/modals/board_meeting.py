"""Create or edit a Futures Board meeting (the dated points 'since last board' compares)."""

from __future__ import annotations

from typing import Any

from t2025tui.tui.modals.form import Field, Form


class BoardMeetingForm(Form[dict]):
    """Dismisses with {'meeting_date': date, 'title': str, 'notes': str} or None."""

    def __init__(self, meeting: dict | None = None):
        self.meeting = meeting or {}
        self.title_text = "Edit board meeting" if meeting else "New board meeting"
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field(
                "meeting_date",
                "Date",
                "date",
                self.meeting.get("meeting_date"),
                required=True,
                what="the date",
                hint="e.g. 2022-06-14, 14/06/2022, +7, +2w",
            ),
            Field(
                "title",
                "Title",
                value=self.meeting.get("title", "Futures Board"),
                required=True,
                what="the title",
            ),
            Field("notes", "Notes", value=self.meeting.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return values
