"""The store refuses what is not a t2025 database, untouched, and keeps files private."""

import os
import sqlite3
import stat

import pytest

from t2025tui.core import migrations as mig
from t2025tui.core.errors import StoreError
from t2025tui.core.paths import default_db_path, resolve_db_path
from t2025tui.core.store import backup, create_store, open_store, schema_version


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def refused_untouched(path, message):
    before = path.read_bytes()
    with pytest.raises(StoreError, match=message):
        open_store(path)
    assert path.read_bytes() == before
    assert not (path.parent / f"{path.name}-wal").exists()


def test_new_database_and_wal_files_are_private_under_a_permissive_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "new" / "deeper" / "t2025.db"
        store = create_store(path)
        with store.write() as conn:
            conn.execute("INSERT INTO programme (id, name) VALUES (1, 'P')")
        assert mode(path) == 0o600
        assert mode(f"{path}-wal") == 0o600 and mode(f"{path}-shm") == 0o600
        assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
        copy = backup(store, tmp_path / "new" / "backups" / "copy.db")
        assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
        store.close()
    finally:
        os.umask(old)


def test_pragmas_are_set_for_durability(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 1000
    assert store.scalar("PRAGMA application_id") == mig.APPLICATION_ID
    assert schema_version(store) == mig.latest_version()


def test_random_bytes_refused_untouched(tmp_path):
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(4096))
    refused_untouched(path, "not an SQLite file")


def test_empty_file_refused_untouched(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    refused_untouched(path, "empty")


def test_truncated_database_refused_untouched(seeded_db_path, tmp_path):
    data = seeded_db_path.read_bytes()
    path = tmp_path / "truncated.db"
    path.write_bytes(data[: len(data) // 3])
    refused_untouched(path, "damaged|truncated")


def test_another_applications_sqlite_file_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    refused_untouched(path, "another application")


def test_database_from_a_newer_version_refused_untouched(seeded_db_path):
    conn = sqlite3.connect(seeded_db_path)
    conn.execute(f"PRAGMA user_version = {mig.latest_version() + 1}")
    conn.commit()
    conn.close()
    refused_untouched(seeded_db_path, "newer version of t2025")


def test_missing_file_is_not_created(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(StoreError, match="t2025 init --db"):
        open_store(path)
    assert not path.exists()


def test_failed_migration_leaves_previous_version_intact_with_a_backup(seeded_db_path):
    bundled = mig.bundled_migrations()
    broken = mig.Migration(
        bundled[-1].number + 1,
        "999_broken.sql",
        "ALTER TABLE risk ADD COLUMN extra TEXT; INSERT INTO nowhere VALUES (1);",
    )
    with pytest.raises(StoreError, match="left unchanged"):
        open_store(seeded_db_path, migrations=[*bundled, broken])
    store = open_store(seeded_db_path)
    try:
        assert schema_version(store) == bundled[-1].number
        columns = [r["name"] for r in store.query("PRAGMA table_info(risk)")]
        assert "extra" not in columns
        assert store.scalar("SELECT COUNT(*) FROM workstream") == 5
    finally:
        store.close()
    backups = list((seeded_db_path.parent / "backups").glob("*-before-v*.db"))
    assert len(backups) == 1 and mode(backups[0]) == 0o600
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT COUNT(*) FROM workstream").fetchone()[0] == 5
    copy.close()


def test_successful_migration_is_applied_after_a_backup(seeded_db_path):
    bundled = mig.bundled_migrations()
    extra = mig.Migration(
        bundled[-1].number + 1, "999_extra.sql", "CREATE TABLE extra (id INTEGER PRIMARY KEY);"
    )
    store = open_store(seeded_db_path, migrations=[*bundled, extra])
    try:
        assert schema_version(store) == extra.number
    finally:
        store.close()
    assert list((seeded_db_path.parent / "backups").glob("*-before-v*.db"))


def test_default_location_and_overrides(tmp_path, monkeypatch, isolated_user_dirs):
    monkeypatch.delenv("T2025_DB")
    assert resolve_db_path(None) == default_db_path()
    assert str(default_db_path()).startswith(str(isolated_user_dirs))
    assert default_db_path().name == "t2025.db" and default_db_path().parent.name == "t2025tui"
    monkeypatch.setenv("T2025_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"


def test_migrations_are_found_when_run_from_a_source_checkout(tmp_path):
    """`python3 -m t2025tui` in the repository imports the source tree, which has no
    `t2025tui.schema` package; the top-level schema/ folder must be used instead."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['t2025tui.schema'] = None\n"
        "from t2025tui.cli import main\n"
        f"raise SystemExit(main(['init', '--db', {str(tmp_path / 'src.db')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Created the T2025 programme" in result.stdout
