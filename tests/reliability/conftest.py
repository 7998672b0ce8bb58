"""Helpers for the reliability suite: real `t2025` processes, real files, byte-level checks.

Every command runs as a separate Python process (`python -m t2025tui ...`), so what is
tested is what a user sees: the exit code, stdout, stderr, and the files left behind.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
# Root bypasses file permissions; without these capabilities it obeys them like any user.
WITHOUT_ROOT_FILE_POWERS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def run_t2025(
    *args,
    timeout: float = 60,
    preexec_fn=None,
    stdout=subprocess.PIPE,
    env=None,
    input: str | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess:
    """Run the real CLI in a child process (the environment carries the tmp HOME/T2025_DB).

    `unprivileged` makes file permissions apply even when the suite runs as root.
    """
    prefix = []
    if unprivileged and running_as_root():
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv(1), so file permissions cannot be made to apply")
        prefix = WITHOUT_ROOT_FILE_POWERS
    return subprocess.run(
        [*prefix, PYTHON, "-m", "t2025tui", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
        env=env,
        input=input,
    )


def run_python(code: str, *args, timeout: float = 60, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )


def assert_clean_failure(result: subprocess.CompletedProcess, *, expect: str | None = None) -> str:
    """Non-zero exit, one `t2025: error:` line on stderr, no traceback, no SQLite jargon alone."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"expected failure, got exit 0: {output!r}"
    assert "Traceback" not in output, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one error line, got {lines!r}"
    assert lines[0].startswith("t2025: error: "), lines[0]
    if expect is not None:
        assert expect.lower() in lines[0].lower(), lines[0]
    return lines[0]


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output


APP_MODULE = Path(__file__).resolve().parents[2] / "t2025tui" / "tui" / "app.py"
# Tests that drive real Unix processes (pseudo-terminals, kill -9, file-size limits) cannot even
# be imported on Windows; there tests/portability's simulated-Windows tests stand in for them.
UNIX_ONLY_MODULES = ["pty_app.py", "test_signals.py", "test_disk_full.py", "test_kill9.py"]
collect_ignore = [] if os.name == "posix" else UNIX_ONLY_MODULES

needs_app = pytest.mark.skipif(
    not APP_MODULE.exists(), reason="the terminal app (t2025tui/tui/app.py) has not landed yet"
)


def app_param(command: tuple) -> object:
    """A parametrize value for `t2025 [command]`; the app case waits for the app to exist."""
    return command if command else pytest.param(command, marks=needs_app)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> dict[str, str]:
    """Name -> sha256 of every file in a folder (recursively): proves nothing was written."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def file_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def running_as_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0  # Windows has no user ids


@pytest.fixture
def seeded_copy(seeded_db_path, tmp_path):
    """A factory: a fresh, closed copy of the seeded database (WAL checkpointed) at a new path."""
    counter = iter(range(10_000))

    def make(name: str | None = None) -> Path:
        folder = tmp_path / f"copy{next(counter)}"
        folder.mkdir(mode=0o700)
        target = folder / (name or "t2025.db")
        shutil.copy2(seeded_db_path, target)
        return target

    return make
