"""Set a RAG with its reason; the reason is required when the RAG gets worse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text

from t2025tui.core.errors import ValidationError
from t2025tui.core.rag import is_worse
from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form
from t2025tui.tui.widgets.rag import rag_palette, rag_text


@dataclass(frozen=True)
class RagChoice:
    rag: str
    reason: str
    which: str | None = None  # programme RAG only: 'overall' or 'risk'


def worsening_message(old: str | None, new: str) -> str:
    return f"a reason is required when the RAG worsens from {old} to {new}; type why"


class RagForm(Form[RagChoice]):
    """RAG for one workstream. `r`/`a`/`g` pick while the choices have focus."""

    FOCUS = "rag"
    REFUSAL_FIELD = "reason"
    keys_text = "r/a/g choose (then type the reason)   enter: save   escape: cancel"

    def __init__(
        self, subject: str, current: str | None, scale: tuple[str, ...], *, preselect: str | None = None
    ):
        self.title_text = f"Set RAG: {display_text(subject)}"
        self.current = current
        self.scale = scale
        self.preselect = preselect or current
        super().__init__()

    def target_fields(self) -> list[Field]:
        return []

    def fields(self) -> list[Field]:
        return [
            *self.target_fields(),
            Field(
                "rag",
                "New RAG",
                "rag",
                self.preselect if self.preselect in self.scale else None,
                required=True,
                choices=tuple((rag, rag) for rag in self.scale),
            ),
            Field(
                "reason",
                "Reason",
                hint="required when the RAG worsens",
                placeholder="Why has the RAG changed?",
            ),
        ]

    def on_mount(self) -> None:
        self.set_intro(self._now_text())

    def _now_text(self) -> Text:
        now = Text("Now: ")
        now.append_text(rag_text(self.current, palette=rag_palette(self.app)))
        return now

    def field_changed(self, name: str, value: Any) -> None:
        if name == "rag" and value is not None and not is_worse(self.current, value):
            self.clear_error("reason")

    def check(self, values: dict[str, Any]) -> None:
        if not values["reason"] and is_worse(self.current, values["rag"]):
            raise ValidationError(worsening_message(self.current, values["rag"]), "reason")

    def build(self, values: dict[str, Any]) -> RagChoice:
        return RagChoice(values["rag"], values["reason"], values.get("which"))

    def which(self) -> str | None:
        return None


class ProgrammeRagForm(RagForm):
    """The programme's overall or risk-management RAG."""

    TARGETS = {"overall": "Overall RAG", "risk": "Risk management RAG"}

    def __init__(
        self,
        currents: dict[str, str | None],
        scale: tuple[str, ...],
        *,
        which: str = "overall",
        preselect: str | None = None,
    ):
        self.currents = currents
        self._which = which
        super().__init__("programme", currents[which], scale, preselect=preselect)

    def target_fields(self) -> list[Field]:
        return [
            Field(
                "which",
                "Which RAG",
                "options",
                self._which,
                choices=tuple((label.removesuffix(" RAG"), key) for key, label in self.TARGETS.items()),
            )
        ]

    def field_changed(self, name: str, value: Any) -> None:
        if name == "which" and value is not None:
            self._which = value
            self.current = self.currents[value]
            self.set_intro(self._now_text())
            name, value = "rag", self.raw_text("rag") or None
        super().field_changed(name, value)

    def which(self) -> str | None:
        return self._which
