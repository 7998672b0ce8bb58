"""ctrl+z in the app undoes this window's own changes only, never an outside connection's."""

import pytest

from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store
from t2025tui.tui.app import T2025App
from tests.tui.conftest import SIZE, notifications, settle, workstream


@pytest.fixture
def other_window(seeded_db_path):
    """A second connection to the same file, as another t2025 window would have."""
    second = open_store(seeded_db_path)
    yield second
    second.close()


async def test_ctrl_z_takes_this_windows_change_and_leaves_the_other_windows(store, other_window):
    app = T2025App(store, poll_seconds=0)
    fcr_rag = workstream(store, "FCR")["rag"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "g", "enter")  # this window: FCR Amber -> Green
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"
        rm = workstream(other_window, "RM")  # then another window edits a commentary
        set_commentary(other_window, rm["id"], "Edited in the other window", expected_version=rm["version"])
        app.check_for_outside_changes()
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1].startswith("Undo: Set RAG of Force Control Room to Green")
        assert workstream(store, "FCR")["rag"] == fcr_rag
        assert workstream(store, "RM")["commentary"] == "Edited in the other window"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1] == "Nothing of this window's to undo."
        assert workstream(store, "RM")["commentary"] == "Edited in the other window"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert notifications(app)[-1].startswith("Redo: Set RAG")
        assert workstream(store, "FCR")["rag"] == "Green"
