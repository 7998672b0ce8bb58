"""The app starts, quits, and ends cleanly on the console's close signal with the Unix-only
parts taken away, and with an event loop that cannot add signal handlers (as on Windows)."""

import asyncio
import os
import signal

import pytest

from t2025tui.tui.app import LOG_NAME, T2025App
from t2025tui.tui.screens.dashboard import DashboardScreen
from tests.tui.conftest import SIZE, settle

# SIGUSR1 stands in for Windows' SIGBREAK, which Linux cannot send (on Windows itself the
# real start-up is tested instead: there is no SIGUSR1 there).
STAND_IN_FOR_SIGBREAK = getattr(signal, "SIGUSR1", 0)
pytestmark = pytest.mark.skipif(not STAND_IN_FOR_SIGBREAK, reason="simulates Windows on a Unix system")


@pytest.fixture
def windows_event_loop(monkeypatch, like_windows):
    """No loop.add_signal_handler (Windows' loops raise NotImplementedError), and a SIGBREAK."""

    def not_on_windows(self, sig, callback, *args):
        raise NotImplementedError

    monkeypatch.setattr(asyncio.SelectorEventLoop, "add_signal_handler", not_on_windows)
    monkeypatch.setattr(signal, "SIGBREAK", STAND_IN_FOR_SIGBREAK, raising=False)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, STAND_IN_FOR_SIGBREAK)}
    # Until the app puts its own handler in, the stand-in must not end the test run.
    signal.signal(STAND_IN_FOR_SIGBREAK, lambda signum, frame: None)
    yield
    for sig, handler in previous.items():
        signal.signal(sig, handler)


async def test_starts_logs_its_first_screen_and_quits_with_ctrl_q(store, windows_event_loop):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.first_screen_seconds is not None
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    log = (store.path.parent / LOG_NAME).read_text(encoding="utf-8")
    assert "first screen in" in log and "since the process started" not in log


async def test_the_console_closing_ends_the_app_cleanly(store, windows_event_loop):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        os.kill(os.getpid(), STAND_IN_FOR_SIGBREAK)
        await pilot.pause(0.2)
    assert app.return_code == 128 + STAND_IN_FOR_SIGBREAK
    assert store.scalar("SELECT COUNT(*) FROM workstream") == 5
