"""The write engine every service uses: one transaction, validated rows, an audit trail.

A service opens `edit(store, summary)`, then inserts, updates or deletes through the yielded
`Change`. Each row touched gets change-log entries (one per changed field) in the same
transaction, and the batch goes on the undo stack.
"""

import json
import sqlite3
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

import pydantic

from t2025tui.core.errors import NotFoundError, StaleEditError, ValidationError
from t2025tui.core.models import TABLE_MODELS
from t2025tui.core.store import Store
from t2025tui.core.who import editor_name

# Tables the engine writes; change_log / change_batch / undo_stack are its own bookkeeping.
EDITABLE_TABLES = frozenset(TABLE_MODELS) - {"change_log", "change_batch"}
LABEL_FIELDS = (
    "ref",
    "name",
    "title",
    "lesson",
    "line",
    "code",
    "team",
    "member",
    "meeting_date",
    "text",
    "section",
)


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def to_db(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def encode(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def decode(text: str | None):
    return None if text is None else json.loads(text)


def label_of(table: str, row: dict) -> str:
    # A milestone is known by its title; its ref is shown beside the title where there is room.
    for field in LABEL_FIELDS[1:] if table == "milestone" else LABEL_FIELDS:
        value = row.get(field)
        if value not in (None, ""):
            text = str(value)
            if table == "finance_line" and row.get("year"):
                text = f"{text} {row['year']}"
            return text[:120]
    return f"{table} {row.get('id')}"


def when_shown(at: str) -> str:
    """A logged timestamp as a person reads it: 2022-03-15 09:00."""
    return at[:16].replace("T", " ")


# Versions a save may write over although they are newer than the one it read: after a stale
# refusal the user was shown the fresh values beside what they typed and chose to save again.
# A context variable, so it holds only for the save (in its worker thread) that set it.
_ACCEPTED: ContextVar[Mapping[tuple[str, int], int] | None] = ContextVar(
    "t2025_accepted_versions", default=None
)


@contextmanager
def accepting_versions(accepted: Mapping[tuple[str, int], int]) -> Iterator[None]:
    """Inside, an edit of (table, row id) expecting an older version goes ahead if the row is
    still at the version given here (the one the user saw); changed again since, it is refused."""
    token = _ACCEPTED.set(dict(accepted))
    try:
        yield
    finally:
        _ACCEPTED.reset(token)


def check_version(
    conn: sqlite3.Connection, table: str, current: dict, expected: int | None, message: Callable[[str], str]
) -> None:
    """Refuse (StaleEditError) an edit of `current` made on an older version of it; `message(by)`
    words the refusal, `by` being e.g. " (by A. Smith at 2022-03-15 09:00)" or ""."""
    if expected is None or current["version"] == expected:
        return
    if (_ACCEPTED.get() or {}).get((table, current["id"])) == current["version"]:
        return
    raise stale_error(conn, table, current, expected, message)


def stale_error(
    conn: sqlite3.Connection, table: str, current: dict, expected: int | None, message: Callable[[str], str]
) -> StaleEditError:
    """The refusal, saying who changed the record last, when, and which fields since `expected`.

    Each save of a row adds one to its version, so the newest (version - expected) batches
    touching it are the changes made since it was read."""
    since = max(current["version"] - expected, 1) if expected is not None else 1
    found = conn.execute(
        "SELECT l.batch_id, l.field, l.at, b.who FROM change_log l JOIN change_batch b ON b.id = l.batch_id"
        " WHERE l.entity = ? AND l.entity_id = ? ORDER BY l.id DESC LIMIT 200",
        (table, current["id"]),
    ).fetchall()
    batches: list[int] = []
    fields: list[str] = []
    for batch_id, field, _at, _who in found:
        if batch_id not in batches:
            if len(batches) == since:
                break
            batches.append(batch_id)
        if field and field not in fields:
            fields.append(field)
    who, at = (found[0][3] or "unknown", found[0][2]) if found else ("", "")
    by = f" (by {who} at {when_shown(at)})" if found else ""
    return StaleEditError(
        message(by),
        table=table,
        row_id=current["id"],
        fresh=current,
        who=who,
        at=at,
        fields=tuple(fields),
    )


def first_error(exc: pydantic.ValidationError) -> ValidationError:
    """A pydantic error as one clear line naming the field."""
    error = exc.errors()[0]
    loc = error["loc"]
    field = str(loc[-1]) if loc and not isinstance(loc[-1], int) else None
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    parts = [f"item {part + 1}" if isinstance(part, int) else str(part).replace("_", " ") for part in loc]
    if not parts:  # a check across fields, whose message names them
        return ValidationError(message, field)
    return ValidationError(f"{' '.join(parts)}: {message}", field)


def validate(model_cls: type[pydantic.BaseModel], values: dict) -> pydantic.BaseModel:
    try:
        return model_cls.model_validate(values)
    except pydantic.ValidationError as exc:
        raise first_error(exc) from None


class Change:
    """What a service may do inside its transaction."""

    def __init__(
        self,
        store: Store,
        *,
        action: str,
        summary: str,
        reason: str,
        at: str,
        target_batch_id: int | None = None,
    ):
        self.store = store
        self.conn = store.conn
        self.action = action
        self.summary = summary
        self.at = at
        self.reason = reason
        self.target_batch_id = target_batch_id
        self._batch_id: int | None = None
        self.touched: list[tuple[str, int]] = []

    @property
    def batch_id(self) -> int:
        """The batch row is written with the first change, so a no-op leaves no trace."""
        if self._batch_id is None:
            self._batch_id = _open_batch(
                self.store, self.action, self.summary, self.reason, self.target_batch_id, self.at
            )
        return self._batch_id

    def row(self, table: str, row_id: int) -> dict:
        cursor = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        found = cursor.fetchone()
        if found is None:
            raise NotFoundError(
                f"{table.replace('_', ' ')} {row_id} no longer exists; the screen will reload."
            )
        return dict(zip([c[0] for c in cursor.description], found, strict=False))

    def log(
        self,
        table: str,
        row_id: int,
        label: str,
        action: str,
        field: str,
        old,
        new,
        reason: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO change_log (batch_id, at, entity, entity_id, entity_label, action, field, old, new, reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.batch_id,
                self.at,
                table,
                row_id,
                label,
                action,
                field,
                encode(old),
                encode(new),
                self.reason if reason is None else reason,
            ),
        )

    def insert(self, table: str, values: dict) -> int:
        """Validate a new row with its model and insert it."""
        assert table in EDITABLE_TABLES
        model = validate(TABLE_MODELS[table], values)
        row = {k: to_db(v) for k, v in model.model_dump().items() if k != "id" or v is not None}
        return self.insert_raw(table, row)

    def insert_raw(self, table: str, row: dict) -> int:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
        row_id: int = row.get("id") or cursor.lastrowid or 0  # lastrowid is set after an INSERT
        # Models mirror their tables column for column, so the row as written is the row as stored.
        stored = {"id": row_id, **{k: v for k, v in row.items() if k != "id"}}
        self.log(table, row_id, label_of(table, stored), "create", "", None, stored)
        self.touched.append((table, row_id))
        return row_id

    def insert_many_raw(self, table: str, rows: list[dict]) -> list[int]:
        """Insert already-validated new rows in bulk (an import), each logged as a create.

        Ids are given out here from the table's highest: safe, because the BEGIN IMMEDIATE
        transaction holds the write lock, and it lets both inserts go through executemany.
        """
        if not rows:
            return []
        next_id = (self.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]) + 1
        stored = [
            {"id": next_id + n, **{k: v for k, v in row.items() if k != "id"}} for n, row in enumerate(rows)
        ]
        by_columns: dict[tuple, list[tuple]] = {}
        for row in stored:
            by_columns.setdefault(tuple(row), []).append(tuple(row.values()))
        for columns, values in by_columns.items():
            marks = ", ".join("?" for _ in columns)
            self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
        batch_id = self.batch_id
        self.conn.executemany(
            "INSERT INTO change_log (batch_id, at, entity, entity_id, entity_label, action, field, old, new, reason)"
            " VALUES (?, ?, ?, ?, ?, 'create', '', NULL, ?, ?)",
            [
                (batch_id, self.at, table, row["id"], label_of(table, row), encode(row), self.reason)
                for row in stored
            ],
        )
        ids = [row["id"] for row in stored]
        self.touched.extend((table, row_id) for row_id in ids)
        return ids

    def update(
        self,
        table: str,
        row_id: int,
        changes: dict,
        *,
        expected_version: int | None,
        reason: str | None = None,
    ) -> dict:
        """Validate the row as it would become, write only changed fields, log each one.

        Returns {field: (old, new)} for what actually changed.
        """
        assert table in EDITABLE_TABLES
        current = self.row(table, row_id)
        check_version(
            self.conn,
            table,
            current,
            expected_version,
            lambda by: (
                f"{label_of(table, current)} was changed in another window since you opened it{by}; "
                "it has been reloaded. Make your change again."
            ),
        )
        unknown = set(changes) - set(current) - {"id", "version"}
        if unknown:
            raise ValidationError(f"unknown field {sorted(unknown)[0]}", sorted(unknown)[0])
        model = validate(TABLE_MODELS[table], {**current, **changes})
        cleaned = {k: to_db(getattr(model, k)) for k in changes}
        diff = {k: (current[k], v) for k, v in cleaned.items() if current[k] != v}
        if not diff:
            return {}
        assignments = ", ".join(f"{k} = ?" for k in diff)
        self.conn.execute(
            f"UPDATE {table} SET {assignments}, version = version + 1 WHERE id = ? AND version = ?",
            (*[new for _, new in diff.values()], row_id, current["version"]),
        )
        label = label_of(table, {**current, **cleaned})
        for field, (old, new) in diff.items():
            self.log(table, row_id, label, "update", field, old, new, reason)
        self.touched.append((table, row_id))
        return diff

    def delete(self, table: str, row_id: int, *, expected_version: int | None) -> dict:
        current = self.row(table, row_id)
        check_version(
            self.conn,
            table,
            current,
            expected_version,
            lambda by: f"{label_of(table, current)} was changed in another window{by}; it has been reloaded.",
        )
        self._unlink_referrers(table, row_id)
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self.log(table, row_id, label_of(table, current), "delete", "", current, None)
        self.touched.append((table, row_id))
        return current

    def _unlink_referrers(self, table: str, row_id: int) -> None:
        """Links SQLite would clear silently when the row goes (ON DELETE SET NULL: an action's
        risk, decision or meeting, an issue's risk) are cleared here first, each in the change
        log, so undoing the removal puts the links back too. (Rows that go with it, such as a
        milestone's dependencies, are removed and logged by their service.)"""
        for child, column in _nulled_referrers(self.conn, table):
            ids = [r[0] for r in self.conn.execute(f"SELECT id FROM {child} WHERE {column} = ?", (row_id,))]
            for child_id in ids:
                self.update(child, child_id, {column: None}, expected_version=None)


def _nulled_referrers(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(table, column) of every editable record's link to `table` that is set to none when the
    linked row is deleted."""
    found = []
    for (child,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if child not in EDITABLE_TABLES:
            continue
        for key in conn.execute(f"PRAGMA foreign_key_list({child})").fetchall():
            if key[2] == table and key[6] == "SET NULL":
                found.append((child, key[3]))
    return found


# The batches each open store has committed: a window's own changes, the only ones its undo
# takes. Kept only once committed, as an id rolled back may be reused by another window's save.
_WRITTEN: "weakref.WeakKeyDictionary[Store, tuple[int, list[int]]]" = weakref.WeakKeyDictionary()


def remember_written(store: Store, batch_id: int | None) -> None:
    if batch_id is not None:
        _written_list(store).append(batch_id)


def written_by(store: Store) -> frozenset[int]:
    """The ids of the change batches this store (this window, this run) has saved."""
    return frozenset(_written_list(store))


def _written_list(store: Store) -> list[int]:
    # Kept per opening: a store reopened on another file (Store.reopen) has saved nothing there.
    generation, ids = _WRITTEN.get(store, (store.generation, []))
    if generation != store.generation:
        generation, ids = store.generation, []
    _WRITTEN[store] = (generation, ids)
    return ids


def _open_batch(store: Store, action: str, summary: str, reason: str, target: int | None, at: str) -> int:
    # The embedded programme's seed is by its source document, not by whoever ran `t2025 init`.
    who = reason if action == "seed" and reason else editor_name(store.conn)
    cursor = store.conn.execute(
        "INSERT INTO change_batch (at, action, summary, reason, target_batch_id, who) VALUES (?, ?, ?, ?, ?, ?)",
        (at, action, summary[:300], reason, target, who),
    )
    assert cursor.lastrowid is not None  # set by the INSERT just made
    return cursor.lastrowid


@contextmanager
def edit(
    store: Store,
    summary: str,
    *,
    reason: str = "",
    action: str = "edit",
    at: str | None = None,
    undoable: bool = True,
) -> Iterator[Change]:
    """One undoable change of state in one BEGIN IMMEDIATE transaction."""
    at = at or now_iso()
    with store.write():
        change = Change(store, action=action, summary=summary, reason=reason, at=at)
        yield change
        if change.touched and undoable:
            # Redo is offered only straight after one's own undo (see services/undo.py), so an
            # edit here leaves other windows' undone changes as they are.
            store.conn.execute("INSERT INTO undo_stack (batch_id, undone) VALUES (?, 0)", (change.batch_id,))
    remember_written(store, change._batch_id)
