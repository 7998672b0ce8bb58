"""Snapshots of the programme settings screen (key 0) and its RAG scale form, at 80x24.

Update with `pytest tests/tui/test_snapshots_settings.py --snapshot-update` after a deliberate change.
"""

from t2025tui.tui.app import T2025App
from tests.tui.conftest import no_blink, settle


def _then(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        no_blink(pilot.app)
        await pilot.pause()

    return run_before


def test_snapshot_settings_80x24(snap_compare, store):
    assert snap_compare(T2025App(store, poll_seconds=0), terminal_size=(80, 24), run_before=_then("0"))


def test_snapshot_settings_rag_scale_form_80x24(snap_compare, store):
    app = T2025App(store, poll_seconds=0)
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_then("0", "j", "j", "j", "j", "e", "right", "space")
    )
