"""Item 4: a backup exists before any migration; a failed migration leaves the previous
version intact, and a rerun succeeds.

Migrations are injected through `open_store(path, migrations=[...])`: the bundled list plus
a test migration numbered after them that succeeds, fails half-way, or is interrupted by kill -9.
"""

import os
import signal
import sqlite3
import subprocess
import time

import pytest

from t2025tui.core import migrations as mig
from t2025tui.core.errors import StoreError
from t2025tui.core.store import backup_dir, open_store
from tests.reliability.conftest import PYTHON, file_mode, run_t2025

NEXT = mig.latest_version() + 1  # the test migration comes after every bundled one
GOOD = mig.Migration(
    NEXT,
    "999_reliability_test.sql",
    "CREATE TABLE board_pack (id INTEGER PRIMARY KEY, title TEXT NOT NULL) STRICT;\n"
    "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\n"
    "UPDATE note SET pinned = 0;",
)
# Fails after it has already created a table and altered another: all of it must be undone.
BAD = mig.Migration(
    NEXT,
    "999_reliability_test.sql",
    "CREATE TABLE board_pack (id INTEGER PRIMARY KEY, title TEXT NOT NULL) STRICT;\n"
    "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\n"
    "INSERT INTO board_pack (title) VALUES (NULL);",
)


def _state(path) -> dict:
    """Schema version, the table list and every workstream row, read without t2025."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "tables": sorted(
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ),
            "note_columns": [r[1] for r in conn.execute("PRAGMA table_info(note)")],
            "workstreams": conn.execute("SELECT * FROM workstream ORDER BY id").fetchall(),
            "log_rows": conn.execute("SELECT count(*) FROM change_log").fetchone()[0],
        }
    finally:
        conn.close()


def test_backup_is_taken_before_migrating_and_holds_the_old_version(seeded_db_path):
    before = _state(seeded_db_path)
    store = open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), GOOD])
    store.close()
    after = _state(seeded_db_path)
    assert (
        after["user_version"] == NEXT
        and "board_pack" in after["tables"]
        and "pinned" in after["note_columns"]
    )

    backups = list(backup_dir(seeded_db_path).glob(f"*-before-v{NEXT}-*.db"))
    assert len(backups) == 1, "no backup (or several) taken before the migration"
    assert _state(backups[0]) == before, "the backup is not the database as it was before migrating"
    assert file_mode(backups[0]) == 0o600 and file_mode(backups[0].parent) == 0o700


def test_failed_migration_leaves_previous_version_intact_and_rerun_succeeds(seeded_db_path):
    before = _state(seeded_db_path)
    with pytest.raises(StoreError, match="999_reliability_test.sql failed.*previous version"):
        open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), BAD])
    assert _state(seeded_db_path) == before, "a failed migration changed the database"
    check = run_t2025("--db", seeded_db_path, "check")
    assert check.returncode == 0, check.stdout + check.stderr  # still a sound version-1 database

    store = open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), GOOD])
    store.close()
    assert _state(seeded_db_path)["user_version"] == NEXT


def test_migration_is_not_attempted_when_the_backup_cannot_be_written(seeded_db_path):
    before = _state(seeded_db_path)
    folder = backup_dir(seeded_db_path)
    folder.write_text("a file where the backups folder should be")
    with pytest.raises(StoreError):
        open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), GOOD])
    assert _state(seeded_db_path) == before, "migrated without a backup"


SLOW_MIGRATION = r"""
import sys
from t2025tui.core import migrations as mig
from t2025tui.core.store import open_store
# A recursive CTE that takes seconds, after DDL has already run: a wide window for the kill.
slow = mig.Migration(mig.latest_version() + 1, "999_slow.sql",
    "CREATE TABLE board_pack (id INTEGER PRIMARY KEY, title TEXT) STRICT;\n"
    "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\n"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) "
    "INSERT INTO board_pack (title) SELECT NULL FROM n WHERE i % 10000000 = 0;")
print("OPENING", flush=True)
open_store(sys.argv[1], migrations=[*mig.bundled_migrations(), slow])
print("MIGRATED", flush=True)
"""


def test_kill_9_during_migration_leaves_previous_version_intact(seeded_db_path):
    before = _state(seeded_db_path)
    child = subprocess.Popen(
        [PYTHON, "-c", SLOW_MIGRATION, str(seeded_db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "OPENING"
    # Wait until the backup is written: the migration transaction has then started.
    deadline = time.monotonic() + 30
    while not list(backup_dir(seeded_db_path).glob(f"*-before-v{NEXT}-*.db")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    assert child.poll() is None, "the migration finished before it could be interrupted"
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)

    assert _state(seeded_db_path) == before
    check = run_t2025("--db", seeded_db_path, "check")
    assert check.returncode == 0 and check.stdout.rstrip().endswith("OK"), check.stdout + check.stderr
    store = open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), GOOD])
    store.close()
    assert _state(seeded_db_path)["user_version"] == NEXT
