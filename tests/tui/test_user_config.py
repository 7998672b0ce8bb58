"""The user's keymap file and remembered theme (tui/user_config.py)."""

import pytest

from t2025tui.tui.app import T2025App
from t2025tui.tui.screens.help import HelpScreen
from t2025tui.tui.screens.standup import StandupScreen
from t2025tui.tui.user_config import CONFIG_DIR_ENV, KEYMAP_FILE, THEME_FILE
from tests.tui.conftest import SIZE, notifications, settle


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


async def test_a_keymap_line_rebinds_a_binding_by_its_id_and_help_shows_it(config, store):
    (config / KEYMAP_FILE).write_text("# my keys\napp.standup = u\n")
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, StandupScreen)  # s no longer starts it ...
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)  # ... u does
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        line = next(line for line in text.splitlines() if "[app.standup]" in line)
        assert line.strip().startswith("u ")


async def test_bad_keymap_lines_are_named_and_the_defaults_stay(config, store):
    (config / KEYMAP_FILE).write_text(
        "app.undo = ctrl+u\nthis is not a line\ndashboard.rag = ]]\nno.such.binding = x\n"
    )
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)  # unknown ids are checked after the first screen
        await settle(pilot)
        warnings = [n for n in notifications(app) if "line" in n]
        assert any("line 2:" in w and "expected" in w for w in warnings), warnings
        assert any("line 3:" in w and "not a key name" in w for w in warnings), warnings
        assert any("line 4:" in w and "no.such.binding" in w for w in warnings), warnings
        assert all("\n" not in w for w in warnings)
        await pilot.press("r", "g", "enter")  # r still sets the RAG
        await settle(pilot)
        assert store.scalar("SELECT rag FROM workstream WHERE code = 'FCR'") == "Green"
        await pilot.press("ctrl+u")  # the good line applied
        await settle(pilot)
        assert store.scalar("SELECT rag FROM workstream WHERE code = 'FCR'") == "Amber"


async def test_the_theme_chosen_is_remembered_for_the_next_start(config, store):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert (config / THEME_FILE).read_text().strip() == "nord"
    again = T2025App(store, poll_seconds=0)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
