"""Opening, checking, migrating and backing up the SQLite file.

A file is inspected before SQLite is let near it for writing: anything that is not a
t2025 database (empty, random bytes, truncated, another application's SQLite file, a newer
schema) is refused with a one-line message and left byte-for-byte as it was.
"""

import os
import sqlite3
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import cached_property
from pathlib import Path

from t2025tui.core import figures
from t2025tui.core import migrations as mig
from t2025tui.core.atomic_file import write_atomically
from t2025tui.core.errors import StoreBusyError, StoreError, ValidationError
from t2025tui.core.paths import create_private_file, ensure_private_dir
from t2025tui.core.portability import make_writable_hint, readonly_uri

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# Files SQLite keeps beside a database while it is open or mid-transaction.
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _translate(exc: sqlite3.Error) -> Exception:
    """Turn SQLite's messages into ones a programme manager can act on."""
    text = str(exc)
    lower = text.lower()
    if "locked" in lower or "busy" in lower:
        return StoreBusyError(
            "The database is busy: another t2025 window or process is saving. "
            "Wait a moment and try again; nothing was changed."
        )
    if "disk is full" in lower or "database or disk is full" in lower:
        return StoreError(
            "Could not save: the disk is full. Free some space and try again; nothing was changed."
        )
    if "readonly" in lower or "read-only" in lower:
        return StoreError(
            "Could not save: the database file or its folder is read-only. Nothing was changed."
        )
    if "disk i/o" in lower or "i/o error" in lower:
        return StoreError(f"Could not save: the disk reported an I/O error ({text}). Nothing was changed.")
    if "malformed" in lower or "not a database" in lower:
        return StoreError(f"The database file is damaged ({text}). Restore it from a backup.")
    if "unique constraint" in lower:
        column = text.rsplit(".", 1)[-1]
        return ValidationError(f"another record already has this {column}; choose a different one", column)
    if "check constraint" in lower or "foreign key" in lower or "not null" in lower:
        return ValidationError(f"the value was refused by the database ({text})")
    return StoreError(f"Database error: {text}")


def _invalid_text() -> ValidationError:
    """A lone surrogate (from a broken paste or file) cannot even be looked up in SQLite."""
    return ValidationError("the text contains an invalid character (a lone surrogate); retype it")


def inspect_file(path: Path) -> None:
    """Refuse, without writing, a file that is not a usable t2025 database."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file. Give the path of a .db file.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError:
        raise StoreError(f"{path} cannot be read: permission denied. Check the file's permissions.") from None
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}.") from None
    if not header:
        raise StoreError(
            f"{path} is empty (0 bytes), not a t2025 database. Restore it from a backup or choose another file."
        )
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path} is not a t2025 database (it is not an SQLite file). It was left untouched.")
    if len(header) < 100:
        raise StoreError(f"{path} is truncated (only {len(header)} bytes). Restore it from a backup.")
    (user_version,) = struct.unpack(">I", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    _check_identity(path, application_id, user_version)


def _check_identity(path: Path, application_id: int, user_version: int) -> None:
    if application_id != mig.APPLICATION_ID:
        raise StoreError(
            f"{path} is an SQLite database from another application, not a t2025 database. "
            "It was left untouched; choose another file or create one with `t2025 init`."
        )
    latest = mig.latest_version()
    if user_version > latest:
        raise StoreError(
            f"{path} was made by a newer version of t2025 (schema {user_version}; this version "
            f"understands up to {latest}). Upgrade t2025 to open it; the file was left untouched."
        )


class Store:
    """One open database: a connection, a lock around it, and the transaction helpers."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()
        # Set when a check made after opening found the file damaged: every write is refused
        # with this message rather than risk making the damage worse.
        self.refuse_writes: str | None = None

    @cached_property
    def db(self):
        """sqlite-utils' view of the connection (table introspection). Imported on first use:
        the import costs about 70 ms of start-up that the app's first screen does not need."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # Reading ---------------------------------------------------------------
    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        with self.lock:
            try:
                cursor = self.conn.execute(sql, params)
                columns = [c[0] for c in cursor.description]
                return [dict(zip(columns, row, strict=False)) for row in cursor.fetchall()]
            except sqlite3.Error as exc:
                raise _translate(exc) from exc
            except UnicodeEncodeError:
                raise _invalid_text() from None

    def query_one(self, sql: str, params: tuple | dict = ()) -> dict | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: tuple | dict = ()):
        with self.lock:
            try:
                row = self.conn.execute(sql, params).fetchone()
            except sqlite3.Error as exc:
                raise _translate(exc) from exc
            except UnicodeEncodeError:
                raise _invalid_text() from None
        return row[0] if row else None

    def data_version(self) -> int:
        """Changes when another connection commits: how a screen knows to reload."""
        return self.scalar("PRAGMA data_version")

    # Writing ---------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One `BEGIN IMMEDIATE` transaction: all of it is saved, or none of it."""
        if self.refuse_writes:
            raise StoreError(self.refuse_writes)
        with self.lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _translate(exc) from exc
            try:
                yield self.conn
                _refresh_read_models(self.conn)
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _translate(exc) from exc
                raise

    # Checkpoints --------------------------------------------------------------
    def checkpoint_when_told(self) -> None:
        """Stop SQLite copying the write-ahead log into the file inside a commit (every 1,000
        pages: a stall of up to a second on a large file, in the middle of an edit). The owner
        calls `checkpoint()` instead, when nobody is waiting on it (the app: after each save has
        been drawn). A commit is just as durable either way; only the copying moves."""
        with self.lock:
            self.conn.execute("PRAGMA wal_autocheckpoint = 0")

    def checkpoint(self) -> None:
        """Copy what the log holds into the database file, without waiting on other readers.
        Best effort: what is not copied now stays safe in the log for the next time."""
        with self.lock, suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _refresh_read_models(conn: sqlite3.Connection) -> None:
    """Bring the kept figures (core/figures.py) up to date before the write commits. Should that
    fail, the write still commits: readers compute any figures that are missing directly."""
    try:
        figures.refresh(conn)
    except sqlite3.Error:
        if not conn.in_transaction:  # SQLite rolled the whole write back (disk full, I/O error)
            raise


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, uri=uri, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _configure(conn: sqlite3.Connection, *, in_memory: bool) -> None:
    if not in_memory:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError("Could not switch the database to WAL mode; is the folder on a network drive?")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def quick_check(conn: sqlite3.Connection) -> list[str]:
    rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def _verify_readonly(path: Path, check: bool) -> None:
    """Look at the file through a read-only connection: identity, version, integrity.

    SQLite may create -wal/-shm files even for a read-only look; if the file is refused,
    the ones this look created are removed so a refused file is left exactly as found.
    """
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    existed = {sidecar: sidecar.exists() for sidecar in sidecars}
    try:
        _look(path, check)
    except StoreError:
        for sidecar in sidecars:
            if not existed[sidecar]:
                sidecar.unlink(missing_ok=True)
        raise


def check_file_integrity(path: Path) -> str | None:
    """`quick_check` through a connection of its own, so the caller's connection stays free.

    Returns a message for the user when the file is damaged, else None.
    """
    try:
        conn = sqlite3.connect(
            readonly_uri(path.resolve()), uri=True, isolation_level=None, check_same_thread=False
        )
        try:
            problems = quick_check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems = [str(exc)]
    if problems:
        return (
            f"{path} is damaged ({problems[0]}). Nothing more will be saved to it; "
            "restore it from a backup (t2025 backup copies are in backups/ beside it)."
        )
    return None


def _look(path: Path, check: bool) -> None:
    try:
        conn = sqlite3.connect(readonly_uri(path.resolve()), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened: {exc}.") from None
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check_identity(path, application_id, user_version)
        if check:
            problems = quick_check(conn)
            if problems:
                raise StoreError(f"{path} is damaged ({problems[0]}). Restore it from a backup.")
    except sqlite3.Error as exc:
        raise StoreError(
            f"{path} is damaged or not a t2025 database ({exc}). It was left untouched; "
            "restore it from a backup (see the backups folder beside it) or choose another file."
        ) from None
    finally:
        conn.close()


def _check_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise StoreError(
            f"{path} is read-only. Make it writable ({make_writable_hint(path)}) or copy it elsewhere."
        )
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"The folder {path.parent} is read-only; t2025 needs to write its -wal and -shm files "
            "beside the database. Move the database to a writable folder."
        )


def open_store(path: Path | str, *, check: bool = True, migrations: list | None = None) -> Store:
    """Open an existing t2025 database, migrating it forward (after a backup) if needed."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"No database at {path}. Create one with: t2025 init --db {path}")
    inspect_file(path)
    _check_writable(path)
    _verify_readonly(path, check)
    try:
        conn = _connect(str(path))
        _configure(conn, in_memory=False)
    except sqlite3.Error as exc:
        raise _translate(exc) from exc
    store = Store(conn, path)
    try:
        migrate(store, migrations)
    except BaseException:
        store.close()
        raise
    return store


def create_store(path: Path | str, *, migrations: list | None = None) -> Store:
    """Create a new, empty, migrated database file (0600 in a 0700 folder)."""
    path = Path(path)
    if path.exists():
        raise StoreError(
            f"{path} already exists; t2025 will not overwrite it. Choose another path or remove it first."
        )
    create_private_file(path)
    try:
        conn = _connect(str(path))
        _configure(conn, in_memory=False)
        store = Store(conn, path)
        migrate(store, migrations)
    except BaseException as exc:
        remove_database_files(path)
        if isinstance(exc, sqlite3.Error):
            raise _translate(exc) from exc
        raise
    return store


def create_filled_store(path: Path | str, fill: Callable[[Store], None]) -> Store:
    """Create a database, `fill(store)` it, and only then put it at `path`; returns it open.

    It is built under a hidden staging name beside `path`, so a run killed part-way (kill -9,
    power cut) leaves no half-made database at `path` for every later command to trip over.
    """
    path = Path(path)
    if path.exists():
        raise StoreError(
            f"{path} already exists; t2025 will not overwrite it. Choose another path or remove it first."
        )

    def build(staging: Path) -> None:
        store = create_store(staging)
        try:
            fill(store)
            # Fold the WAL into the file so the rename moves every page.
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()

    def check(staging: Path) -> None:
        if Path(f"{staging}-wal").exists() and Path(f"{staging}-wal").stat().st_size:
            raise StoreError(f"Could not finish creating {path}; nothing was created. Try again.")
        if path.exists():
            raise StoreError(f"{path} appeared while it was being created; it was left as it is.")

    try:
        ensure_private_dir(path.parent)
        write_atomically(path, build, check=check, create_temp=False, leftovers=DATABASE_SIDE_FILES)
    except sqlite3.Error as exc:
        raise _translate(exc) from exc
    except OSError as exc:
        raise StoreError(f"Could not create {path}: {exc.strerror or exc}. Nothing was created.") from None
    return open_store(path, check=False)


def remove_database_files(path: Path) -> None:
    """Remove a database this run created and could not finish, with its -wal and -shm."""
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in DATABASE_SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def memory_store() -> Store:
    """An in-memory database, for tests and the benchmark's floor."""
    conn = _connect(":memory:")
    _configure(conn, in_memory=True)
    store = Store(conn, None)
    migrate(store)
    return store


def schema_version(store: Store) -> int:
    return store.scalar("PRAGMA user_version")


def migrate(store: Store, migrations: list | None = None) -> list[str]:
    """Apply pending migrations, each in its own transaction, after backing the file up."""
    migrations = mig.bundled_migrations() if migrations is None else migrations
    current = schema_version(store)
    latest = mig.latest_version(migrations)
    if current > latest:
        raise StoreError(
            f"The database has schema {current}, newer than this t2025 ({latest}). Upgrade t2025."
        )
    pending = [m for m in migrations if m.number > current]
    if pending and current > 0 and store.path is not None:
        backup(store, backup_dir(store.path) / f"{store.path.stem}-before-v{pending[0].number}-{_stamp()}.db")
    with store.lock:
        for migration in pending:
            mig.apply_migration(store.conn, migration)
    if pending:
        with store.write():
            pass  # the write fills the read models the migrations created (see Store.write)
    return [m.name for m in pending]


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def default_backup_path(db_path: Path) -> Path:
    return backup_dir(db_path) / f"{db_path.stem}-{_stamp()}.db"


def backup(store: Store, destination: Path | str) -> Path:
    """A consistent copy through SQLite's backup API, created 0600.

    The copy is written under a temporary name and renamed when complete, so an interrupted
    backup never leaves a half-written file under a backup's name.
    """
    destination = Path(destination)
    if destination.exists():
        raise StoreError(f"{destination} already exists; choose another backup path.")

    def copy(partial: Path) -> None:
        target = sqlite3.connect(str(partial))
        try:
            with store.lock:
                store.conn.backup(target)
        finally:
            target.close()

    try:
        ensure_private_dir(destination.parent)
        write_atomically(destination, copy, keep_mode=False, leftovers=DATABASE_SIDE_FILES)
    except sqlite3.Error as exc:
        raise _translate(exc) from exc
    except OSError as exc:
        raise StoreError(f"Cannot write the backup {destination}: {exc.strerror or exc}.") from None
    return destination


def integrity_report(store: Store) -> list[str]:
    """Every problem `t2025 check` knows how to find; empty when all is well."""
    problems = [f"quick_check: {p}" for p in quick_check(store.conn)]
    for row in store.query("PRAGMA foreign_key_check"):
        problems.append(f"foreign key: {row['table']} row {row['rowid']} points at a missing {row['parent']}")
    version = schema_version(store)
    if version != mig.latest_version():
        problems.append(f"schema version {version}, expected {mig.latest_version()}")
    if store.scalar("PRAGMA application_id") != mig.APPLICATION_ID:
        problems.append("application_id is not t2025's")
    return problems
