"""Numbered SQL migrations shipped in `schema/` (installed as the package `t2025tui.schema`)."""

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from t2025tui.core.errors import StoreError

APPLICATION_ID = 0x54323032  # "T202" in ASCII: marks a file as a t2025 database
_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def schema_folder():
    """The migrations folder: the installed package `t2025tui.schema`, or, when the code runs
    from a source checkout (e.g. `python3 -m t2025tui` in the repository, where the source tree
    shadows the installed package), the top-level `schema/` beside it."""
    try:
        return resources.files("t2025tui.schema")
    except ModuleNotFoundError:
        source_tree = Path(__file__).resolve().parents[2] / "schema"
        if not source_tree.is_dir():
            raise
        return source_tree


def bundled_migrations() -> list[Migration]:
    folder = schema_folder()
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.number)
    return found


def latest_version(migrations: list[Migration] | None = None) -> int:
    migrations = bundled_migrations() if migrations is None else migrations
    return migrations[-1].number if migrations else 0


def apply_migration(conn: sqlite3.Connection, migration: Migration) -> None:
    """Run one migration and stamp the version in a single transaction."""
    script = (
        "BEGIN IMMEDIATE;\n"
        f"{migration.sql}\n;\n"
        f"PRAGMA application_id = {APPLICATION_ID};\n"
        f"PRAGMA user_version = {migration.number};\n"
        "COMMIT;"
    )
    try:
        conn.executescript(script)
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.rollback()
        # Two processes opening one older file may both start to migrate it; the second waits for
        # the first's write lock, then fails on its already-made changes. The file is migrated.
        if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.number:
            return
        raise StoreError(
            f"Migration {migration.name} failed ({exc}); the database was left unchanged "
            "at its previous version."
        ) from exc
