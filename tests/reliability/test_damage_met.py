"""Opening without a full scan (issue 20, item 1), held rule by rule.

Opening reads the header, the application id and the schema version only; the full
`quick_check` runs in `t2025 check`, before `backup`, before a migration, on a file `load` or
`init` just made, and after an unclean shutdown. Anywhere else SQLite reports a damaged page when
a read meets it, and that becomes one "damaged ... restore from a backup" line (the app: a
notice), after which nothing more is written.
"""

import sqlite3
import subprocess
import sys

import pytest

from t2025tui.core.errors import DatabaseDamagedError, StoreError
from t2025tui.core.store import open_store
from tests.reliability.conftest import assert_clean_failure, digest, folder_listing, run_t2025


def damage_table(path, table: str) -> None:
    """Overwrite the root page of `table` with bytes no b-tree page can hold."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


def leave_log_behind(path) -> None:
    """What a t2025 killed mid-session leaves: a write-ahead log with content beside the file."""
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE workstream SET commentary = commentary || '.' WHERE id = 1\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


@pytest.fixture
def damaged_notes(seeded_copy):
    """A file whose `note` table (which no summary or dashboard reads) is damaged."""
    path = seeded_copy()
    damage_table(path, "note")
    return path


def test_a_read_command_does_not_scan_the_whole_file(damaged_notes):
    before = folder_listing(damaged_notes.parent)
    result = run_t2025("--db", damaged_notes, "summary")
    assert result.returncode == 0, result.stderr  # the damaged page was never read
    assert "Force Control Room" in result.stdout
    assert folder_listing(damaged_notes.parent) == before


@pytest.mark.parametrize("command", [("check",), ("backup",)])
def test_check_and_backup_read_every_page_first(command, damaged_notes):
    result = run_t2025("--db", damaged_notes, *command)
    assert_clean_failure(result, expect="damaged")
    assert "backup" in result.stderr
    assert not (damaged_notes.parent / "backups").exists() or not any(
        (damaged_notes.parent / "backups").iterdir()
    )


def test_after_an_unclean_shutdown_the_whole_file_is_checked(damaged_notes):
    leave_log_behind(damaged_notes)
    result = run_t2025("--db", damaged_notes, "summary")
    assert_clean_failure(result, expect="damaged")


def test_a_migration_reads_every_page_first(seeded_copy):
    from t2025tui.core import migrations as mig

    path = seeded_copy()
    damage_table(path, "note")
    before = digest(path)
    older = [m for m in mig.bundled_migrations() if m.number < mig.latest_version()]
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {older[-1].number}")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseDamagedError, match="not upgraded"):
        open_store(path)
    assert digest(path) == before


@pytest.mark.parametrize(("command", "table"), [(("summary",), "workstream"), (("history",), "change_log")])
def test_a_damaged_page_met_by_a_read_command_is_one_clear_line(command, table, seeded_copy):
    path = seeded_copy()
    damage_table(path, table)
    before = folder_listing(path.parent)
    result = run_t2025("--db", path, *command)
    line = assert_clean_failure(result, expect="is damaged")
    assert "restore it from a backup" in line
    assert folder_listing(path.parent) == before


def test_a_damaged_page_met_by_an_export_is_one_clear_line_and_no_pack(seeded_copy, tmp_path):
    path = seeded_copy()
    damage_table(path, "risk")
    pack = tmp_path / "pack.xlsx"
    result = run_t2025("--db", path, "export", "--out", pack)
    assert_clean_failure(result, expect="damaged")
    assert not pack.exists()
    assert not list(tmp_path.glob(".pack.xlsx.*"))


def test_a_damaged_page_met_by_an_as_of_export_is_one_clear_line(seeded_copy, tmp_path):
    path = seeded_copy()
    damage_table(path, "risk")
    result = run_t2025("--db", path, "export", "--out", tmp_path / "pack.xlsx", "--as-of", "2022-03-15")
    assert_clean_failure(result, expect="damaged")


def test_once_damage_is_met_the_store_refuses_every_write(seeded_copy):
    from t2025tui.core.services.workstreams import set_commentary

    path = seeded_copy()
    damage_table(path, "risk")
    store = open_store(path)
    try:
        row = store.query_one("SELECT id, version FROM workstream ORDER BY id LIMIT 1")
        with pytest.raises(DatabaseDamagedError):
            store.query("SELECT * FROM risk")
        with pytest.raises(StoreError, match="damaged.*Nothing more will be saved"):
            set_commentary(store, row["id"], "after damage", expected_version=row["version"])
    finally:
        store.close()


def test_damage_met_by_an_export_snapshot_stops_the_stores_writes(seeded_copy):
    from t2025tui.core.timetravel import snapshot_store

    path = seeded_copy()
    damage_table(path, "risk")
    store = open_store(path)
    try:
        snapshot = snapshot_store(store)
        try:
            with pytest.raises(DatabaseDamagedError, match=str(path.name)):
                snapshot.query("SELECT * FROM risk")
        finally:
            snapshot.close()
        assert store.refuse_writes and "damaged" in store.refuse_writes
    finally:
        store.close()


async def test_a_damaged_page_met_by_the_app_is_shown_and_saving_refused(seeded_copy):
    from t2025tui.core.services.workstreams import set_commentary
    from t2025tui.tui.app import T2025App
    from tests.tui.conftest import SIZE, notifications

    async def settle(pilot):  # not the tui suite's: that one waits for a first screen that never comes
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    path = seeded_copy()
    damage_table(path, "workstream")
    store = open_store(path, check=False)  # as run_app opens it
    try:
        app = T2025App(store, poll_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            shown = notifications(app)
            assert any("damaged" in message and "restore it from a backup" in message for message in shown), (
                shown
            )
            app.save(lambda: set_commentary(store, 1, "lost?", expected_version=1))
            await settle(pilot)
            assert any(
                message.startswith("Not saved") and "damaged" in message for message in notifications(app)
            )
        assert "lost?" not in path.read_bytes().decode("latin-1")
    finally:
        store.close()
