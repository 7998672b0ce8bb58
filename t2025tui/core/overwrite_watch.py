"""Noticing another file copied over the open database (`cp backup.db t2025.db`).

A copy over the file keeps its device and inode, so the store's identity check cannot see it.
What it changes is the main file's size and times. In WAL mode only a checkpoint writes the
main file, and a checkpoint only copies frames out of the log. So once the log is known to be
copied in full (a checkpoint of this store's reported nothing left, or the log was empty), the
main file cannot legitimately change until someone commits again, and a commit shows: the log
file changes and `PRAGMA data_version` moves (another connection's) or the store says so (its
own). A main file that changed with neither is a file written by something that is not SQLite.
When the log is not known to be copied (another window committed and this one has not
checkpointed since), nothing is decided, so there is never a false alarm; see
docs/reliability.md for what that leaves unnoticed.

Nothing here opens the database or its -shm: on Unix, closing any descriptor of a file drops
every lock the process holds on it, SQLite's included (then another t2025 closing the file
takes itself for the last one and removes the log). `os.stat` on a path opens nothing.
"""

import os
from collections.abc import Callable
from pathlib import Path


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class OverwriteWatch:
    """The main file and the log as they were when the log was last known copied in full."""

    def __init__(self, path: Path):
        self.main_path = path
        self.log_path = Path(f"{path}-wal")
        self._copied: tuple | None = None
        self._own_commits = 0  # this store's commits so far: a checkpoint started before one

    @property
    def log_copied(self) -> bool:
        return self._copied is not None

    def state(self) -> int:
        """What `note_log_copied` compares with: read just before a checkpoint begins."""
        return self._own_commits

    def note_log_copied(self, data_version: int, own_commits_then: int | None = None) -> None:
        """Call right after a checkpoint found nothing left in the log (or it was empty). A
        checkpoint that began before this store's latest commit (the checkpoint runs on its own
        connection, beside the saves) proves nothing about that commit's frames: ignored."""
        if own_commits_then is not None and own_commits_then != self._own_commits:
            return
        self._copied = (_stamp(self.main_path), _stamp(self.log_path), data_version)

    def note_own_commit(self) -> None:
        """This store wrote frames to the log: a checkpoint may now write the main file."""
        self._own_commits += 1
        self._copied = None

    def log_is_empty(self) -> bool:
        stamp = _stamp(self.log_path)
        return stamp is None or stamp[0] == 0

    def overwritten(self, data_version: Callable[[], int]) -> bool:
        if self._copied is None:
            return False
        main_then, log_then, version_then = self._copied
        # The main file first: a legitimate change to it comes after a commit, which the log's
        # stamp and data_version, read after it, then show.
        main = _stamp(self.main_path)
        log = _stamp(self.log_path)
        if log != log_then or data_version() != version_then:
            self._copied = None  # someone committed: their checkpoint may write the file
            return False
        return main != main_then
