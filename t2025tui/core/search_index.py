"""The full-text index behind `t2025 find` and the app's search (migration 007).

One SQLite FTS5 table per searched table (`<table>_fts`, external content: it stores only the
index, the words stay in the table), set up by sqlite-utils' `enable_fts` with the triggers that
keep it right on every insert, update and delete. The index is bookkeeping: it is not dumped,
not published, and a new or loaded database builds it as its rows are written.

`INDEXED` is the index as migration 007 made it: a later change (another column, a rebuilt
table, whose drop would take its triggers with it) needs a migration of its own.
"""

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class IndexedColumn:
    name: str
    label: str  # "where the word was found", in words
    weight: float = 1.0  # bm25 weight: a word in a title counts for more than one in the notes


@dataclass(frozen=True)
class IndexedTable:
    table: str
    columns: tuple[IndexedColumn, ...]

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"


def _c(name: str, label: str, weight: float = 1.0) -> IndexedColumn:
    return IndexedColumn(name, label, weight)


_TITLE = 10.0
_NAME = 5.0

INDEXED: tuple[IndexedTable, ...] = (
    IndexedTable(
        "workstream",
        (
            _c("code", "code", _TITLE),
            _c("name", "name", _TITLE),
            _c("lead", "lead", _NAME),
            _c("rag_reason", "RAG reason"),
            _c("commentary", "commentary"),
        ),
    ),
    IndexedTable(
        "project", (_c("name", "name", _TITLE), _c("status_reason", "status reason"), _c("notes", "notes"))
    ),
    IndexedTable(
        "milestone",
        (
            _c("ref", "ref", _TITLE),
            _c("title", "title", _TITLE),
            _c("owner", "owner", _NAME),
            _c("last_change_reason", "reason for the last change"),
            _c("notes", "notes"),
        ),
    ),
    IndexedTable(
        "risk",
        (
            _c("ref", "ref", _TITLE),
            _c("title", "title", _TITLE),
            _c("owner", "owner", _NAME),
            _c("cause", "cause"),
            _c("event", "event"),
            _c("effect", "effect"),
            _c("actions", "actions"),
            _c("notes", "notes"),
        ),
    ),
    IndexedTable(
        "issue",
        (
            _c("title", "title", _TITLE),
            _c("owner", "owner", _NAME),
            _c("description", "description"),
            _c("notes", "notes"),
        ),
    ),
    IndexedTable(
        "action",
        (
            _c("title", "title", _TITLE),
            _c("owner", "owner", _NAME),
            _c("status_reason", "status reason"),
            _c("notes", "notes"),
        ),
    ),
    IndexedTable(
        "decision",
        (
            _c("title", "title", _TITLE),
            _c("owner", "owner", _NAME),
            _c("ask", "what was asked"),
            _c("notes", "notes"),
        ),
    ),
    IndexedTable(
        "lesson",
        (_c("lesson", "lesson", _TITLE), _c("what_happened", "what happened"), _c("next_time", "next time")),
    ),
    IndexedTable(
        "recommendation",
        (
            _c("ref", "ref", _TITLE),
            _c("text", "text", _NAME),
            _c("owner", "owner", _NAME),
            _c("source_report", "source report"),
            _c("evidence", "evidence"),
            _c("notes", "notes"),
        ),
    ),
    IndexedTable("note", (_c("text", "note", _NAME),)),
    # Why each change was made: a hit here finds the record the change was to.
    IndexedTable("change_log", (_c("reason", "change reason"),)),
)

BY_TABLE = {indexed.table: indexed for indexed in INDEXED}

# Every table the index adds (each FTS5 table and the shadow tables FTS5 keeps beside it).
_SHADOWS = ("", "_data", "_idx", "_docsize", "_config", "_content")


def is_index_table(name: str) -> bool:
    return any(name == f"{indexed.fts}{suffix}" for indexed in INDEXED for suffix in _SHADOWS)


def create_index(conn: sqlite3.Connection) -> None:
    """Build the index over the rows already there, with its triggers and ranking weights
    (migration 007's step: it runs inside the migration's transaction)."""
    import sqlite_utils

    if not conn.in_transaction:
        raise sqlite3.OperationalError("the search index is built inside a migration's transaction")
    db = sqlite_utils.Database(conn)
    for indexed in INDEXED:
        db[indexed.table].enable_fts([c.name for c in indexed.columns], create_triggers=True)  # type: ignore[union-attr]
        _narrow_update_trigger(conn, indexed)
        weights = ", ".join(str(c.weight) for c in indexed.columns)
        # Stored in the index's own settings, so `ORDER BY rank` ranks with these weights.
        conn.execute(
            f'INSERT INTO "{indexed.fts}" ("{indexed.fts}", rank) VALUES (\'rank\', ?)', (f"bm25({weights})",)
        )


def _narrow_update_trigger(conn: sqlite3.Connection, indexed: IndexedTable) -> None:
    """sqlite-utils' update trigger re-indexes a row whatever changed; most edits change a date,
    a RAG or the version, so it is made to fire only when an indexed column (or the id) does.
    The same name and body, so sqlite-utils still recognises and removes it."""
    name = f"{indexed.table}_au"
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
    ).fetchone()
    head = f'AFTER UPDATE ON "{indexed.table}"'
    if head not in sql:
        raise sqlite3.OperationalError(f"unexpected search trigger {name}: {sql}")
    columns = ", ".join(f'"{c.name}"' for c in indexed.columns)
    conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(sql.replace(head, f'AFTER UPDATE OF "id", {columns} ON "{indexed.table}"', 1))


def drop_index_triggers(conn: sqlite3.Connection) -> None:
    """Stop keeping the index (for a scratch copy that is never searched)."""
    for indexed in INDEXED:
        for suffix in ("_ai", "_ad", "_au"):
            conn.execute(f'DROP TRIGGER IF EXISTS "{indexed.table}{suffix}"')


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """Each searched table whose index does not match its rows (FTS5's own integrity check; a few
    seconds at a million change-log rows). Search would then miss or wrongly find records."""
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems = []
    for indexed in INDEXED:
        if indexed.fts not in present:
            continue  # a file not yet at schema 7
        try:
            conn.execute(
                f'INSERT INTO "{indexed.fts}" ("{indexed.fts}", rank) VALUES (\'integrity-check\', 1)'
            )
        except sqlite3.DatabaseError:  # FTS5 reports a mismatch as a malformed index, not a file
            problems.append(
                f"the search index of the {indexed.table} table does not match its rows (the records "
                "are safe; search may miss them); rebuild it with: t2025 check --rebuild-search"
            )
    return problems


def rebuild_index(conn: sqlite3.Connection) -> int:
    """Make the whole index again, triggers included, from the rows (inside the caller's write,
    as migration 007 made it); how many tables it covers."""
    drop_index_triggers(conn)
    for indexed in INDEXED:
        conn.execute(f'DROP TABLE IF EXISTS "{indexed.fts}"')
    create_index(conn)
    return len(INDEXED)
