"""The app on a real pseudo-terminal, for tests that need a terminal: type keys, read output.

`note_saved` reads the database read-only, so it can be polled while the app holds it open.
"""

import fcntl
import os
import pty
import select
import sqlite3
import struct
import subprocess
import termios
import time

from tests.reliability.conftest import PYTHON


class PtyApp:
    def __init__(self, db, preexec_fn=None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [PYTHON, "-m", "t2025tui", "--db", str(db)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
            preexec_fn=preexec_fn,
        )
        os.close(slave)
        self.output = bytearray()

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, condition, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            self.pump(0.1)
        raise AssertionError(f"timed out waiting for {what}; output tail: {bytes(self.output[-600:])!r}")

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode())
            self.pump(0.01)

    def __enter__(self) -> "PtyApp":
        return self

    def __exit__(self, *exc) -> None:
        # Whatever the test found, the app does not outlive it.
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def quit(self) -> int:
        """ctrl+q, then the exit code."""
        os.write(self.master, b"\x11")
        return self.finish()

    def finish(self, timeout: float = 20) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.pump(0.1)
        self.pump(0.2)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
            raise AssertionError("the app did not exit after the signal")
        os.close(self.master)
        return self.process.returncode


def note_saved(db, text: str) -> bool:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM note WHERE text = ?", (text,)).fetchone()[0] == 1
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()
