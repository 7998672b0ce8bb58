"""Writing the pack so that a failure can never damage the file it would replace.

The writing itself is `core.atomic_file`'s; this adds the export's own checks and words.
"""

import errno
import os
from collections.abc import Callable
from pathlib import Path

from t2025tui.core.atomic_file import folder_of, write_atomically
from t2025tui.core.export.errors import ExportError


def _xml_write_errors() -> tuple[type[Exception], ...]:
    """lxml's own error for a failed write: openpyxl writes through lxml when it is installed, and
    lxml reports a full disk as `SerialisationError('IO_ENOSPC')` rather than an OSError."""
    try:
        from lxml.etree import SerialisationError  # type: ignore[import-untyped]  # lxml ships no type stubs
    except ImportError:
        return ()
    return (SerialisationError,)


def _as_os_error(exc: Exception) -> OSError:
    """lxml names the C error (`IO_ENOSPC`, `IO_EFBIG`); turn it back into the OSError it was."""
    name = str(exc).removeprefix("IO_")
    number = getattr(errno, name, None)
    if isinstance(number, int):
        return OSError(number, os.strerror(number))
    return OSError(errno.EIO, f"the file could not be written ({exc})")


def atomic_write(target: Path, write: Callable[[Path], None], check: Callable[[Path], None]) -> Path:
    """Produce `target` by `write(temp)` then `check(temp)`; return the target's path."""
    target = Path(target)
    folder = folder_of(target)
    _refuse_unusable(target, folder)
    try:
        return write_atomically(target, write, check=check)
    except OSError as exc:
        raise ExportError(_message(exc, target, folder)) from None
    except _xml_write_errors() as exc:
        raise ExportError(_message(_as_os_error(exc), target, folder)) from None


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
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
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
