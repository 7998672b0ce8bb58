"""Ask why: a one-line reason, required unless the caller says otherwise."""

from __future__ import annotations

from typing import Any

from t2025tui.tui.modals.form import Field, Form


class ReasonPrompt(Form[str]):
    """Dismisses with the reason typed (stripped), or None when cancelled."""

    def __init__(self, question: str, *, required: bool = True, placeholder: str = "Reason"):
        self.title_text = question
        self.required = required
        self.placeholder = placeholder
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field(
                "reason",
                "Reason" + ("" if self.required else " (optional)"),
                required=self.required,
                what="a reason",
                placeholder=self.placeholder,
            )
        ]

    def build(self, values: dict[str, Any]) -> str:
        return values["reason"]
