"""The calls that differ between Windows, macOS and Linux, each guarded in one place.

Guards test for the feature (``getattr(os, "fchmod", None)``) rather than the platform's name,
so a test on Linux can take a Unix-only attribute away and see what a Windows laptop would do,
and ``mypy --platform win32`` (see ``.ci/typecheck``) finds any Unix-only call left unguarded.
"""

import ntpath
import os
import signal
import sys
from pathlib import Path
from urllib.parse import quote

# SIGTERM: asked to stop (Unix; Windows only raises it from within the process).
# SIGHUP: the terminal was closed (Unix only).
# SIGBREAK: ctrl+break or the console window closing (Windows only).
_EXIT_SIGNAL_NAMES = ("SIGTERM", "SIGHUP", "SIGBREAK")


def exit_signals() -> list[signal.Signals]:
    """The signals that mean "finish now" and exist on this system."""
    return [getattr(signal, name) for name in _EXIT_SIGNAL_NAMES if hasattr(signal, name)]


def file_modes_apply() -> bool:
    """Whether owner-only modes (0600/0700) mean anything here.

    On Windows a file's access is set by the folder's access list, and the per-user data folder
    (``%LOCALAPPDATA%``) is readable only by its owner already; ``os.chmod`` there can only
    toggle the read-only flag, so nothing pretends to tighten it.
    """
    return os.name == "posix"


def restrict_open_file(fd: int, mode: int) -> None:
    """Set the mode of an open file, overriding the umask, where the system has modes."""
    fchmod = getattr(os, "fchmod", None)  # not on Windows before Python 3.13
    if fchmod is not None and file_modes_apply():
        fchmod(fd, mode)


def restrict_path(path: Path | str, mode: int) -> None:
    if file_modes_apply():
        os.chmod(path, mode)


def make_writable_hint(path: Path | str) -> str:
    """How to make a read-only file writable, in this system's words."""
    if os.name == "nt":
        return f"clear Read-only in the Properties of {path}"
    return f"chmod u+w {path}"


def process_age() -> float | None:
    """Seconds since this process started, where the system says (Linux's /proc); else None."""
    sysconf = getattr(os, "sysconf", None)  # not on Windows
    if sysconf is None:
        return None
    try:
        ticks = sysconf("SC_CLK_TCK")
        with open("/proc/self/stat", encoding="ascii") as handle:
            started = int(handle.read().rsplit(")", 1)[1].split()[19]) / ticks
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
    except (OSError, ValueError, IndexError):  # no /proc (macOS), or unreadable
        return None
    return max(uptime - started, 0.0)


def readonly_uri(path: Path | str, *, windows: bool = os.name == "nt") -> str:
    r"""A SQLite URI that opens `path` read-only, on every system.

    `Path.as_uri()` turns a Windows share (``\\server\share\t2025.db``, which is also what a
    mapped drive resolves to) into ``file://server/...``, whose authority SQLite refuses, and a
    long-path name (``\\?\C:\...``) into one it cannot read. Here the path follows an empty
    authority (``file:///C:/...``, ``file:////server/share/...``), percent-encoded.
    """
    text = ntpath.abspath(path) if windows else os.path.abspath(path)
    if windows:
        text = text.replace("\\", "/")
        if text.upper().startswith("//?/UNC/"):
            text = "//" + text[len("//?/UNC/") :]
        elif text.startswith("//?/"):
            text = text[len("//?/") :]
        if not text.startswith("/"):
            text = "/" + text  # /C:/..., which SQLite reads as the drive
    return f"file://{quote(text, safe='/:')}?mode=ro"


def utf8_output(streams: list[object] | None = None) -> None:
    """Output redirected to a file or pipe is UTF-8 everywhere; a terminal keeps its encoding
    but never fails on a character it lacks.

    On Windows a redirected stream uses the ANSI code page (cp1252), so `t2025 summary > s.txt`
    with a name such as "Ωmega", or an error line naming such a folder, would stop with
    UnicodeEncodeError; the console itself is UTF-8 already.
    """
    for stream in streams if streams is not None else [sys.stdout, sys.stderr]:
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if reconfigure is None or encoding == "utf8":
            continue
        isatty = getattr(stream, "isatty", None)
        try:
            if callable(isatty) and isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8")
        except (OSError, ValueError):  # a closed or detached stream: leave it as it is
            pass
