"""A Linux process made to look like Windows to t2025: the Unix-only calls taken away.

Nothing in CI runs Windows, so these fixtures remove what Windows lacks (`signal.SIGHUP`,
`os.fchmod`, `os.sysconf`, a readable /proc), and can make `os.replace` fail over a file
"open in Excel" the way Windows does (a `PermissionError` carrying winerror 32).
"""

import builtins
import io
import os
import signal
from pathlib import Path

import pytest

SHARING_VIOLATION = 32


def _is_proc(file) -> bool:
    if isinstance(file, int):
        return False
    try:
        return os.fspath(file).startswith("/proc")
    except TypeError:
        return False


@pytest.fixture
def like_windows(monkeypatch):
    """Take away the attributes Windows does not have, and make /proc unreadable."""
    monkeypatch.delattr(signal, "SIGHUP")
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.delattr(os, "sysconf")
    real_open = io.open

    def open_without_proc(file, *args, **kwargs):
        if _is_proc(file):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_without_proc)
    monkeypatch.setattr(builtins, "open", open_without_proc)


def sharing_violation(path) -> PermissionError:
    error = PermissionError(
        13, "The process cannot access the file because it is being used by another process", str(path)
    )
    # Only Windows gives an OSError this attribute, so it is set by hand.
    setattr(error, "winerror", SHARING_VIOLATION)  # noqa: B010
    return error


@pytest.fixture
def open_in_excel(monkeypatch):
    """`hold(path, times=None)`: replacing `path` fails as on Windows while Excel has it open
    (for the first `times` attempts only, as a virus scanner's brief hold does)."""
    real_replace = os.replace
    held: dict[Path, int | None] = {}
    attempts: dict[Path, int] = {}

    def replace(src, dst, *args, **kwargs):
        target = Path(os.path.abspath(dst))
        if target in held:
            attempts[target] = attempts.get(target, 0) + 1
            limit = held[target]
            if limit is None or attempts[target] <= limit:
                raise sharing_violation(dst)
        return real_replace(src, dst, *args, **kwargs)

    def hold(path, times: int | None = None) -> dict[Path, int]:
        held[Path(os.path.abspath(path))] = times
        return attempts

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr("t2025tui.core.atomic_file.RETRY_DELAYS", (0.0, 0.0, 0.0))
    return hold
