"""A file whose first page on disk is not a header, while its write-ahead log holds the sound
pages (the log was removed or replaced under an open app): SQLite reads it whole, so t2025 must
not call it foreign; it says what is wrong, and `t2025 check --repair` writes a sound copy."""

import shutil
import sqlite3

import pytest

from tests.reliability.conftest import assert_clean_failure, folder_listing, run_t2025


@pytest.fixture
def header_only_in_log(seeded_copy, tmp_path):
    source = seeded_copy()
    live = sqlite3.connect(source, isolation_level=None)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    # Touch page 1 (the schema table starts there), so the log holds a newer page 1.
    live.execute("CREATE TABLE scratch (x)")
    live.execute("DROP TABLE scratch")
    live.execute("UPDATE workstream SET commentary = 'only in the log' WHERE code = 'FCR'")
    folder = tmp_path / "broken"
    folder.mkdir()
    path = folder / "t2025.db"
    shutil.copy(source, path)
    shutil.copy(f"{source}-wal", f"{path}-wal")
    live.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[:page_size] = data[page_size : 2 * page_size]  # page 1 on disk now holds a b-tree page
    path.write_bytes(bytes(data))
    return path


def test_sqlite_can_read_it_whole(header_only_in_log):
    conn = sqlite3.connect(f"{header_only_in_log.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


@pytest.mark.parametrize("command", [("summary",), ("check",), ("history",)])
def test_it_is_not_called_foreign_and_the_way_out_is_named(command, header_only_in_log):
    before = folder_listing(header_only_in_log.parent)
    line = assert_clean_failure(run_t2025("--db", header_only_in_log, *command))
    assert "not an SQLite file" not in line and "another application" not in line
    assert "write-ahead log" in line and "t2025 check --repair" in line
    assert folder_listing(header_only_in_log.parent) == before


def test_check_repair_writes_a_sound_copy_and_leaves_the_file(header_only_in_log, tmp_path):
    before = folder_listing(header_only_in_log.parent)
    copy = tmp_path / "recovered.db"
    result = run_t2025("--db", header_only_in_log, "check", "--repair", "--out", copy)
    assert result.returncode == 0, result.stderr
    assert str(copy) in result.stdout
    assert folder_listing(header_only_in_log.parent) == before
    checked = run_t2025("--db", copy, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.rstrip().endswith("OK")
    summary = run_t2025("--db", copy, "dump")
    assert "only in the log" in summary.stdout


def test_check_repair_refuses_to_write_over_a_database(header_only_in_log, seeded_copy):
    other = seeded_copy()
    assert_clean_failure(run_t2025("--db", header_only_in_log, "check", "--repair", "--out", other))
    assert_clean_failure(
        run_t2025("--db", header_only_in_log, "check", "--repair", "--out", header_only_in_log),
        expect="the database itself",
    )


def test_check_repair_of_random_bytes_is_one_line(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"\x00" * 8192)
    assert_clean_failure(run_t2025("--db", path, "check", "--repair", "--out", tmp_path / "copy.db"))
    assert not (tmp_path / "copy.db").exists()
