"""Writing a file so that a failure can never damage the file it would replace.

The new file is written to a temporary file in the target's own folder, flushed to disk,
checked, and only then moved over the target with `os.replace` (atomic on one filesystem).
Whatever fails on the way, the temporary file is removed and the old file stays byte-identical.
"""

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from t2025tui.core.export.errors import ExportError


def atomic_write(target: Path, write: Callable[[Path], None], check: Callable[[Path], None]) -> Path:
    """Produce `target` by `write(temp)` then `check(temp)`; return the target's path."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    _refuse_unusable(target, folder)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(_message(exc, target, folder)) from None
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        _fsync(temp)
        check(temp)
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        os.replace(temp, target)
        _fsync_folder(folder)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ExportError(_message(exc, target, folder)) from None
        raise
    return target


def _refuse_unusable(target: Path, folder: Path) -> None:
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name ending in .xlsx inside it.")
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist; create it or choose another path.")
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportError(
            f"{target} is read-only; make it writable or choose another file name. It was not changed."
        )


def _message(exc: OSError, target: Path, folder: Path) -> str:
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        why = "the disk is full; free some space and try again"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        why = f"permission denied in {folder} (the folder is read-only); choose another folder"
    elif exc.errno == errno.EROFS:
        why = f"{folder} is on a read-only disk; choose another folder"
    elif exc.errno == errno.ENAMETOOLONG:
        why = "the file name is too long; choose a shorter one"
    else:
        why = exc.strerror or str(exc)
    kept = " The existing file was left unchanged." if target.exists() else ""
    return f"Could not write {target}: {why}.{kept}"


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder for this."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
