"""Stand-up's reason line: "why?" asked in place, under the workstream being discussed.

A modal prompt covers the screen and has to be taken down again before the change can be
drawn; closing one costs Textual about 45 ms here, more than the whole edit is allowed.
This bar is always in the layout (its box takes the focus only while asking), so asking and
answering repaint two lines, and the workstream stays in view while the reason is typed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from t2025tui.core.text import SHORT_TEXT_MAX, display_text

IDLE_TEXT = "A worse RAG or a slip asks why here; enter saves, escape cancels."
REQUIRED = "A reason is required: say why in a few words, or press escape to cancel."


class ReasonInput(Input):
    """The bar's box. Once a reason is given, keys typed before the saved change is drawn
    are stand-up keys again (space for the next workstream), not more text."""

    def on_key(self, event: events.Key) -> None:
        bar = self.parent
        if not isinstance(bar, ReasonBar):
            return
        if not bar.is_open:
            event.prevent_default()  # not Input's handling: the box is closed
            event.stop()
            bar.tidy()
            self.app.post_message(events.Key(event.key, event.character))
        elif event.key == "enter":
            # Answered here, in the order the keys came, rather than by the enter binding
            # (run only once the key has gone up to the app): a key typed right behind the
            # enter then finds the bar closed.
            event.prevent_default()
            event.stop()
            bar.submit(self.value)


class ReasonBar(Vertical):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="reason_bar.cancel", tooltip="the edit is not saved")
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._answer: Callable[[str | None], None] | None = None
        self.question = ""
        self.error_text = ""

    def compose(self):
        yield Static(Text(IDLE_TEXT, style="dim"), id="reason-question", markup=False)
        box = ReasonInput(placeholder="Reason", id="reason-input", max_length=SHORT_TEXT_MAX)
        # Focusable only while asking; set directly (not through CSS) so it takes effect at
        # once and the box can take the focus in the same message.
        box.can_focus = False
        yield box

    @property
    def is_open(self) -> bool:
        return self._answer is not None

    def ask(
        self,
        question: str,
        answer: Callable[[str | None], None],
        *,
        value: str = "",
        error: str | None = None,
    ) -> None:
        """Ask `question`; `answer` gets the stripped reason, or None if cancelled."""
        self._answer = answer
        self.question = question
        self._show_line(error)
        box = self.query_one("#reason-input", Input)
        box.value = value
        box.can_focus = True
        # Focus at once, not on the next message: keys typed in a burst right after the one
        # that asked must land in the box, not act as stand-up keys.
        self.screen.set_focus(box)

    def _show_line(self, error: str | None) -> None:
        self.error_text = display_text(error) if error else ""
        line = Text(display_text(self.question), style="bold")
        if self.error_text:
            line.append("  " + self.error_text, style="bold red")
        self.query_one("#reason-question", Static).update(line, layout=False)  # always one line

    def submit(self, typed: str) -> None:
        if not self.is_open:
            return
        reason = typed.strip()
        if not reason:
            self._show_line(REQUIRED)
            return
        self._close(reason)

    def action_cancel(self) -> None:
        if self.is_open:
            self._close(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.is_open if action == "cancel" else True

    def _close(self, reason: str | None) -> None:
        answer, self._answer = self._answer, None
        if answer is None:
            return
        if reason is None:
            self.tidy()
        else:
            # Nothing changes on screen until the saved change is drawn (the screen calls tidy
            # then), so both show in one frame; a repaint now would take the frame slot the
            # change needs. The timer is a backstop for a save that draws nothing.
            self.set_timer(1.0, self.tidy)
        answer(reason)

    def tidy(self) -> None:
        """Back to the idle line and give the keys back to stand-up, unless asking again."""
        if self.is_open:
            return
        box = self.query_one("#reason-input", Input)
        box.can_focus = False
        if self.screen.focused is box:
            self.screen.set_focus(None)
        box.value = ""
        self.error_text = ""
        self.query_one("#reason-question", Static).update(Text(IDLE_TEXT, style="dim"), layout=False)
