"""Snapshots of the main screens (the registers have theirs in test_snapshots_registers.py).

Plain `def` tests (snap_compare runs its own loop), fixed sizes, cursor blink off. Update
with `pytest tests/tui/test_snapshots_main.py --snapshot-update` after a deliberate change.
"""

from t2025tui.tui.app import T2025App
from tests.tui.conftest import no_blink, settle


def _app(store):
    return T2025App(store, poll_seconds=0)


def _then(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        no_blink(pilot.app)
        await pilot.pause()

    return run_before


def test_snapshot_main_dashboard(snap_compare, store):
    assert snap_compare(_app(store), terminal_size=(120, 40), run_before=_then())


def test_snapshot_main_dashboard_80x24(snap_compare, store):
    assert snap_compare(_app(store), terminal_size=(80, 24), run_before=_then())


def test_snapshot_main_workstream_detail(snap_compare, store):
    assert snap_compare(_app(store), terminal_size=(120, 40), run_before=_then("down", "2"))


def test_snapshot_main_standup(snap_compare, store):
    assert snap_compare(_app(store), terminal_size=(120, 40), run_before=_then("s", "space", "space", "down"))


def test_snapshot_main_rag_form_validation_error(snap_compare, store):
    # Green -> Amber for Vulnerability without a reason: the error shows under the reason.
    assert snap_compare(
        _app(store), terminal_size=(100, 30), run_before=_then("down", "down", "r", "a", "enter")
    )


def test_snapshot_main_help(snap_compare, store):
    assert snap_compare(_app(store), terminal_size=(100, 30), run_before=_then("f1"))
