"""Move a record to another workstream (or project): where to, and why (optional)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from t2025tui.tui.modals.form import Field, Form


@dataclass(frozen=True)
class Move:
    to: Any
    reason: str


class MoveForm(Form[Move]):
    def __init__(
        self, title: str, choices: tuple[tuple[str, Any], ...], *, current: Any = None, intro: str = ""
    ):
        self.title_text = title
        self.intro_text = intro
        self.choices = choices
        self.current = current
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field("to", "Move to", "choice", self.current, required=True, choices=self.choices),
            Field("reason", "Reason (optional)"),
        ]

    def build(self, values: dict[str, Any]) -> Move:
        return Move(values["to"], values["reason"])
