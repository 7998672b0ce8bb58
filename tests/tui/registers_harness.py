"""The real app, opened straight on one register screen, and helpers for the register tests."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from t2025tui.core.store import Store
from t2025tui.tui import app as app_module
from t2025tui.tui.app import T2025App
from t2025tui.tui.registry import SCREENS


class RegisterHarness(T2025App):
    """T2025App without its data_version timer, switched to the register under test on start."""

    CSS_PATH = Path(app_module.__file__).parent / "app.tcss"  # relative paths resolve beside this file

    def __init__(self, store: Store, screen_class: type[Screen]):
        super().__init__(store, poll_seconds=0)
        self.start_mode: str = next(name for name, entry in SCREENS.items() if entry.load() is screen_class)

    def on_mount(self) -> None:
        # The app opens on the dashboard; go straight on to the register, so these tests
        # exercise only the register screens.
        self.action_show(self.start_mode)


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
    rows = store.query(
        "SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY id",
        (entity, entity_id, field),
    )
    for row in rows:
        row["old"] = None if row["old"] is None else json.loads(row["old"])
        row["new"] = None if row["new"] is None else json.loads(row["new"])
    return rows
