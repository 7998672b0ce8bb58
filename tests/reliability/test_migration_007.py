"""Migration 007 (search) and the Python step a migration may have: a file at schema 5 or 6
keeps every record and gains an index that finds them; a step runs in the migration's one
transaction, so a step that fails leaves the file at its previous version."""

import sqlite3

import pytest

from t2025tui.core import migrations as mig
from t2025tui.core.dump import dump_json, load_data, parse_json
from t2025tui.core.errors import StoreError
from t2025tui.core.queries.search import search
from t2025tui.core.search_index import INDEXED, is_index_table
from t2025tui.core.store import open_store
from t2025tui.publish.site import read_site
from tests.old_files import make_old_file


def _file_before_search(path):
    """A file as the version before search left it (every migration up to 006 applied)."""
    make_old_file(path, 2)
    conn = sqlite3.connect(path)
    try:
        for migration in mig.bundled_migrations():
            if 2 < migration.number < 7:
                mig.apply_migration(conn, migration)
        assert 5 <= conn.execute("PRAGMA user_version").fetchone()[0] < 7
        assert not [name for (name,) in conn.execute("SELECT name FROM sqlite_master") if "_fts" in name]
    finally:
        conn.close()
    return path


def _records(conn) -> dict[str, list]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if not is_index_table(name) and name != "workstream_figures"  # a cache, refilled on open
    ]
    return {table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}


def test_an_older_file_keeps_every_record_and_its_records_are_found(tmp_path):
    path = _file_before_search(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    before = _records(conn)
    conn.close()

    store = open_store(path)
    try:
        assert store.scalar("PRAGMA user_version") == mig.latest_version()
        assert _records(store.conn) == before
        devices = store.scalar("SELECT id FROM milestone WHERE title = 'Devices issued'")
        assert [(h.kind, h.id) for h in search(store, "devices issued")] == [("milestone", devices)]
        # The old file's one change, to workstream 2, has the reason "Worse".
        assert [(h.kind, h.id, h.found_in) for h in search(store, "worse")] == [
            ("workstream", 2, "change reason, 2022-03-02")
        ]
        for indexed in INDEXED:
            store.conn.execute(
                f"INSERT INTO {indexed.fts}({indexed.fts}, rank) VALUES ('integrity-check', 1)"
            )
    finally:
        store.close()
    assert list((tmp_path / "backups").glob("old-before-v*.db"))  # backed up before migrating


def test_dump_and_load_stay_exact_and_the_loaded_file_is_searchable(store, tmp_path):
    dumped = dump_json(store)
    assert "_fts" not in dumped
    loaded = load_data(parse_json(dumped), tmp_path / "loaded.db")
    try:
        assert dump_json(loaded) == dumped
        title = store.scalar("SELECT title FROM milestone ORDER BY id LIMIT 1")
        assert [h.id for h in search(loaded, title)][:1] == [h.id for h in search(store, title)][:1]
    finally:
        loaded.close()


def test_the_index_is_hidden_from_the_published_site(seeded_db_path):
    tables = read_site(seeded_db_path).metadata["databases"]["t2025"]["tables"]
    index_tables = [name for name in tables if is_index_table(name)]
    assert len(index_tables) >= 4 * len(INDEXED)  # each index and its shadow tables
    assert all(tables[name] == {"hidden": True, "allow": False} for name in index_tables)
    assert "hidden" not in tables["milestone"]


NEXT = mig.latest_version() + 1


def _add_table_then(step):
    return mig.Migration(
        NEXT, "999_step_test.sql", "CREATE TABLE step_test (id INTEGER PRIMARY KEY, n INTEGER) STRICT;", step
    )


def test_a_step_runs_after_the_sql_in_the_same_transaction(seeded_db_path):
    def step(conn):
        assert conn.in_transaction
        conn.execute("INSERT INTO step_test (n) SELECT COUNT(*) FROM workstream")

    store = open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), _add_table_then(step)])
    try:
        assert store.scalar("PRAGMA user_version") == NEXT
        assert store.scalar("SELECT n FROM step_test") == store.scalar("SELECT COUNT(*) FROM workstream")
    finally:
        store.close()


@pytest.mark.parametrize(
    "failure", [sqlite3.OperationalError("no such table: nowhere"), RuntimeError("a bug")]
)
def test_a_failing_step_leaves_the_file_at_its_previous_version(seeded_db_path, failure):
    def step(conn):
        conn.execute("INSERT INTO step_test (n) VALUES (1)")
        raise failure

    expected = StoreError if isinstance(failure, sqlite3.Error) else RuntimeError
    with pytest.raises(expected, match="999_step_test.sql failed.*previous version|a bug"):
        open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), _add_table_then(step)])
    conn = sqlite3.connect(seeded_db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == mig.latest_version()
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'step_test'").fetchone() is None
    finally:
        conn.close()
    store = open_store(seeded_db_path, migrations=[*mig.bundled_migrations(), _add_table_then(None)])
    store.close()  # and a rerun succeeds


def test_check_finds_an_index_out_of_step_and_rebuild_search_mends_it(seeded_db_path, capsys):
    from t2025tui.cli import main

    conn = sqlite3.connect(seeded_db_path)
    conn.execute("DROP TRIGGER milestone_au")  # as another tool might, then an edit it does not see
    conn.execute("UPDATE milestone SET title = 'Sandpiper survey' WHERE id = 1")
    conn.commit()
    conn.close()
    assert main(["--db", str(seeded_db_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM: the search index of the milestone table does not match" in out
    assert "t2025 check --rebuild-search" in out
    assert main(["--db", str(seeded_db_path), "check", "--rebuild-search"]) == 0
    assert "Rebuilt the search index" in capsys.readouterr().out
    store = open_store(seeded_db_path)
    try:
        assert [(h.kind, h.id) for h in search(store, "sandpiper")] == [("milestone", 1)]
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("UPDATE milestone SET title = 'Dunlin survey' WHERE id = 1")
        store.conn.execute("COMMIT")
        assert [(h.kind, h.id) for h in search(store, "dunlin")] == [("milestone", 1)]  # the trigger is back
    finally:
        store.close()
