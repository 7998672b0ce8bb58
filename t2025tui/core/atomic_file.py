"""Writing a file so that a failure can never damage the file it would replace.

The new content is written to a temporary file in the target's own folder, flushed to disk,
checked, and only then moved over the target with `os.replace` (atomic on one file system).
Whatever fails on the way, the temporary file (and any SQLite -wal/-shm/-journal beside it) is
removed and the old file stays byte-identical. The pack, the committee report, `t2025 dump`,
backups and new databases all come through here.

On Windows the move fails while another program has the target open (Excel and Word lock the
files they show): after a few short retries, for the virus scanners and indexers that hold a
new file for a moment, that is one `FileInUseError` naming the program to close.
"""

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from t2025tui.core.errors import FileInUseError, ValidationError
from t2025tui.core.portability import restrict_path

# ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
_IN_USE_WINERRORS = {32, 33}
# ERROR_ACCESS_DENIED: also what replacing a file another program holds open can give.
_ACCESS_DENIED_WINERROR = 5
RETRY_DELAYS = (0.05, 0.1, 0.2)

_PROGRAMS = {".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel", ".csv": "Excel", ".docx": "Word"}


def write_atomically(
    target: Path | str,
    write: Callable[[Path], None],
    *,
    check: Callable[[Path], None] | None = None,
    keep_mode: bool = True,
    create_temp: bool = True,
    leftovers: Iterable[str] = (),
    windows: bool = os.name == "nt",
) -> Path:
    """Produce `target` by `write(temp)`, then `check(temp)`, then moving temp over it.

    `create_temp=False` hands `write` a free name instead of an empty file (for a writer that
    refuses to open an existing one). `leftovers` are suffixes of files the writer makes beside
    its file (e.g. ``"-wal"``), removed whatever happens. Exceptions from `write`, `check` and
    the file system are raised as they are, after the clean-up, for the caller to word.
    A name Windows cannot hold (``board: March.xlsx``, ``CON.xlsx``) is refused there first.
    """
    target = Path(target)
    if windows:
        refuse_windows_name(target)
    temp = temp_beside(target)
    try:
        if not create_temp:
            temp.unlink()
        write(temp)
        _fsync(temp)
        if check is not None:
            check(temp)
        if keep_mode and target.exists():
            restrict_path(temp, target.stat().st_mode & 0o777)
        replace(temp, target)
        _fsync_folder(folder_of(target))
    except BaseException:
        _remove(temp)
        raise
    finally:
        for suffix in leftovers:
            _remove(Path(f"{temp}{suffix}"))
    return target


def _remove(path: Path) -> None:
    # A clean-up that fails (Windows: a scanner holds the file) must not hide the real error.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


# Names Windows keeps for devices, whatever the extension ("CON.xlsx" is the console).
_WINDOWS_DEVICES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)),
}
_WINDOWS_FORBIDDEN = set('<>:"|?*')


def windows_name_problem(name: str) -> str | None:
    """Why `name` cannot be a file name on Windows, or None."""
    bad = sorted({c for c in name if c in _WINDOWS_FORBIDDEN or ord(c) < 32})
    if bad:
        shown = " ".join(repr(c) for c in bad)
        return f"Windows does not allow {shown} in a file name"
    if name.split(".")[0].rstrip(" ").upper() in _WINDOWS_DEVICES:
        return f"Windows keeps the name {name.split('.')[0]} for a device"
    if name.endswith((" ", ".")):
        return "Windows drops a space or full stop at the end of a file name"
    return None


def refuse_windows_name(target: Path) -> None:
    problem = windows_name_problem(target.name)
    if problem:
        raise ValidationError(f"{target.name} cannot be used as a file name: {problem}. Choose another name.")


def folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def temp_beside(target: Path) -> Path:
    """A new empty file, private to the user, in `target`'s folder, named after it."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder_of(target))
    os.close(fd)
    return Path(name)


def replace(source: Path, target: Path) -> None:
    """`os.replace`, retried briefly over a sharing violation; `FileInUseError` if it stays."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if not _held_open(exc, target):
                raise
            if delay is None:
                raise FileInUseError(in_use_message(target), target) from None
            time.sleep(delay)


def _held_open(exc: PermissionError, target: Path) -> bool:
    code = getattr(exc, "winerror", None)
    if code in _IN_USE_WINERRORS:
        return True
    # A writable file that still cannot be replaced is held open by another program.
    return code == _ACCESS_DENIED_WINERROR and target.exists() and os.access(target, os.W_OK)


def in_use_message(target: Path) -> str:
    program = _PROGRAMS.get(target.suffix.lower())
    # Packs and reports are exported; dumps, backups and databases are just written.
    where, verb = (f"in {program}", "export") if program else ("in the program that has it open", "save")
    return (
        f"{target} is open in another program: close {target.name} {where}, "
        f"or {verb} under another name (such as {next_free_name(target).name}). "
        "The file was left as it was."
    )


def next_free_name(target: Path) -> Path:
    """`pack.xlsx` -> `pack-2.xlsx` (or -3, ...): the first such name not yet taken."""
    target = Path(target)
    number = 2
    while True:
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open a folder for this, nor need to."""
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
