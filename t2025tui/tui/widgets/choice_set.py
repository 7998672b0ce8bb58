"""A RadioSet where enter means "this one, carry on" rather than only toggling.

Keys typed in a burst (a quick `g` then enter) must not depend on message timing, so the
owner is called directly with the highlighted index instead of waiting for RadioSet.Changed.
"""

from collections.abc import Callable

from textual.binding import Binding
from textual.widgets import RadioButton, RadioSet


class ChoiceSet(RadioSet, inherit_bindings=False):
    BINDINGS = [
        Binding("down,right", "next_button", "Next option", id="choice.next", show=False),
        Binding("up,left", "previous_button", "Previous option", id="choice.previous", show=False),
        Binding("space", "toggle_button", "Choose", id="choice.choose", show=False),
        Binding("enter", "choose_and_continue", "Choose and go on", id="choice.enter", show=False),
    ]

    def __init__(self, *buttons: RadioButton, on_enter: Callable[[int], None] | None = None, **kwargs):
        super().__init__(*buttons, **kwargs)
        self.on_enter = on_enter

    def highlight(self, index: int) -> None:
        """Move the arrow-key highlight (RadioSet keeps it in a private reactive)."""
        self._selected = index

    def press(self, index: int) -> None:
        """Press button `index` now: `pressed_index` says so at once, not only after RadioSet
        has handled the button's message (so `left` then `enter` saves the new choice)."""
        button = self.query(RadioButton)[index]
        previous = self._pressed_button
        if previous is not None and previous is not button:
            with self.prevent(RadioButton.Changed):
                previous.value = False
        button.value = True  # its message still comes, and RadioSet.Changed after it
        self._pressed_button = button
        self.highlight(index)

    def action_choose_and_continue(self) -> None:
        index = self._selected if self._selected is not None else max(self.pressed_index, 0)
        self.press(index)
        if self.on_enter is not None:
            self.on_enter(index)


class RagPicker(ChoiceSet):
    """The RAG buttons: r, a and g pick Red, Amber and Green, then move on to the next field."""

    BINDINGS = [
        Binding("r", "pick('Red')", "Red", id="rag.red", show=False),
        Binding("a", "pick('Amber')", "Amber", id="rag.amber", show=False),
        Binding("g", "pick('Green')", "Green", id="rag.green", show=False),
    ]

    def action_pick(self, rag: str) -> None:
        labels = [str(button.label) for button in self.query(RadioButton)]
        if rag in labels:
            self.press(labels.index(rag))
            self.screen.focus_next()  # the reason, so typing and enter follow straight on
