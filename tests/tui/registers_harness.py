"""A small App that shows one register screen over a given store, for the register tests."""

from __future__ import annotations

import json
from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from t2025tui.core.store import Store


class RegisterHarness(App):
    """Stands in for the full app: it has `.store` and shows the screen under test."""

    def __init__(self, store: Store, make_screen: Callable[[], Screen]):
        super().__init__()
        self.store = store
        self.make_screen = make_screen

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


async def settle(pilot: Pilot) -> None:
    """Let page loads in worker threads land and the screen catch up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def stop_blinking(pilot: Pilot) -> None:
    await settle(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    """Replace what a form field holds with `text`, as keys."""
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


def log_rows(store: Store, entity: str, entity_id: int, field: str) -> list[dict]:
    rows = store.query("SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY id",
                       (entity, entity_id, field))
    for row in rows:
        row["old"] = None if row["old"] is None else json.loads(row["old"])
        row["new"] = None if row["new"] is None else json.loads(row["new"])
    return rows
