"""Migration 006 (indexes on who made each change): a file at schema version 5 keeps every record,
is backed up first, and undo by name then finds a person's latest change through the index."""

import sqlite3

from t2025tui.core import migrations as mig
from t2025tui.core.search_index import is_index_table
from t2025tui.core.services.undo import Mine, undo
from t2025tui.core.store import backup_dir, integrity_report, open_store
from tests.old_files import make_old_file


def _version_5_file(path):
    path.parent.mkdir(mode=0o700, exist_ok=True)
    make_old_file(path, 2)
    conn = sqlite3.connect(path)
    try:
        for migration in mig.bundled_migrations():
            if migration.number in (3, 4, 5):
                mig.apply_migration(conn, migration)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    finally:
        conn.close()
    return path


def _every_table(conn, tables=None) -> dict[str, list]:
    """Every row of each table (by default every table there is; later migrations may add
    tables of their own, such as the search index, which are not records)."""
    tables = tables or [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in tables
        if not is_index_table(table)  # the search index (schema 7) holds no records
    }


def test_version_5_file_keeps_every_record_and_undo_by_name_works_after(tmp_path):
    path = _version_5_file(tmp_path / "data" / "v5.db")
    conn = sqlite3.connect(path)
    before = _every_table(conn)
    conn.close()
    assert before["change_batch"] and before["change_log"] and before["milestone"]

    store = open_store(path)
    try:
        assert store.scalar("PRAGMA user_version") == mig.latest_version() >= 6
        after = _every_table(store.conn, list(before))
        for table, rows in before.items():
            if table != "workstream_figures":  # a cache of counts, refilled when the file is opened
                assert after[table] == rows, table
        assert integrity_report(store) == []
        # The old file's one edit (Control Room to Red) was migration 003's "unknown": undo it by name.
        assert undo(store, Mine(who="unknown")).startswith("Undo: ")
        assert store.scalar("SELECT rag FROM workstream WHERE code = 'CR'") == "Amber"
        plan = " ".join(
            str(row[-1])
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT u.batch_id FROM undo_stack u JOIN change_batch b ON b.id = u.batch_id"
                " WHERE u.undone = 0 AND b.who = ? ORDER BY b.id DESC LIMIT 1",
                ("unknown",),
            )
        )
        assert "change_batch_who" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        store.close()
    assert list(backup_dir(path).glob("*-before-v6-*.db")), "no backup before migration 6"


def test_migration_006_run_twice_is_harmless(tmp_path):
    path = _version_5_file(tmp_path / "data" / "v5.db")
    six = next(m for m in mig.bundled_migrations() if m.number == 6)
    conn = sqlite3.connect(path)
    try:
        mig.apply_migration(conn, six)
        conn.executescript(f"BEGIN IMMEDIATE; {six.sql}\n; COMMIT;")
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"change_batch_who", "change_batch_who_action"} <= names
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    finally:
        conn.close()
