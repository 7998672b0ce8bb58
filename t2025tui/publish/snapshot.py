"""Consistent read-only copies of the live database, each in a private folder of one process.

The live file is only ever opened with `mode=ro`: the copy is made by SQLite's backup API inside
one read transaction (so it is consistent even while the app is saving, and never blocks the
app's writes), then checked and, if the live file is of an older schema, migrated - the copy,
never the live file. Two `t2025 serve` processes on one file each have their own folder.
"""

import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

from t2025tui.core import migrations as mig
from t2025tui.core.errors import StoreError
from t2025tui.core.paths import create_private_file
from t2025tui.core.portability import readonly_uri
from t2025tui.core.store import (
    Store,
    _check_identity,  # the one wording of "not a t2025 database" / "made by a newer version"
    check_file_integrity,
    inspect_file,
    migrate,
    quick_check,
)


class Snapshots:
    """Takes snapshots of `live` into a new private temporary folder, and removes them all on close."""

    def __init__(self, live: Path):
        live = Path(live)
        if not live.exists():
            raise StoreError(f"No database at {live}. Create one with: t2025 init --db {live}")
        inspect_file(live)  # refuses, without writing, anything that is not a usable t2025 file
        problem = check_file_integrity(live)
        if problem:
            raise StoreError(problem)
        self.live = live
        self.folder = Path(tempfile.mkdtemp(prefix="t2025-serve-"))  # 0700, unique to this process
        self._lock = threading.Lock()
        self._source: sqlite3.Connection | None = None
        self._source_inode: int | None = None
        self._seen: tuple | None = None
        self._taken = 0

    # The live file ---------------------------------------------------------------------
    def _open_source(self) -> sqlite3.Connection:
        inode = self.live.stat().st_ino
        if self._source is None or inode != self._source_inode:  # replaced (a restore, a load)
            self._close_source()
            try:
                self._source = sqlite3.connect(
                    readonly_uri(self.live),
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error as exc:
                raise StoreError(f"{self.live} cannot be opened for reading: {exc}.") from None
            self._source_inode = inode
        return self._source

    def _close_source(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def _signature(self) -> tuple:
        """Moves whenever someone commits to the live file: its log's size and time (every
        commit appends to it), the file itself (a checkpoint, a replaced file) and SQLite's
        data_version (a commit, seen through the connection the copies are made with)."""
        try:
            stats: list[tuple[int, int, int] | None] = []
            for path in (self.live, Path(f"{self.live}-wal")):
                if path.exists():
                    st = path.stat()
                    stats.append((st.st_ino, st.st_size, st.st_mtime_ns))
                else:
                    stats.append(None)
            version = self._open_source().execute("PRAGMA data_version").fetchone()[0]
        except OSError as exc:
            raise StoreError(f"{self.live} cannot be read ({exc.strerror or exc}).") from None
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None
        return (*stats, self._source_inode, version)

    def changed(self) -> bool:
        """Whether the live file has changed since the last snapshot was taken."""
        with self._lock:
            return self._signature() != self._seen

    # Snapshots ----------------------------------------------------------------------------
    def take(self) -> Path:
        """A new snapshot file, checked (and migrated to this version's schema if older).

        A live file found damaged, foreign or newer is refused with the same message the other
        commands give; the caller keeps serving the last good snapshot.
        """
        with self._lock:
            signature = self._signature()
            self._taken += 1
            target = self.folder / f"snapshot-{self._taken}.db"
            try:
                create_private_file(target)
                self._copy_into(target)
            except OSError as exc:
                target.unlink(missing_ok=True)
                raise self._cannot_write(exc.strerror or str(exc)) from None
            except BaseException:
                target.unlink(missing_ok=True)
                raise
            self._seen = signature
            return target

    def _copy_into(self, target: Path) -> None:
        copy = sqlite3.connect(str(target), isolation_level=None, check_same_thread=False)
        try:
            try:
                self._open_source().backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one file: immutable needs no -wal
                application_id = copy.execute("PRAGMA application_id").fetchone()[0]
                user_version = copy.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.Error as exc:
                if "full" in str(exc).lower():  # the copy's disk, not the live file
                    raise self._cannot_write("the disk is full") from None
                raise self._damaged(exc) from None
            _check_identity(self.live, application_id, user_version)
            problems = quick_check(copy)
            if problems:
                raise StoreError(f"{self.live} is damaged ({problems[0]}). Restore it from a backup.")
            if user_version < mig.latest_version():
                migrate(Store(copy, None))  # the copy only: serving never upgrades the live file
        finally:
            copy.close()

    def _cannot_write(self, why: str) -> StoreError:
        return StoreError(
            f"Could not write a fresh copy of {self.live} into {self.folder} ({why}). "
            "Free some space there; the live file is untouched."
        )

    def _damaged(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(
            f"{self.live} is damaged or not a t2025 database ({exc}). "
            "Restore it from a backup (see the backups folder beside it)."
        )

    def close(self) -> None:
        """Forget the live file and remove every snapshot (and the folder) this process made."""
        with self._lock:
            self._close_source()
        shutil.rmtree(self.folder, ignore_errors=True)
