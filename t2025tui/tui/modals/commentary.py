"""Edit a workstream's commentary (several lines; ctrl+s saves since enter adds a line)."""

from __future__ import annotations

from typing import Any

from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form


class CommentaryForm(Form[str]):
    keys_text = "ctrl+s: save   escape: cancel"

    def __init__(self, workstream_name: str, commentary: str | None):
        self.title_text = f"Commentary for {display_text(workstream_name)}"
        self.commentary = commentary or ""
        super().__init__()

    def fields(self) -> list[Field]:
        return [Field("commentary", "Commentary", "long", self.commentary, tall=True)]

    def build(self, values: dict[str, Any]) -> str:
        return values["commentary"].strip()
