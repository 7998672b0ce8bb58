"""A large file is integrity-checked after the first screen; if damaged, nothing more is saved."""

from t2025tui.core.services import workstreams
from t2025tui.core.store import check_file_integrity
from t2025tui.tui.app import WARM_UP_DELAY, T2025App
from tests.tui.conftest import SIZE, settle


def test_a_sound_file_passes_the_check(seeded_db_path):
    assert check_file_integrity(seeded_db_path) is None


async def test_damage_found_after_start_is_reported_and_blocks_saving(store, monkeypatch):
    monkeypatch.setattr("t2025tui.tui.app.check_file_integrity", lambda path: f"{path} is damaged (test).")
    app = T2025App(store, poll_seconds=0, check_after_start=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(WARM_UP_DELAY + 0.2)  # the check starts a moment after the first screen
        await settle(pilot)
        assert any("is damaged (test)" in n.message for n in app._notifications)
        row = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
        try:
            workstreams.set_commentary(store, row["id"], "after damage", expected_version=row["version"])
        except Exception as exc:  # noqa: BLE001 - the message is what the user sees
            assert "is damaged (test)" in str(exc)
        else:
            raise AssertionError("a write to a damaged file must be refused")
    assert (
        store.query_one("SELECT commentary FROM workstream WHERE code = 'FCR'")["commentary"]
        == row["commentary"]
    )


async def test_a_small_file_is_not_checked_again_after_start(store, monkeypatch):
    calls = []
    monkeypatch.setattr("t2025tui.tui.app.check_file_integrity", lambda path: calls.append(path))
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(WARM_UP_DELAY + 0.2)
        await settle(pilot)
    assert calls == []
