"""Numbered SQL migrations shipped in `schema/` (installed as the package `t2025tui.schema`).

A migration is its SQL file, and, where SQL alone cannot say it, a Python step registered under
its number in `core/migration_steps.py` (e.g. the search index, which sqlite-utils sets up). The
step runs after the SQL, in the same transaction, so a failure leaves the file as it was.
"""

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from t2025tui.core.errors import StoreError

APPLICATION_ID = 0x54323032  # "T202" in ASCII: marks a file as a t2025 database
_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


MigrationStep = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str
    # Runs inside the migration's transaction, after `sql`; it must not commit.
    step: MigrationStep | None = None


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
    from t2025tui.core.migration_steps import STEPS

    folder = schema_folder()
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            number = int(match.group(1))
            found.append(Migration(number, entry.name, entry.read_text("utf-8"), STEPS.get(number)))
    found.sort(key=lambda m: m.number)
    return found


def latest_version(migrations: list[Migration] | None = None) -> int:
    migrations = bundled_migrations() if migrations is None else migrations
    return migrations[-1].number if migrations else 0


def apply_migration(conn: sqlite3.Connection, migration: Migration) -> None:
    """Run one migration (its SQL, then its step) and stamp the version in a single transaction."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        # Two processes opening one older file may both start to migrate it; the second, once it
        # has the write lock, finds the file migrated and leaves it be (running the migration
        # again would fail, or, for one that can run twice, set the version back).
        if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.number:
            conn.execute("ROLLBACK")
            return
        # One statement at a time: executescript would commit first, outside the transaction.
        for statement in _statements(migration.sql):
            conn.execute(statement)
        if migration.step is not None:
            migration.step(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {migration.number}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.rollback()
        if not isinstance(exc, sqlite3.Error):
            raise
        if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.number:
            return  # migrated by the other process in the meantime
        raise StoreError(
            f"Migration {migration.name} failed ({exc}); the database was left unchanged "
            "at its previous version."
        ) from exc


def _statements(script: str):
    """The statements of an SQL script, each whole (a trigger's body holds `;` of its own)."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
    if buffer.strip(" \t\r\n;"):
        yield buffer  # an unfinished statement: SQLite says what is wrong with it
