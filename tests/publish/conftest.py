"""A real `t2025 serve` in a child process on a free port, read over HTTP as a browser would."""

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 120  # a generous deadline on a shared, noisy machine; never a timing assertion
SERVING = re.compile(r"read-only at (http://\S+?)/t2025 ")


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Server:
    """One `t2025 serve` process: its URL, its output, and a clean stop."""

    def __init__(self, db: Path, temp: Path, *extra: str):
        temp.mkdir(parents=True, exist_ok=True)
        self.temp = temp  # the snapshot folder is made here (TMPDIR), so tests can see it go
        env = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "t2025tui", "serve", "--db", str(db), "--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            # Windows: its own process group, so ctrl+break can be sent to it alone (stop()).
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        for stream, kept in ((self.process.stdout, self.stdout), (self.process.stderr, self.stderr)):
            threading.Thread(target=self._read, args=(stream, kept), daemon=True).start()
        self.url = self._wait_for_url()

    def _read(self, stream, kept: list[str]) -> None:
        for line in stream:
            kept.append(line)
            self.lines.put(line)

    def _wait_for_url(self) -> str | None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    self.process.wait()
                    time.sleep(0.2)  # let the reader threads drain the pipes
                    return None
                continue
            found = SERVING.search(line)
            if found:
                return found.group(1)
        raise AssertionError(f"t2025 serve did not start: {''.join(self.stdout + self.stderr)}")

    def get(self, path: str, *, method: str = "GET", data: bytes | None = None) -> Response:
        request = urllib.request.Request(self.url + path, method=method, data=data)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.headers, exc.read())

    def rows(self, path: str, query: str = "") -> list[dict]:
        """The rows of a table or canned query (`/t2025/risk`), as JSON objects."""
        response = self.get(f"{path}.json?_shape=array{query}")
        assert response.status == 200, response.text
        return response.json()

    def snapshot_folders(self) -> list[Path]:
        return sorted(self.temp.glob("t2025-serve-*"))

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            # Windows has no SIGTERM to send; ctrl+break is how a console program is asked to stop.
            windows_stop = getattr(signal, "CTRL_BREAK_EVENT", None)
            self.process.send_signal(windows_stop if sys.platform == "win32" else sig)
        try:
            return self.process.wait(timeout=60)
        finally:
            time.sleep(0.2)


def wait_until(check, what: str, seconds: float = 120):
    """Poll `check()` until it is true; a generous deadline, never a timing assertion."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"never happened: {what} (last seen: {last!r})")


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One server on the embedded programme for tests that only read."""
    from t2025tui.commands.init import create_programme

    folder = tmp_path_factory.mktemp("shared")
    db = folder / "t2025.db"
    create_programme(db).close()
    server = Server(db, folder / "tmp")
    assert server.url, "".join(server.stderr)
    yield server
    server.stop()


@pytest.fixture
def start_server(tmp_path):
    started: list[Server] = []

    def start(db: Path, *extra: str, temp: Path | None = None) -> Server:
        server = Server(db, temp or tmp_path / f"tmp{len(started)}", *extra)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()
