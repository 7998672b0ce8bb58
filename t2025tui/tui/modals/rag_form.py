"""Set a RAG with its reason; the reason is required when the RAG gets worse."""

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Input, RadioButton, RadioSet, Static

from t2025tui.core.rag import is_worse
from t2025tui.tui.modals.base import FormModal, field
from t2025tui.tui.widgets.choice_set import ChoiceSet
from t2025tui.tui.widgets.rag import rag_palette, rag_text

RAG_KEYS = {"r": "Red", "a": "Amber", "g": "Green"}


@dataclass(frozen=True)
class RagChoice:
    rag: str
    reason: str
    which: str | None = None  # programme RAG only: 'overall' or 'risk'


def worsening_message(old: str | None, new: str) -> str:
    return f"a reason is required when the RAG worsens from {old} to {new}; type why"


class RagForm(FormModal[RagChoice | None]):
    """RAG for one workstream. `r`/`a`/`g` pick while the choices have focus."""

    BINDINGS = [
        Binding("r", "pick('Red')", "Red", id="rag.red", show=False),
        Binding("a", "pick('Amber')", "Amber", id="rag.amber", show=False),
        Binding("g", "pick('Green')", "Green", id="rag.green", show=False),
    ]
    HINT = "r/a/g choose (then type the reason) · enter save · esc cancel"

    def __init__(
        self,
        subject: str,
        current: str | None,
        scale: tuple[str, ...],
        *,
        preselect: str | None = None,
        reason: str = "",
        errors: dict[str, str] | None = None,
    ):
        super().__init__(f"Set RAG: {subject}", errors=errors)
        self.current = current
        self.scale = scale
        self.preselect = preselect or current
        self.choice = self.preselect if self.preselect in scale else None
        self.initial_reason = reason

    def form_body(self):
        yield from self.target_fields()
        yield Static(self._now_text(), id="rag-now", markup=False)
        buttons = [
            RadioButton(rag, value=(rag == self.choice), id=f"rag-{i}") for i, rag in enumerate(self.scale)
        ]
        yield field("New RAG", ChoiceSet(*buttons, id="rag", on_enter=self._enter_on_rag), "rag")
        yield field(
            "Reason (required when the RAG worsens)",
            Input(self.initial_reason, placeholder="Why has the RAG changed?", id="reason"),
            "reason",
        )

    def target_fields(self):
        return ()

    def _now_text(self) -> Text:
        now = Text("Now: ")
        now.append_text(rag_text(self.current, palette=rag_palette(self.app)))
        return now

    def on_mount(self) -> None:
        for choices in self.query(ChoiceSet):
            # Start the arrow-key highlight on the chosen one, not the first button.
            if choices.pressed_index >= 0:
                choices.highlight(choices.pressed_index)
        self.query_one("#rag", ChoiceSet).focus()

    def selected(self) -> str | None:
        return self.choice

    def choose(self, rag: str) -> None:
        self.choice = rag
        self.query_one("#rag", ChoiceSet).press(self.scale.index(rag))
        self.clear_error("rag")
        if not self._needs_reason():
            self.clear_error("reason")

    def action_pick(self, rag: str) -> None:
        if rag in self.scale:
            self.choose(rag)
            self.query_one("#reason", Input).focus()  # so enter saves straight away

    def _enter_on_rag(self, index: int) -> None:
        self.choose(self.scale[index])
        self.action_submit()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "rag" and str(event.pressed.label) != self.choice:
            self.choose(str(event.pressed.label))  # chosen with arrows and space, or the mouse

    def _needs_reason(self) -> bool:
        chosen = self.selected()
        return chosen is not None and is_worse(self.current, chosen)

    def collect(self) -> RagChoice | None:
        chosen = self.selected()
        if chosen is None:
            self.show_error("rag", "choose a RAG: r, a or g (or arrows and space)")
            return None
        reason = self.query_one("#reason", Input).value.strip()
        if not reason and is_worse(self.current, chosen):
            self.show_error("reason", worsening_message(self.current, chosen))
            self.query_one("#reason", Input).focus()
            return None
        return RagChoice(chosen, reason, self.which())

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
        reason: str = "",
        errors: dict[str, str] | None = None,
    ):
        self.currents = currents
        self._which = which
        super().__init__(
            "programme", currents[which], scale, preselect=preselect, reason=reason, errors=errors
        )

    def target_fields(self):
        buttons = [
            RadioButton(label, value=(key == self._which), id=f"which-{key}")
            for key, label in self.TARGETS.items()
        ]
        yield field("Which RAG", ChoiceSet(*buttons, id="which", on_enter=self._enter_on_which), "which")

    def _set_which(self, which: str) -> None:
        self._which = which
        self.current = self.currents[which]
        self.query_one("#rag-now", Static).update(self._now_text())
        if not self._needs_reason():
            self.clear_error("reason")

    def _enter_on_which(self, index: int) -> None:
        self._set_which(list(self.TARGETS)[index])
        self.query_one("#rag", ChoiceSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        # RagForm.on_radio_set_changed runs as well (Textual calls each class's handler).
        if event.radio_set.id == "which":
            self._set_which(event.pressed.id.removeprefix("which-"))

    def which(self) -> str | None:
        return self._which
