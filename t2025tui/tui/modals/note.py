"""Add a stand-up note to a workstream."""

from __future__ import annotations

from typing import Any

from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form


class NoteForm(Form[str]):
    def __init__(self, workstream_name: str):
        self.title_text = f"Note for {display_text(workstream_name)}"
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field(
                "note",
                "Note",
                required=True,
                what="the note",
                placeholder="What was said, agreed or needs chasing",
            )
        ]

    def build(self, values: dict[str, Any]) -> str:
        return values["note"]
