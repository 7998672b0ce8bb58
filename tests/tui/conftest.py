"""Fixtures for the app tests: an app on the seeded T2025 database, and a way to let it settle."""

import pytest

from t2025tui.core.store import open_store
from t2025tui.tui.app import T2025App

SIZE = (120, 40)


@pytest.fixture
def app(store):
    """The app on the seeded programme, without the data_version timer (tests poll by hand)."""
    return T2025App(store, poll_seconds=0)


@pytest.fixture
def other_window(seeded_db_path):
    """A second connection to the same file, as another t2025 window would have."""
    second = open_store(seeded_db_path)
    yield second
    second.close()


async def settle(pilot, rounds: int = 3) -> None:
    """Wait for the first screen, then for workers (saves, loads) and the messages they post back."""
    app = pilot.app
    for _ in range(200):  # on a busy machine the dashboard's first load can take a while to start
        if getattr(app, "first_screen_seconds", 0) is not None:
            break
        await pilot.pause(0.05)
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def workstream(store, code: str) -> dict:
    return store.query_one("SELECT * FROM workstream WHERE code = ?", (code,))


def log_rows(store, entity: str, entity_id: int, field: str = "") -> list[dict]:
    return store.query(
        "SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY id",
        (entity, entity_id, field),
    )


def no_blink(app) -> None:
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
