"""Migration 005 (the governance logs): a file at schema version 4 keeps every record and gains
empty logs; a dump made before the logs existed still loads."""

import json
import sqlite3

from t2025tui.core import migrations as mig
from t2025tui.core.dump import dump_json, load_data, parse_json
from t2025tui.core.search_index import is_index_table
from t2025tui.core.store import open_store
from tests.old_files import make_old_file

LOGS = ("issue", "action", "milestone_dependency", "lesson")


def _version_4_file(path):
    make_old_file(path, 2)
    conn = sqlite3.connect(path)
    try:
        for migration in mig.bundled_migrations():
            if migration.number in (3, 4):
                mig.apply_migration(conn, migration)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    finally:
        conn.close()
    return path


def _every_table(conn) -> dict[str, list]:
    tables = [
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


def test_version_4_file_keeps_every_record_and_gains_empty_logs(tmp_path):
    path = _version_4_file(tmp_path / "v4.db")
    conn = sqlite3.connect(path)
    before = _every_table(conn)
    conn.close()
    assert before["milestone"] and before["decision"] and before["change_log"]

    store = open_store(path)
    try:
        assert store.scalar("PRAGMA user_version") == mig.latest_version()
        after = _every_table(store.conn)
        for table, rows in before.items():
            if table != "workstream_figures":  # a cache of counts, refilled when the file is opened
                assert after[table] == rows, table
        for table in LOGS:
            assert after[table] == [], table
    finally:
        store.close()


def test_dump_without_the_log_sections_loads_with_empty_logs(store, tmp_path):
    raw = json.loads(dump_json(store))
    assert raw["lessons"] and raw["issues"]  # the embedded data holds the report's lesson and issues
    for section in ("issues", "actions", "milestone_dependencies", "lessons"):
        del raw[section]
    loaded = load_data(parse_json(json.dumps(raw)), tmp_path / "loaded.db")
    try:
        assert all(loaded.scalar(f"SELECT COUNT(*) FROM {table}") == 0 for table in LOGS)
        assert loaded.scalar("SELECT COUNT(*) FROM milestone") == store.scalar(
            "SELECT COUNT(*) FROM milestone"
        )
    finally:
        loaded.close()


def test_logs_round_trip_through_dump_and_load(store, tmp_path):
    loaded = load_data(parse_json(dump_json(store)), tmp_path / "again.db")
    try:
        for table in ("issue", "lesson"):
            assert loaded.query(f"SELECT * FROM {table} ORDER BY id") == store.query(
                f"SELECT * FROM {table} ORDER BY id"
            )
    finally:
        loaded.close()
