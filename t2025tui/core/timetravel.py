"""Time travel: the programme as it stood at the end of a given day, rebuilt from the change log.

The live database is copied into a private in-memory database, and every change-log entry
dated after the day is reversed there, newest first: an update puts the old value back, a
create removes the row, a delete brings the whole row back. The copy's own history is then
cut at that day, so every read model (status, trends against a board date, the finance
totals) answers as it would have answered then. The user's database is only read.

"After the day" follows the change log's order, not its clock: the programme at the end of a
day is what it was after the last change dated on or before that day, and every change logged
after that one is reversed, whatever its date says. A change stamped in the future (a laptop
clock set wrong, then corrected) is then shown once a later change is, and `t2025 check` names
every change dated after the one that follows it (`clock_skew_warnings`).

The scratch copy is not a change of state of the programme, so it does not go through the
services: nobody ever sees it except the export that asked for it.
"""

import json
import sqlite3
import weakref
from datetime import date, timedelta
from pathlib import Path

from t2025tui.core.errors import DatabaseDamagedError, T2025Error
from t2025tui.core.portability import readonly_uri
from t2025tui.core.search_index import drop_index_triggers
from t2025tui.core.store import Store, damaged_message, is_damage

# The history itself, and undo bookkeeping, are not part of "the programme as it stood".
_BOOKKEEPING = {"change_log", "change_batch", "undo_stack"}


class TimeTravelError(T2025Error):
    """The programme cannot be shown as at the date asked for."""


# The last change-log entry dated on or before the day (0 when none): every later entry comes
# after the day, in the log's own order. Found from the entry with the latest date before the
# next day (one seek of the index on `at`), then among the entries logged after that one, so
# only the entries after the day are read, not the whole history.
_LAST_BY_THEN = (
    "SELECT COALESCE((SELECT MAX(id) FROM change_log WHERE +at < :next AND id >= latest.id), 0)"
    " FROM (SELECT (SELECT id FROM change_log WHERE at < :next ORDER BY at DESC LIMIT 1) AS id) AS latest"
)


def _day_after(day: date) -> dict[str, str]:
    # `at` begins with its date, so "dated on or before the day" is "sorts before the next day".
    return {"next": "9999-12-32" if day == date.max else (day + timedelta(days=1)).isoformat()}


# The query reads every entry logged after the day (16 ms for a month of a million-a-year log),
# and the dashboard asks once per workstream: kept per store while nothing can have changed.
_last_memo: "weakref.WeakKeyDictionary[Store, tuple[tuple, dict[date, int]]]" = weakref.WeakKeyDictionary()


def last_logged_by(store: Store, day: date) -> int:
    """The id of the last change-log entry logged by the end of `day` in the log's order: the
    latest whose date is on or before the day. A window of the history "after A up to B" is
    the entries with last_logged_by(A) < id <= last_logged_by(B), whatever their clocks said."""
    with store.lock:
        key = (store.generation, store.scalar("PRAGMA data_version"), store.conn.total_changes)
        memo = _last_memo.get(store)
        if memo is None or memo[0] != key:
            memo = (key, {})
            _last_memo[store] = memo
        if day not in memo[1]:
            memo[1][day] = store.scalar(_LAST_BY_THEN, _day_after(day))
        return memo[1][day]


def later_changes(store: Store, as_of: date) -> int:
    """How many change-log entries were made after the end of `as_of` (in the log's order)."""
    return store.scalar("SELECT COUNT(*) FROM change_log WHERE id > ?", (last_logged_by(store, as_of),))


def clock_skew_warnings(store: Store, *, most: int = 5) -> list[str]:
    """One line per change-log entry dated after the entry logged next (a clock set wrong, then
    corrected), at most `most` of them and a count of the rest."""
    rows = store.query(
        "SELECT id, at, next_id, next_at FROM ("
        " SELECT id, at, LEAD(id) OVER (ORDER BY id) AS next_id, LEAD(at) OVER (ORDER BY id) AS next_at"
        " FROM change_log) WHERE julianday(at) > julianday(next_at) ORDER BY id"
    )
    lines = [
        f"change {row['id']} is dated {row['at']}, after change {row['next_id']} logged next ({row['next_at']}):"
        " a clock was probably wrong; --as-of follows the log's order, not these dates"
        for row in rows[:most]
    ]
    if len(rows) > most:
        lines.append(f"... and {len(rows) - most} more change(s) dated after the next one")
    return lines


def earliest_record_date(store: Store) -> date | None:
    first = store.scalar("SELECT MIN(substr(at, 1, 10)) FROM change_log")
    return date.fromisoformat(first) if first else None


def as_of_store(store: Store, as_of: date | None) -> Store:
    """A private in-memory Store holding the programme as it stood at the end of `as_of`
    (with None, simply a consistent copy of it as it is now).

    The caller closes it. Raises TimeTravelError when nothing had been recorded by then.
    """
    scratch = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        _copy_into(store, scratch)
        if as_of is not None:
            _rewind(scratch, as_of)
        if as_of is not None and scratch.execute("SELECT COUNT(*) FROM programme").fetchone()[0] == 0:
            first = earliest_record_date(store)
            since = f"; the earliest record is from {first.isoformat()}" if first else ""
            raise TimeTravelError(
                f"Nothing had been recorded by the end of {as_of.isoformat()}{since}. Choose a later --as-of date."
            )
        scratch.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        scratch.close()
        raise _read_failed(store, exc) from None
    except BaseException:
        scratch.close()
        raise
    return Store(scratch, None, reads_for=store)


def _read_failed(store: Store, exc: sqlite3.Error) -> T2025Error:
    """Damage met while copying or reading is the store's own damage: it refuses writes too."""
    if is_damage(exc):
        message = damaged_message(store.path, str(exc))
        store.refuse_writes = message
        return DatabaseDamagedError(message)
    return TimeTravelError(f"Could not read {store.path or 'the database'} for the export: {exc}.")


def _copy_into(store: Store, scratch: sqlite3.Connection) -> None:
    """Copy the database; from a file, through a connection of our own so the app's stays free."""
    if store.path is None:
        with store.lock:
            store.conn.backup(scratch)
        return
    source = _read_only(store)
    try:
        source.backup(scratch)
    finally:
        source.close()


def _read_only(store: Store) -> sqlite3.Connection:
    """A connection of our own to the store's file (callers have checked it has one)."""
    if store.path is None:
        raise TimeTravelError("An in-memory database has no file to read; it is copied instead.")
    conn = sqlite3.connect(
        readonly_uri(Path(store.path).resolve()),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def snapshot_store(store: Store) -> Store:
    """A consistent read-only view of the programme as it is now, for a long read such as an export.

    For a database file this is a second, read-only connection holding one read transaction
    (WAL keeps its view fixed while the app goes on saving), so nothing is copied; an
    in-memory database is copied instead. The caller closes it.
    """
    if store.path is None:
        return as_of_store(store, None)
    try:
        conn = _read_only(store)
    except sqlite3.Error as exc:
        raise _read_failed(store, exc) from None
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT COUNT(*) FROM programme").fetchone()  # the read that fixes the snapshot
    except sqlite3.Error as exc:
        conn.close()
        raise _read_failed(store, exc) from None
    return Store(conn, None, reads_for=store)


def _rewind(conn: sqlite3.Connection, as_of: date) -> None:
    # Rows are put back one at a time, newest first, so a parent may briefly be missing.
    conn.execute("PRAGMA foreign_keys = OFF")
    (last,) = conn.execute(_LAST_BY_THEN, _day_after(as_of)).fetchone()
    entries = conn.execute(
        "SELECT entity, entity_id, action, field, old FROM change_log WHERE id > ? ORDER BY id DESC", (last,)
    ).fetchall()
    conn.execute("BEGIN")
    # Nobody searches a copy as it stood: keeping its index right would only slow the rewind.
    drop_index_triggers(conn)
    columns: dict[str, set[str]] = {}
    for entity, entity_id, action, field, old in entries:
        if entity in _BOOKKEEPING:
            continue
        if entity not in columns:
            columns[entity] = _columns(conn, entity)
        _reverse(
            conn, entity, columns[entity], entity_id, action, field, None if old is None else json.loads(old)
        )
    for trigger in ("change_log_no_delete", "change_batch_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    last_batch = conn.execute("SELECT batch_id FROM change_log WHERE id = ?", (last,)).fetchone()
    conn.execute("DELETE FROM change_log WHERE id > ?", (last,))
    conn.execute("DELETE FROM undo_stack")
    conn.execute(
        "DELETE FROM change_batch WHERE id > ? AND id NOT IN (SELECT batch_id FROM change_log)",
        (last_batch[0] if last_batch else 0,),
    )
    conn.execute("COMMIT")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _reverse(
    conn: sqlite3.Connection, table: str, columns: set[str], row_id: int, action: str, field: str, old
) -> None:
    if not columns:
        return  # a table a later migration dropped: nothing to put back
    if action == "update":
        if field in columns:
            conn.execute(f"UPDATE {_quoted(table)} SET {_quoted(field)} = ? WHERE id = ?", (old, row_id))
    elif action == "create":
        conn.execute(f"DELETE FROM {_quoted(table)} WHERE id = ?", (row_id,))
    elif action == "delete" and isinstance(old, dict):
        row = {k: v for k, v in old.items() if k in columns}
        names = ", ".join(_quoted(k) for k in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(
            f"INSERT OR REPLACE INTO {_quoted(table)} ({names}) VALUES ({marks})", tuple(row.values())
        )
