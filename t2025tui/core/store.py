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
from typing import NoReturn

from t2025tui.core import migrations as mig
from t2025tui.core.atomic_file import write_atomically
from t2025tui.core.database_files import SIDECAR_SUFFIXES, SQLITE_MAGIC, refuse_database_target
from t2025tui.core.errors import (
    DatabaseDamagedError,
    DatabaseReplacedError,
    StoreBusyError,
    StoreError,
    T2025Error,
    ValidationError,
)
from t2025tui.core.overwrite_watch import OverwriteWatch
from t2025tui.core.paths import create_private_file, ensure_private_dir
from t2025tui.core.portability import make_writable_hint, readonly_uri
from t2025tui.core.search_index import index_problems

BUSY_TIMEOUT_MS = 5000
# Files SQLite keeps beside a database while it is open or mid-transaction.
DATABASE_SIDE_FILES = SIDECAR_SUFFIXES

BeforeCommitHook = Callable[[sqlite3.Connection], None]

# Run inside every write transaction, just before it commits, by every store: how kept read
# models (core/figures.py registers one) stay complete without the store knowing about them.
# A hook that fails with an SQLite error does not stop the write: readers compute what is missing.
BEFORE_COMMIT_HOOKS: list[BeforeCommitHook] = []


def register_before_commit(hook: BeforeCommitHook) -> None:
    if hook not in BEFORE_COMMIT_HOOKS:
        BEFORE_COMMIT_HOOKS.append(hook)


# SQLite's primary result codes for a damaged file (the extended codes keep them in the low byte).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def is_damage(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    lower = str(exc).lower()
    return "malformed" in lower or "not a database" in lower


def damaged_message(path: Path | None, detail: str) -> str:
    where = f"The database file {path}" if path is not None else "The database file"
    beside = " (see the backups folder beside it)" if path is not None else ""
    return (
        f"{where} is damaged ({detail}). Nothing more will be saved to it; restore it from a backup{beside}."
    )


def _translate(exc: sqlite3.Error, path: Path | None = None) -> Exception:
    """Turn SQLite's messages into ones a programme manager can act on."""
    text = str(exc)
    lower = text.lower()
    if is_damage(exc):
        return DatabaseDamagedError(damaged_message(path, text))
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
    if "unique constraint" in lower:
        column = text.rsplit(".", 1)[-1]
        return ValidationError(f"another record already has this {column}; choose a different one", column)
    if "check constraint" in lower or "foreign key" in lower or "not null" in lower:
        return ValidationError(f"the value was refused by the database ({text})")
    return StoreError(f"Database error: {text}")


def _invalid_text() -> ValidationError:
    """A lone surrogate (from a broken paste or file) cannot even be looked up in SQLite."""
    return ValidationError("the text contains an invalid character (a lone surrogate); retype it")


def log_left_behind(path: Path) -> bool:
    """Whether a write-ahead log with content lies beside the file. A t2025 that closes cleanly
    folds its log into the file and removes it; one still there means another t2025 has the file
    open now, or the last one was killed or lost power."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def inspect_file(path: Path) -> None:
    """Refuse, without writing, a file that is not a usable t2025 database.

    The raw header is only the file's state at the last checkpoint: when it is not t2025's but a
    write-ahead log lies beside it, SQLite's own view (the log replayed) decides, so a file
    SQLite can read is never called foreign (see `_readable_through_log`)."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file. Give the path of a .db file.")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except PermissionError:
        raise StoreError(f"{path} cannot be read: permission denied. Check the file's permissions.") from None
    except OSError as exc:
        raise StoreError(f"{path} cannot be read: {exc.strerror}.") from None
    log = log_left_behind(path)
    try:
        _inspect_header(path, header, size, log)
    except StoreError:
        if log:
            _readable_through_log(path)
        raise


def _inspect_header(path: Path, header: bytes, size: int, log: bool) -> None:
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
    # The page count in the header is valid when its version stamp matches the change counter;
    # a file shorter than that count has lost its end. (With a log, pages may be in the log.)
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (pages,) = struct.unpack(">I", header[28:32])
    if not log and header[24:28] == header[92:96] and pages * page_size > size:
        raise StoreError(
            f"{path} is truncated ({size:,} bytes of the {pages * page_size:,} it should have). "
            "Restore it from a backup."
        )


def _readable_through_log(path: Path) -> None:
    """The raw header was refused but a log lies beside the file: if SQLite, replaying the log,
    reads a t2025 database, say what is wrong and how to get a sound copy, instead of "foreign"."""
    shm = Path(f"{path}-shm")
    had_shm = shm.exists()
    try:
        conn = sqlite3.connect(readonly_uri(path.resolve()), uri=True, isolation_level=None)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return
    finally:
        if not had_shm:
            shm.unlink(missing_ok=True)
    if application_id == mig.APPLICATION_ID:
        raise StoreError(
            f"{path} does not start with a database header on disk, but SQLite can read it through "
            f"its write-ahead log ({path.name}-wal), which holds the header: the log was probably removed "
            "or replaced while t2025 had the file open. It was left untouched; write a sound copy with "
            f"`t2025 check --repair --db {path}` and use that copy."
        )


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

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        reads_for: "Store | None" = None,
        unclean_shutdown: bool = False,
    ):
        self.conn = conn
        self.path = path
        # A read-only view made from another store (an export's snapshot): damage it meets is
        # damage of that store's file, so that store refuses writes too.
        self.reads_for = reads_for
        # The file had a write-ahead log with content when it was opened: either another t2025
        # has it open, or the last one did not close cleanly (see open_store).
        self.unclean_shutdown = unclean_shutdown
        self.lock = threading.RLock()
        self._checkpoint_lock = threading.Lock()
        self._checkpointer: sqlite3.Connection | None = None  # see checkpoint()
        # Set when a check, or any read or write, found the file damaged: every write is
        # refused with this message rather than risk making the damage worse.
        self.refuse_writes: str | None = None
        # Which file (device, inode) the path named when it was opened, and its log's: SQLite
        # keeps using the files it opened, so if the path comes to name another file (moved
        # over, restored, removed), every later save would go where nobody will see it.
        self._opened_as = _identity(path) if path is not None else None
        self._log_opened_as = _identity(Path(f"{path}-wal")) if path is not None else None
        # A file copied over it keeps the inode: its bytes changing outside SQLite is the sign.
        self._overwrite = OverwriteWatch(path) if path is not None else None
        self.replaced: str | None = None
        # Counts reopenings (reopen()), so what is kept per store can tell it is another file now.
        self.generation = 0
        self._checkpoints_told = False
        self.closed = False
        if self._overwrite is not None and self._overwrite.log_is_empty():
            with suppress(sqlite3.Error):  # a damaged file is reported by the first real read
                self._overwrite.note_log_copied(self._raw_data_version())

    def _failed(self, exc: sqlite3.Error) -> Exception:
        """The user's message for an SQLite error; damage also stops every later write."""
        if self.replaced:  # after a failed reopen the connection is closed: say why
            return DatabaseReplacedError(self.replaced)
        named = self.path if self.path is not None else (self.reads_for.path if self.reads_for else None)
        translated = _translate(exc, named)
        if isinstance(translated, DatabaseDamagedError):
            self.refuse_writes = str(translated)
            if self.reads_for is not None:
                self.reads_for.refuse_writes = str(translated)
        return translated

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
                raise self._failed(exc) from exc
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
                raise self._failed(exc) from exc
            except UnicodeEncodeError:
                raise _invalid_text() from None
        return row[0] if row else None

    def data_version(self) -> int:
        """Changes when another connection commits: how a screen knows to reload. Raises
        DatabaseReplacedError once the path no longer names the file that was opened."""
        self.ensure_same_file()
        return self.scalar("PRAGMA data_version")

    def ensure_same_file(self) -> None:
        """Raise DatabaseReplacedError (and refuse writes from then on) if the database's path,
        or its write-ahead log's, no longer names the file this store opened."""
        if self.replaced:
            raise DatabaseReplacedError(self.replaced)
        if self.path is None or self._opened_as is None:
            return
        now = _identity(self.path)
        log = Path(f"{self.path}-wal")
        if now != self._opened_as:
            what = "was removed" if now is None else "was replaced by another file"
            self._refuse_replaced(
                f"{self.path} {what} while t2025 had it open (moved, restored or copied over it)"
            )
        log_now = _identity(log)
        if self._log_opened_as is None:
            self._log_opened_as = log_now
        elif log_now != self._log_opened_as:
            what = "was removed" if log_now is None else "was replaced"
            self._refuse_replaced(
                f"{self.path}'s write-ahead log ({log.name}) {what} while t2025 had it open"
            )
        if self._overwrite is not None and self._overwrite.overwritten(self._raw_data_version):
            self._refuse_replaced(
                f"{self.path} was overwritten while t2025 had it open (another file was copied over it)"
            )

    def _raw_data_version(self) -> int:
        with self.lock:
            try:
                return self.conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error as exc:
                raise self._failed(exc) from exc

    @property
    def log_copied(self) -> bool:
        """Whether the log is known to be copied into the file in full (only then is a copy
        over the file noticed; `checkpoint()` gets there)."""
        return self._overwrite is None or self._overwrite.log_copied

    def _refuse_replaced(self, what_happened: str) -> NoReturn:
        self.replaced = (
            f"{what_happened}. Nothing more will be saved from here: it would go to the old file, "
            f"which nobody will see again. Reopen {self.path} to work on the file that is there now."
        )
        self.refuse_writes = self.replaced
        raise DatabaseReplacedError(self.replaced)

    # Writing ---------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One `BEGIN IMMEDIATE` transaction: all of it is saved, or none of it."""
        self.ensure_same_file()
        if self.refuse_writes:
            raise StoreError(self.refuse_writes)
        with self.lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._failed(exc) from exc
            try:
                yield self.conn
                _run_before_commit_hooks(self.conn)
                self.ensure_same_file()  # a long write (an import) may outlast the file
                self.conn.execute("COMMIT")
                if self._overwrite is not None:
                    self._overwrite.note_own_commit()
            except BaseException as exc:
                if self.conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._failed(exc) from exc
                raise

    # Checkpoints --------------------------------------------------------------
    def checkpoint_when_told(self) -> None:
        """Stop SQLite copying the write-ahead log into the file inside a commit (every 1,000
        pages: a stall of up to a second on a large file, in the middle of an edit). The owner
        calls `checkpoint()` instead, when nobody is waiting on it (the app: after each save has
        been drawn). A commit is just as durable either way; only the copying moves."""
        with self.lock:
            self.conn.execute("PRAGMA wal_autocheckpoint = 0")
            self._checkpoints_told = True

    def checkpoint(self) -> None:
        """Copy what the log holds into the database file, without waiting on other readers.
        Best effort: what is not copied now stays safe in the log for the next time.

        On a connection of its own (opened the first time): the copy and its sync take tens of
        milliseconds on a large file, and holding this store's lock meanwhile would hold up its
        next read, which in the app is on the UI thread (the next workstream in stand-up).

        When it finds nothing left in the log, the overwrite watch is told, with the
        `data_version` read before it began: a commit by another process meanwhile then shows
        as a moved version, never as the file changing under a quiet log (a false alarm)."""
        with self._checkpoint_lock, suppress(sqlite3.Error):
            if self.path is None:  # in memory: no log
                return
            if self.replaced or _identity(self.path) != self._opened_as:
                return  # never copy this log's pages into a file that is no longer ours
            if self._checkpointer is None:
                self._checkpointer = _connect(str(self.path))
                self._checkpointer.execute("PRAGMA synchronous = FULL")
            watch, before, version = self._overwrite, 0, None
            # The version is read only if the store's lock is free this instant: waiting for it
            # is what the own connection avoids; without it the log is just not noted as copied
            # this time (the next checkpoint tries again).
            if watch is not None and self.lock.acquire(blocking=False):
                try:
                    before, version = watch.state(), self.conn.execute("PRAGMA data_version").fetchone()[0]
                finally:
                    self.lock.release()
            busy, frames, copied = self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if watch is not None and version is not None and not busy and frames == copied:
                watch.note_log_copied(version, own_commits_then=before)

    def close(self) -> None:
        with self._checkpoint_lock:
            if self._checkpointer is not None:
                self._checkpointer.close()
                self._checkpointer = None
        with self.lock:
            self.conn.close()
            self.closed = True

    def reopen(self) -> Path | None:
        """Open the path again, in this same object (so every holder of it follows), after the
        file was moved, replaced or copied over. The new file gets every check of a first open;
        if it fails them, this store stays closed and refuses every save with the reason, and
        reopen() may be tried again.

        The old file's log is still at the path's `-wal` name, and SQLite cannot fold it into a
        file that was moved or removed; left there, it would be read as the new file's (pages
        of the old file over the new one). So first, if the old file's log holds anything, the
        old file as this store sees it is kept whole through the backup API, then the old log is
        removed. Returns where that copy is, or None."""
        if self.path is None:
            raise StoreError("Only a database file can be reopened.")
        with self.lock:
            # After a reopen that failed, the old connection is closed already: nothing to keep.
            kept = None if self.closed else self._keep_old_file_from_its_log()
            self.close()
            log = Path(f"{self.path}-wal")
            if kept is not None and _identity(log) == self._log_opened_as:
                log.unlink(missing_ok=True)
                Path(f"{self.path}-shm").unlink(missing_ok=True)
            try:
                fresh = open_store(self.path)
            except T2025Error as exc:
                self.replaced = self.refuse_writes = f"Could not reopen {self.path}: {exc}"
                raise
            self.conn, self.closed = fresh.conn, False
            self.__dict__.pop("db", None)  # sqlite-utils' view of the old connection
            self.unclean_shutdown = fresh.unclean_shutdown
            self.refuse_writes = fresh.refuse_writes
            self.replaced = None
            self._opened_as, self._log_opened_as = fresh._opened_as, fresh._log_opened_as
            self._overwrite = fresh._overwrite
            self.generation += 1
            if self._checkpoints_told:
                self.checkpoint_when_told()
        return kept

    def _keep_old_file_from_its_log(self) -> Path | None:
        assert self.path is not None
        log = Path(f"{self.path}-wal")
        moved = _identity(self.path) != self._opened_as
        if not moved or self._log_opened_as is None or _identity(log) != self._log_opened_as:
            return None  # SQLite folds the log into the file, or the log is not the old file's
        if not log_left_behind(self.path):
            return None
        target = backup_dir(self.path) / f"{self.path.stem}-replaced-{_stamp()}.db"
        try:
            return backup(self, target)
        except T2025Error as exc:
            raise StoreError(
                f"Could not keep the replaced file's last changes ({exc}); nothing was reopened."
            ) from None


def _identity(path: Path) -> tuple[int, int] | None:
    """The file a path names now (device, inode; Windows gives its file index), or None."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _run_before_commit_hooks(conn: sqlite3.Connection) -> None:
    for hook in BEFORE_COMMIT_HOOKS:
        try:
            hook(conn)
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
    """Every page read and checked; the problems found (SQLite may also stop at the first one)."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.Error as exc:
        if is_damage(exc):
            return [str(exc)]
        raise
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


def open_store(path: Path | str, *, check: bool | None = None, migrations: list | None = None) -> Store:
    """Open an existing t2025 database, migrating it forward (after a check and a backup) if needed.

    Always checked at once, reading no more than the first page: the header (is it SQLite, is
    it whole), the application id and the schema version. The full `quick_check` reads every
    page (about 0.46 s at 100,000 milestones), so it runs only where it earns that cost: with
    `check=True` (`t2025 backup`), before a migration, and, with the default `check=None`, after
    an unclean shutdown (`log_left_behind`). `t2025 check` runs its own. Anywhere else SQLite
    reports damage when a read meets it: that is a DatabaseDamagedError, and the store then
    refuses every write.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(f"No database at {path}. Create one with: t2025 init --db {path}")
    inspect_file(path)
    _check_writable(path)
    unclean = log_left_behind(path)
    full = unclean if check is None else check
    _verify_readonly(path, full)
    try:
        conn = _connect(str(path))
        _configure(conn, in_memory=False)
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    store = Store(conn, path, unclean_shutdown=unclean)
    try:
        migrate(store, migrations, checked=full)
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
    return open_store(path, check=True)  # a file just made is read whole once before it is handed over


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


def migrate(store: Store, migrations: list | None = None, *, checked: bool = False) -> list[str]:
    """Apply pending migrations, each in its own transaction, after checking the file in full
    (unless the caller just did: `checked`) and backing it up."""
    migrations = mig.bundled_migrations() if migrations is None else migrations
    current = schema_version(store)
    latest = mig.latest_version(migrations)
    if current > latest:
        raise StoreError(
            f"The database has schema {current}, newer than this t2025 ({latest}). Upgrade t2025."
        )
    pending = [m for m in migrations if m.number > current]
    if pending and current > 0 and store.path is not None:
        problems = [] if checked else quick_check(store.conn)
        if problems:
            raise DatabaseDamagedError(
                f"{store.path} is damaged ({problems[0]}), so it was not upgraded to this version of "
                "t2025. Restore it from a backup (see the backups folder beside it)."
            )
        backup(store, backup_dir(store.path) / f"{store.path.stem}-before-v{pending[0].number}-{_stamp()}.db")
    with store.lock:
        for migration in pending:
            mig.apply_migration(store.conn, migration)
    if pending:
        with store.write():
            pass  # the before-commit hooks fill the read models the migrations created
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
    refuse_database_target(destination, store.path, what="a backup")
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


def integrity_report(store: Store, *, checked: bool = False) -> list[str]:
    """Every problem `t2025 check` knows how to find; empty when all is well. `checked`: the
    store was opened with `check=True`, so its pages were read and found sound just now."""
    problems = [] if checked else [f"quick_check: {p}" for p in quick_check(store.conn)]
    for row in store.query("PRAGMA foreign_key_check"):
        problems.append(f"foreign key: {row['table']} row {row['rowid']} points at a missing {row['parent']}")
    version = schema_version(store)
    if version != mig.latest_version():
        problems.append(f"schema version {version}, expected {mig.latest_version()}")
    if store.scalar("PRAGMA application_id") != mig.APPLICATION_ID:
        problems.append("application_id is not t2025's")
    with store.lock:
        problems += index_problems(store.conn)
    return problems


def recovered_copy_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-recovered-{_stamp()}.db")


def write_recovered_copy(path: Path, destination: Path) -> Path:
    """Copy what SQLite reads at `path` (its write-ahead log replayed) into a new file through
    the backup API, and check the copy in full; the file at `path` is only read.

    For a file whose header on disk is stale or overwritten but whose log holds the sound
    pages (see `_readable_through_log`), the copy is whole, with the header in place."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"No database at {path}; nothing to recover.")
    refuse_database_target(destination, path, what="a recovered copy")
    if destination.exists():
        raise StoreError(f"{destination} already exists; choose another path for the recovered copy.")
    shm = Path(f"{path}-shm")
    had_shm = shm.exists()  # a read-only look may create it; it is removed again after
    try:
        source = sqlite3.connect(readonly_uri(path.resolve()), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened by SQLite ({exc}); restore it from a backup.") from None
    partial = Store(source, path)
    try:
        if partial.scalar("PRAGMA application_id") != mig.APPLICATION_ID:
            raise StoreError(
                f"{path} is not a t2025 database, even read through SQLite; nothing was written."
            )
        backup(partial, destination)
    finally:
        partial.close()
        if not had_shm:
            shm.unlink(missing_ok=True)
    problems = check_file_integrity(destination)
    if problems:
        remove_database_files(destination)
        raise DatabaseDamagedError(
            f"{path} is damaged beyond what a copy can mend ({problems}); restore it from a backup "
            "(see the backups folder beside it)."
        )
    return destination
