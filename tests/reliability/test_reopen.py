"""Reopening the database file after it was moved, replaced or copied over under the app.

The app says what happened and offers to reopen the path (a yes/no dialog); reopening makes the
checks of a first open (a foreign or damaged file is refused the same way, and saves stay
refused), and every screen then shows the file now at the path, where the next save lands. A
save refused on the way keeps its draft: the form opens again after the answer.
"""

import os
import shutil

import pytest

from t2025tui.core.changes import written_by
from t2025tui.core.errors import DatabaseReplacedError, T2025Error
from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store
from t2025tui.tui.modals.confirm import ConfirmModal
from tests.reliability.conftest import digest


def _rename_workstream(path, code, name):
    store = open_store(path, check=False)
    try:
        with store.write() as conn:
            conn.execute("UPDATE workstream SET name = ? WHERE code = ?", (name, code))
    finally:
        store.close()


def _moved_over(path, other):
    os.replace(other, path)


def _copied_over(path, other):
    shutil.copyfile(other, path)


HOW = {"moved-over": _moved_over, "copied-over": _copied_over}


@pytest.fixture
def files(seeded_copy):
    path = seeded_copy()
    other = seeded_copy("other.db")
    _rename_workstream(other, "FCR", "Control Room (other file)")
    return path, other


def _names_shown(app) -> list[str]:
    from textual.widgets import DataTable

    table = app.screen.query_one("#workstreams", DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)]


def _notes(path) -> list[str]:
    store = open_store(path, check=False)
    try:
        return [row["text"] for row in store.query("SELECT text FROM note ORDER BY id")]
    finally:
        store.close()


async def _run(store):
    from t2025tui.tui.app import T2025App

    return T2025App(store, poll_seconds=0)


@pytest.mark.parametrize("how", list(HOW))
async def test_the_app_offers_to_reopen_and_then_shows_and_saves_to_the_new_file(how, files):
    from tests.tui.conftest import SIZE, notifications, settle, type_text

    path, other = files
    store = open_store(path, check=False)
    app = await _run(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any("other file" in row for row in _names_shown(app))
        HOW[how](path, other)
        app.check_for_outside_changes()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal), notifications(app)
        assert "while t2025 had it open" in app.screen.intro_text
        await pilot.press("y")
        await settle(pilot)
        assert any("Reopened" in m for m in notifications(app))
        assert any("Control Room (other" in row for row in _names_shown(app))
        await pilot.press("n")
        await type_text(pilot, "After the restore")
        await pilot.press("enter")
        await settle(pilot)
        assert any(m.startswith("Note added") for m in notifications(app)), notifications(app)
        app.check_for_outside_changes()  # no second alarm about the reopened file
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
    store.close()
    assert _notes(path)[-1] == "After the restore"
    check = open_store(path, check=False)
    assert check.query_one(
        "SELECT * FROM change_log WHERE entity = 'note' AND action = 'create' ORDER BY id DESC LIMIT 1"
    )
    check.close()


async def test_a_draft_refused_because_the_file_was_replaced_comes_back_after_reopening(files):
    from tests.tui.conftest import SIZE, notifications, settle, type_text

    path, other = files
    store = open_store(path, check=False)
    app = await _run(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Typed before the move")
        _moved_over(path, other)
        await pilot.press("enter")  # refused: the file at the path is not the one opened
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal), notifications(app)
        assert "Your last edit was not saved" in app.screen.intro_text
        await pilot.press("y")
        await settle(pilot)
        form = app.screen
        assert form.raw_text("note") == "Typed before the move"
        assert "save it again" in form.errors["note"]
        await pilot.press("enter")
        await settle(pilot)
    store.close()
    assert _notes(path)[-1] == "Typed before the move"


async def test_not_now_keeps_the_draft_and_f5_reopens_later(files):
    from tests.tui.conftest import SIZE, settle, type_text

    path, other = files
    store = open_store(path, check=False)
    app = await _run(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Kept")
        _moved_over(path, other)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")  # not now: the form comes back with the draft all the same
        await settle(pilot)
        assert app.screen.raw_text("note") == "Kept"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert any("Control Room (other" in row for row in _names_shown(app))
    store.close()


async def test_a_foreign_file_at_the_path_is_refused_and_saves_stay_refused(files, tmp_path):
    from tests.tui.conftest import SIZE, notifications, settle

    path, other = files
    foreign = tmp_path / "risks.csv"
    foreign.write_text("ref,title\nR-01,Not a database\n")
    store = open_store(path, check=False)
    app = await _run(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        os.replace(foreign, path)
        after = digest(path)
        app.check_for_outside_changes()
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        shown = notifications(app)
        assert any(m.startswith("Could not reopen") and "F5" in m for m in shown), shown
        app.save(lambda: _commentary(store, "lost?"), success="Commentary saved")
        await settle(pilot)
        assert "Commentary saved" not in notifications(app)
        assert digest(path) == after
        os.replace(other, path)  # a good file put back: F5 reopens it
        await pilot.press("escape")  # the offer made again by the refused save
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert any("Control Room (other" in row for row in _names_shown(app))
        app.save(lambda: _commentary(store, "saved"), success="Commentary saved")
        await settle(pilot)
        assert "Commentary saved" in notifications(app)
    store.close()


def _commentary(store, text):
    row = store.query_one("SELECT id, version FROM workstream WHERE code = 'IOM'")
    set_commentary(store, row["id"], text, expected_version=row["version"])


def test_store_reopen_starts_over_on_the_new_file(files):
    """What a store keeps per file is dropped: its own saves (for undo), the refusal."""
    path, other = files
    store = open_store(path, check=False)
    _commentary(store, "mine")
    assert written_by(store)
    _moved_over(path, other)
    with pytest.raises(DatabaseReplacedError):
        _commentary(store, "lost?")
    kept = store.reopen()
    assert kept is not None and kept.parent.name == "backups"  # the old file's last state, whole
    copy = open_store(kept, check=True)
    assert copy.scalar("SELECT commentary FROM workstream WHERE code = 'IOM'") == "mine"
    copy.close()
    assert not written_by(store)  # the batches saved to the old file are not this file's
    assert store.scalar("SELECT name FROM workstream WHERE code = 'FCR'") == "Control Room (other file)"
    _commentary(store, "in the new file")
    store.close()
    again = open_store(path, check=False)
    assert again.scalar("SELECT commentary FROM workstream WHERE code = 'IOM'") == "in the new file"
    again.close()


def test_store_reopen_refuses_a_damaged_file_and_keeps_refusing(files):
    path, _ = files
    store = open_store(path, check=False)
    store.data_version()
    path.unlink()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = digest(path)
    with pytest.raises(T2025Error):
        store.reopen()
    with pytest.raises(T2025Error, match="Could not reopen"):
        _commentary(store, "lost?")
    assert digest(path) == before
