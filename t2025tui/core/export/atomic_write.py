"""Writing the pack so that a failure can never damage the file it would replace.

The writing itself is `core.atomic_file`'s; this adds the export's own checks and words.
"""

import errno
import os
from collections.abc import Callable
from pathlib import Path

from t2025tui.core.atomic_file import folder_of, write_atomically
from t2025tui.core.export.errors import ExportError


def atomic_write(target: Path, write: Callable[[Path], None], check: Callable[[Path], None]) -> Path:
    """Produce `target` by `write(temp)` then `check(temp)`; return the target's path."""
    target = Path(target)
    folder = folder_of(target)
    _refuse_unusable(target, folder)
    try:
        return write_atomically(target, write, check=check)
    except OSError as exc:
        raise ExportError(_message(exc, target, folder)) from None


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
