"""A strategic objective: its title, notes and place in the list."""

from __future__ import annotations

from typing import Any

from t2025tui.tui.modals.form import Field, Form


class ObjectiveForm(Form[dict]):
    """New (`row` None) or edit; dismisses with the service's fields."""

    def __init__(self, row: dict | None = None):
        self.row = row or {}
        self.title_text = f"Edit objective {row['position']}" if row else "New strategic objective"
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row
        return [
            Field("title", "Title", value=row.get("title"), required=True, what="a title"),
            Field("notes", "Notes", "long", row.get("notes")),
            Field(
                "position",
                "Number",
                "int",
                row.get("position"),
                minimum=0,
                maximum=10_000,
                hint="its number in lists and the pack; blank: after the others",
            ),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return values
