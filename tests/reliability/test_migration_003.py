"""Migration 003 (the plan's settings, key messages, decisions, milestone refs, who): a file at
schema version 2 keeps every record, and every milestone gets a stable, unique ref."""

import sqlite3

import pytest

from t2025tui.core import migrations as mig
from t2025tui.core.dump import dump_data
from t2025tui.core.queries.settings import programme_settings
from t2025tui.core.store import backup_dir, integrity_report, open_store
from tests.old_files import make_old_file
from tests.reliability.conftest import run_t2025


@pytest.fixture
def version_2_path(tmp_path):
    path = tmp_path / "data" / "v2.db"
    path.parent.mkdir(mode=0o700)
    make_old_file(path, 2)
    return path


def _rows(path, sql):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_version_2_file_keeps_every_record_and_gets_refs(version_2_path):
    untouched = {
        table: _rows(version_2_path, f"SELECT * FROM {table} ORDER BY id")
        for table in ("objective", "workstream", "project", "baseline_history", "board_meeting", "change_log")
    }
    milestones_before = _rows(version_2_path, "SELECT * FROM milestone ORDER BY id")

    store = open_store(version_2_path)
    try:
        assert store.scalar("PRAGMA user_version") == mig.latest_version()
        for table, rows in untouched.items():
            assert store.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() == rows, table
        # Every milestone column kept, with a ref added: per workstream, in the order they were made.
        after = store.conn.execute("SELECT * FROM milestone ORDER BY id").fetchall()
        assert [row[:-1] for row in after] == milestones_before
        assert [row[-1] for row in after] == ["DP-M01", "CR-M01", "DP-M02", "DP-M03"]

        settings = programme_settings(store)
        assert settings.key_message_texts == ["First message", "Second message", "Third"]
        assert (settings.band_amber_min, settings.band_red_min) == (6, 16)
        assert settings.marking == "OFFICIAL" and settings.default_tolerance_days == 14
        assert settings.status_date is not None and settings.status_date.isoformat() == "2022-03-15"

        decisions = store.query(
            "SELECT id, board_meeting_id, title, outcome, notes FROM decision ORDER BY id"
        )
        assert decisions == [
            {"id": 1, "board_meeting_id": 1, "title": "Approve the plan", "outcome": None, "notes": "n1"},
            {"id": 2, "board_meeting_id": 1, "title": "Fund the devices", "outcome": "Agreed", "notes": ""},
            {
                "id": 3,
                "board_meeting_id": None,
                "title": "Close the old room",
                "outcome": "Rejected",
                "notes": "",
            },
        ]
        assert [r["who"] for r in store.query("SELECT who FROM change_batch ORDER BY id")][:2] == [
            "The source report",
            "unknown",
        ]
        assert integrity_report(store) == []
        dump_data(store)  # every row still passes its model
    finally:
        store.close()
    assert list(backup_dir(version_2_path).glob("*-before-v3-*.db")), "no backup before migration 3"


def test_after_migration_new_milestones_get_the_next_ref_and_refs_stay_unique(version_2_path):
    store = open_store(version_2_path)
    try:
        store.conn.execute(
            "INSERT INTO milestone (workstream_id, title) VALUES (1, 'Imported without a ref')"
        )
        assert store.scalar("SELECT ref FROM milestone WHERE title = 'Imported without a ref'") == "DP-M04"
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("UPDATE milestone SET ref = 'DP-M01' WHERE id = 2")
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("UPDATE milestone SET ref = NULL WHERE id = 2")
    finally:
        store.close()


def test_a_process_that_finds_the_file_migrated_under_it_opens_it_unchanged(version_2_path):
    """Two processes opening one version-2 file may both decide to migrate it: the second runs 003
    after the first committed it, and must neither fail nor change anything."""
    open_store(version_2_path).close()
    before = _rows(version_2_path, "SELECT * FROM key_message ORDER BY id")
    conn = sqlite3.connect(version_2_path, isolation_level=None)
    try:
        for migration in mig.bundled_migrations():
            if migration.number >= 3:
                mig.apply_migration(conn, migration)  # as the late process would, from version 2
    finally:
        conn.close()
    assert _rows(version_2_path, "SELECT * FROM key_message ORDER BY id") == before
    check = run_t2025("--db", version_2_path, "check")
    assert check.returncode == 0, check.stdout + check.stderr
