"""Find anything: type words, the best matches appear as you type, `enter` opens one on its screen.

The search runs in a worker (core/queries/search.py); each result says what it is, its ref and
title, and where the words were found (a title, the notes, a change's reason). The box keeps the
keys for typing; up and down move through the results without leaving it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from t2025tui.core.errors import T2025Error
from t2025tui.core.store import Store
from t2025tui.core.text import SHORT_TEXT_MAX, display_text

if TYPE_CHECKING:
    from t2025tui.core.queries.search import SearchHit

TYPING_PAUSE = 0.15  # seconds: a search per keystroke of a fast typist would only queue up


class SearchScreen(ModalScreen["SearchHit | None"]):
    """Dismisses with the chosen hit (None on escape); the app opens it (`T2025App.open_record`)."""

    DEFAULT_CSS = """
    SearchScreen { align: center top; background: $background 60%; }
    SearchScreen > #search-box {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; margin: 1 0 0 0;
    }
    SearchScreen #search-title { text-style: bold; color: $primary; }
    SearchScreen #search-results { height: auto; max-height: 24; border: none; }
    SearchScreen #search-status { color: $text-muted; }
    SearchScreen #search-keys { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close", tooltip="Close the search"),
        Binding(
            "enter", "open", "Open", id="search.open", tooltip="Open the result on its screen", priority=True
        ),
        Binding("down", "move(1)", "Next", id="search.down", tooltip="Next result", show=False),
        Binding("up", "move(-1)", "Previous", id="search.up", tooltip="Previous result", show=False),
    ]

    class Found(Message):
        def __init__(self, token: int, text: str, hits: list[SearchHit] | None, error: str = "") -> None:
            super().__init__()
            self.token, self.text, self.hits, self.error = token, text, hits, error

    def __init__(self, store: Store, text: str = "") -> None:
        super().__init__()
        self.store = store
        self.initial = text
        self.hits: list[SearchHit] = []
        self._token = 0
        self._shown = 0  # the token of the results on screen
        self._open_when_found = False  # enter came before the results of what was typed
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("Find anything", id="search-title", markup=False)
            yield Input(
                self.initial,
                placeholder="Words, a ref (FCR-M03), a reason given for a change...",
                id="search-input",
                max_length=SHORT_TEXT_MAX,
            )
            yield Static(
                "Type to search workstreams, projects, milestones, risks, logs, notes and change reasons.",
                id="search-status",
                markup=False,
            )
            yield OptionList(id="search-results")
            yield Static("enter: open   up/down: choose   escape: close", id="search-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False  # typing stays in the box
        self.query_one("#search-input", Input).focus()
        if self.initial:
            self._search(self.initial)

    # Typing ----------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE, lambda: self._search(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def _search(self, text: str) -> None:
        self._timer = None
        self._token += 1
        if len(text.strip()) < 2:  # one letter matches only that word: wait for the second
            self._show(self._token, text, [])
            return
        self._status("Searching...")
        self._run(self._token, text)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run(self, token: int, text: str) -> None:
        from t2025tui.core.queries.search import search

        try:
            hits = search(self.store, text, limit=50)
        except T2025Error as exc:
            self.post_message(self.Found(token, text, None, str(exc)))
            return
        self.post_message(self.Found(token, text, hits))

    def on_search_screen_found(self, message: Found) -> None:
        if message.token != self._token:
            return  # an older search, overtaken by more typing
        if message.hits is None:
            self._status(f"Could not search: {display_text(message.error)}")
            return
        self._show(message.token, message.text, message.hits)
        if self._open_when_found and self.hits:
            self.action_open()
        self._open_when_found = False

    # Drawing ----------------------------------------------------------------------
    def _show(self, token: int, text: str, hits: list[SearchHit]) -> None:
        self.hits, self._shown = hits, token
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([Option(_describe(hit), id=str(i)) for i, hit in enumerate(hits)])
        if hits:
            results.highlighted = 0
        if len(text.strip()) < 2:
            self._status(
                "Type to search workstreams, projects, milestones, risks, logs, notes and change reasons."
            )
        elif not hits:
            self._status(f"Nothing found for {display_text(text.strip())!r}.")
        else:
            more = " (the best 50)" if len(hits) == 50 else ""
            self._status(f"{len(hits)} found{more}, best first.")

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    # Keys -----------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if not self.hits:
            return
        current = results.highlighted if results.highlighted is not None else -delta
        results.highlighted = max(0, min(len(self.hits) - 1, current + delta))

    def action_open(self) -> None:
        if self._timer is not None:  # enter straight after typing: search what was typed first
            self._timer.stop()
            self._search(self.query_one("#search-input", Input).value)
        if self._shown != self._token:  # and open the best match once it is found
            self._open_when_found = True
            return
        index = self.query_one("#search-results", OptionList).highlighted
        if index is None or not (0 <= index < len(self.hits)):
            return
        self.dismiss(self.hits[index])

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.hits[event.option_index])


def _describe(hit: SearchHit) -> Text:
    """Two lines: what and which record; where the words were found, each one highlighted."""
    line = Text()
    line.append(f"{hit.kind:<14}", style="dim")
    if hit.ref:
        line.append(display_text(hit.ref) + "  ", style="bold")
    title = display_text(hit.title)
    line.append(title if len(title) <= 70 else title[:67] + "...")
    if not hit.exists:
        line.append("  (removed)", style="italic")
    line.append(f"\n{'':14}in {hit.found_in}: ", style="dim")
    at = 0
    for begin, end in hit.marks:
        line.append(display_text(hit.snippet[at:begin]))
        line.append(display_text(hit.snippet[begin:end]), style="bold reverse")
        at = end
    line.append(display_text(hit.snippet[at:]))
    return line
