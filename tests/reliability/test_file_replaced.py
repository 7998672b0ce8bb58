"""The database file replaced, removed or moved under a running app or a long command: the store
notices (device and inode against what it opened, checked by the data_version poll and before
each write), refuses every save with one message saying what happened and to reopen, and the
file now at the path is never written."""

import os
import shutil

import pytest

from t2025tui.core.errors import DatabaseReplacedError
from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store
from tests.reliability.conftest import digest


def _moved_over(path, other):
    os.replace(other, path)  # `mv other.db t2025.db`


def _removed(path, other):
    path.unlink()


def _moved_away(path, other):
    path.rename(path.with_name("moved-away.db"))


def _copy_of_itself_moved_in(path, other):
    """Same bytes, another file: a restore made by copying the file and moving the copy in."""
    shutil.copy(path, other)
    os.replace(other, path)


def _log_removed(path, other):
    path.with_name(path.name + "-wal").unlink()


def _copied_over(path, other):
    """`cp other.db t2025.db`: the same inode, other bytes."""
    shutil.copyfile(other, path)


REPLACEMENTS = {
    "moved-over": _moved_over,
    "removed": _removed,
    "moved-away": _moved_away,
    "copy-moved-in": _copy_of_itself_moved_in,
    "wal-removed": _log_removed,
    "copied-over": _copied_over,
}
# What each says happened.
SAYS = {"copied-over": "was overwritten"}


@pytest.fixture
def opened(seeded_copy, tmp_path):
    path = seeded_copy()
    other = seeded_copy("other.db")
    store = open_store(path, check=False)
    store.data_version()  # the app's first poll
    yield store, path, other
    store.close()


def _save(store, text="lost?"):
    row = store.query_one("SELECT id, version FROM workstream WHERE code = 'FCR'")
    set_commentary(store, row["id"], text, expected_version=row["version"])


def test_the_same_file_keeps_saving(opened):
    store, path, _ = opened
    _save(store, "saved")
    assert store.data_version() is not None


@pytest.mark.parametrize("kind", list(REPLACEMENTS))
def test_a_replaced_file_is_noticed_by_the_poll_and_every_save_refused(kind, opened):
    store, path, other = opened
    REPLACEMENTS[kind](path, other)
    after = digest(path) if path.exists() else None
    with pytest.raises(DatabaseReplacedError, match="Reopen") as raised:
        store.data_version()
    assert "while t2025 had it open" in str(raised.value)
    assert SAYS.get(kind, "") in str(raised.value)
    with pytest.raises(DatabaseReplacedError):
        _save(store)
    assert (digest(path) if path.exists() else None) == after


@pytest.mark.parametrize("kind", list(REPLACEMENTS))
def test_a_save_without_a_poll_first_is_refused_too(kind, opened):
    store, path, other = opened
    REPLACEMENTS[kind](path, other)
    after = digest(path) if path.exists() else None
    with pytest.raises(DatabaseReplacedError):
        _save(store)
    assert (digest(path) if path.exists() else None) == after


@pytest.mark.parametrize("kind", ["moved-over", "removed", "copy-moved-in", "copied-over"])
def test_a_long_import_notices_the_file_replaced_before_it_writes(kind, opened, tmp_path):
    from t2025tui.core.importers.apply import apply_preview
    from t2025tui.core.importers.risk_log import preview_risks
    from tests.importers.builders import messy_risk_log

    store, path, other = opened
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx", invalid_row=False))
    assert preview.to_write
    REPLACEMENTS[kind](path, other)
    after = digest(path) if path.exists() else None
    with pytest.raises(DatabaseReplacedError):
        apply_preview(store, preview)
    assert (digest(path) if path.exists() else None) == after


def test_a_file_replaced_inside_a_write_is_rolled_back(opened):
    store, path, other = opened
    with pytest.raises(DatabaseReplacedError), store.write() as conn:
        conn.execute("UPDATE workstream SET commentary = 'half' WHERE code = 'FCR'")
        _moved_over(path, other)
    assert "half" not in path.read_bytes().decode("latin-1")


async def test_the_app_shows_the_message_and_refuses_to_save(opened):
    from t2025tui.tui.app import T2025App
    from tests.tui.conftest import SIZE, notifications, settle

    store, path, other = opened
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _moved_over(path, other)
        after = digest(path)
        app.check_for_outside_changes()  # the poll's tick
        await pilot.pause()
        shown = notifications(app)
        assert sum("was replaced by another file" in m and "Reopen" in m for m in shown) == 1, shown
        app.check_for_outside_changes()
        await pilot.pause()
        assert sum("was replaced by another file" in m for m in notifications(app)) == 1
        app.save(lambda: _save(store), success="Note added")
        await settle(pilot)
        shown = notifications(app)
        assert "Note added" not in shown
        assert any(m.startswith("Not saved") and "Reopen" in m for m in shown), shown
        assert app.is_running
    assert digest(path) == after


def _app_save(store, text):
    """A save as the app makes it: the commit, then its own checkpoint once it is drawn."""
    _save(store, text)
    store.checkpoint()


def test_a_backup_of_the_file_copied_back_over_it_is_noticed(opened):
    """The restore the issue saw go wrong: `cp` of an earlier copy of this very file."""
    store, path, other = opened
    store.checkpoint_when_told()
    _app_save(store, "before the backup")
    shutil.copyfile(path, other)
    _app_save(store, "after the backup")
    store.data_version()
    shutil.copyfile(other, path)
    after = digest(path)
    with pytest.raises(DatabaseReplacedError, match="was overwritten"):
        store.data_version()
    with pytest.raises(DatabaseReplacedError):
        _app_save(store, "lost?")
    assert digest(path) == after


def test_own_saves_and_checkpoints_are_not_taken_for_a_copy(opened):
    store, path, _ = opened
    store.checkpoint_when_told()
    for n in range(40):
        _save(store, f"save {n}")
        store.data_version()
        if n % 3 == 0:
            store.checkpoint()
        store.data_version()
    store.close()
    again = open_store(path, check=False)
    assert again.scalar("SELECT commentary FROM workstream WHERE code = 'FCR'") == "save 39"
    again.close()


WINDOW = """
import sys
from t2025tui.core.store import open_store
from t2025tui.core.services.workstreams import set_commentary
store = open_store(sys.argv[1], check=False)
store.checkpoint_when_told()
for n in range(int(sys.argv[2])):
    row = store.query_one("SELECT id, version FROM workstream WHERE code = 'IOM'")
    set_commentary(store, row["id"], f"other window {n}", expected_version=row["version"])
    store.checkpoint()  # what the app does after each save: it writes the main file
store.close()
"""


def test_another_windows_saves_and_checkpoints_are_not_taken_for_a_copy(opened):
    """Another app on the same file commits and checkpoints (writing the main file) while this
    one polls as fast as it can: every interleaving of poll, commit and checkpoint is met."""
    import subprocess
    import sys

    store, path, _ = opened
    child = subprocess.Popen([sys.executable, "-c", WINDOW, str(path), "60"], stderr=subprocess.PIPE)
    polls = 0
    while child.poll() is None:
        store.data_version()
        polls += 1
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    store.data_version()
    _save(store, "still mine")
    assert polls > 60
    assert store.scalar("SELECT commentary FROM workstream WHERE code = 'IOM'") == "other window 59"


def test_cli_writes_and_a_backup_beside_the_app_are_not_taken_for_a_copy(opened, tmp_path):
    from tests.reliability.conftest import run_t2025

    store, path, _ = opened
    for n in range(3):
        result = run_t2025("--db", path, "set", "workstream", "IOM", "--commentary", f"cli {n}")
        assert result.returncode == 0, result.stderr
        store.data_version()
    assert run_t2025("--db", path, "backup", "--out", tmp_path / "b.db").returncode == 0
    store.data_version()
    _save(store, "still mine")


async def test_the_app_notices_a_copy_over_the_file_after_another_window_saved(opened):
    """Another process's commit leaves the log not copied; the app's poll copies it in, so the
    copy over the file that follows is noticed, and the save after it is refused."""
    from t2025tui.tui.app import T2025App
    from tests.reliability.conftest import run_t2025
    from tests.tui.conftest import SIZE, notifications, settle

    store, path, other = opened
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        result = run_t2025("--db", path, "set", "workstream", "IOM", "--commentary", "from the CLI")
        assert result.returncode == 0, result.stderr
        app.check_for_outside_changes()
        await settle(pilot)
        assert not any("overwritten" in m for m in notifications(app))
        shutil.copyfile(other, path)
        after = digest(path)
        app.check_for_outside_changes()
        await pilot.pause()
        assert any("was overwritten" in m for m in notifications(app)), notifications(app)
        app.save(lambda: _save(store), success="Note added")
        await settle(pilot)
        assert "Note added" not in notifications(app)
    assert digest(path) == after
