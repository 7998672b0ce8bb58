"""Item 3: bad database files get one clear line and a non-zero exit, and are never changed.

Each kind of damage is made from a real seeded database (or from scratch), then `t2025
summary`, `t2025 check` and the app (`t2025` with no command) are run on it as real processes.
The folder's bytes are compared before and after: nothing may be written beside the file
either (no -wal, -shm, journal or backup).
"""

import csv
import io
import os
import random
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.conftest import app_param, assert_clean_failure, folder_listing, run_t2025

COMMANDS = [app_param(c) for c in [("summary",), ("check",), ()]]  # () is the app itself
COMMAND_IDS = ["summary", "check", "app"]
SEED = 20220315


def _random_bytes(path: Path, seeded: Path) -> None:
    path.write_bytes(random.Random(SEED).randbytes(64 * 1024))


def _truncated(path: Path, seeded: Path) -> None:
    data = seeded.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _truncated_header(path: Path, seeded: Path) -> None:
    path.write_bytes(seeded.read_bytes()[:60])


def _flipped_region(path: Path, seeded: Path) -> None:
    """Invert 512 bytes at page boundaries: b-tree page headers are destroyed.

    Commands no longer read every page on open (SQLite reports damage where it meets it), so the
    damage includes the schema's own pages, which SQLite reads before any query, besides random ones.
    """
    data = bytearray(seeded.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    conn = sqlite3.connect(f"file:{seeded}?mode=ro", uri=True)
    try:
        read_by_all = {
            number - 1
            for (number,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'sqlite_master') AND pageno > 1"
            )
        }
    finally:
        conn.close()
    assert read_by_all, "the seeded file's schema fits its first page; damage some other way"
    rng = random.Random(SEED)
    for page in read_by_all | set(rng.sample(range(1, pages), k=min(6, pages - 1))):
        start = page * page_size
        for offset in range(start, start + 512):
            data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _empty(path: Path, seeded: Path) -> None:
    path.write_bytes(b"")


def _csv_renamed(path: Path, seeded: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ref", "title", "status"])
    for n in range(50):
        writer.writerow([f"R{n}", f"Recommendation {n}", "Open"])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _other_app(path: Path, seeded: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
        "INSERT INTO moz_places (url) VALUES ('https://example.org');"
    )
    conn.close()


def _other_app_wal(path: Path, seeded: Path) -> None:
    """Another application's database in WAL mode with user_version set, like many apps do."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA user_version=1;"
        "CREATE TABLE workstream (id INTEGER PRIMARY KEY, name TEXT);"
    )
    conn.close()


def _newer_schema(path: Path, seeded: Path) -> None:
    path.write_bytes(seeded.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


DAMAGE = {
    "random-bytes": (_random_bytes, "not an SQLite file"),
    "truncated": (_truncated, "backup"),
    "truncated-header": (_truncated_header, "truncated"),
    "flipped-bytes": (_flipped_region, "backup"),
    "zero-bytes": (_empty, "empty"),
    "csv-renamed": (_csv_renamed, "not an SQLite file"),
    "other-app": (_other_app, "another application"),
    "other-app-wal": (_other_app_wal, "another application"),
    "newer-schema": (_newer_schema, "newer version"),
}


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_bad_file_is_refused_with_one_line_and_left_untouched(kind, command, seeded_db_path, tmp_path):
    make, expected = DAMAGE[kind]
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "t2025.db"
    make(path, seeded_db_path)
    before = folder_listing(folder)

    result = run_t2025("--db", path, *command, timeout=30)

    line = assert_clean_failure(result, expect=expected)
    assert str(path) in line or "database" in line.lower()
    assert folder_listing(folder) == before, "the bad file (or its folder) was changed"


def test_missing_file_for_summary_says_how_to_create_one(tmp_path):
    result = run_t2025("--db", tmp_path / "nope.db", "summary")
    assert_clean_failure(result, expect="t2025 init")
    assert not (tmp_path / "nope.db").exists()


def test_folder_given_as_database(tmp_path):
    result = run_t2025("--db", tmp_path, "check")
    assert_clean_failure(result, expect="folder")


# Read-only cases: as root the child runs without the capabilities that bypass permissions.
@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("which", ["file", "folder"])
def test_read_only_file_or_folder_is_refused_cleanly(which, command, seeded_db_path, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "t2025.db"
    path.write_bytes(seeded_db_path.read_bytes())
    os.chmod(path, 0o400 if which == "file" else 0o600)
    os.chmod(folder, 0o500 if which == "folder" else 0o700)
    before = folder_listing(folder)
    try:
        result = run_t2025("--db", path, *command, timeout=30, unprivileged=True)
    finally:
        os.chmod(folder, 0o700)
    assert_clean_failure(result, expect="read-only")
    assert folder_listing(folder) == before


@pytest.mark.parametrize("target", ["t2025.db", "sub/t2025.db"])
def test_creating_a_database_in_a_read_only_folder_is_one_clean_line(target, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    try:
        result = run_t2025("--db", folder / target, "init", unprivileged=True)
    finally:
        os.chmod(folder, 0o700)
    assert_clean_failure(result, expect="permission denied")
    assert list(folder.iterdir()) == []
