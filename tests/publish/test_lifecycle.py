"""Starting and stopping `t2025 serve`: what it refuses, what it warns, what it leaves behind."""

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from t2025tui.cli import main
from t2025tui.core.services.risks import update_risk
from t2025tui.core.store import open_store
from tests.publish.conftest import wait_until


def _fingerprint(db: Path) -> tuple[str, str]:
    """The database's bytes and its log's. Any SQLite reader of a WAL file creates an empty log
    (-wal) if there is none, which SQLite treats exactly as no log; so no log counts as empty."""
    wal = Path(f"{db}-wal")
    logged = wal.read_bytes() if wal.exists() else b""
    return hashlib.sha256(db.read_bytes()).hexdigest(), hashlib.sha256(logged).hexdigest()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_stopping_the_server_removes_its_snapshot(seeded_db_path, start_server, how):
    if sys.platform == "win32" and how == "SIGINT":
        pytest.skip("a console ctrl+c cannot be sent to one child process on Windows")
    server = start_server(seeded_db_path)
    assert server.snapshot_folders() and list(server.snapshot_folders()[0].glob("snapshot-*.db"))
    code = server.stop(getattr(signal, how))
    assert not server.snapshot_folders()
    assert "Stopped; the snapshot was removed." in "".join(server.stdout)
    assert "Traceback" not in "".join(server.stderr), "".join(server.stderr)
    unwound = {128 + getattr(signal, name) for name in ("SIGTERM", "SIGBREAK") if hasattr(signal, name)}
    assert code == 0 or code in unwound


def test_the_live_file_is_never_opened_for_writing_nor_changed(seeded_db_path, start_server):
    before = _fingerprint(seeded_db_path)
    server = start_server(seeded_db_path)
    for path in ("/t2025", "/t2025/programme_status", "/t2025/risk", "/t2025/milestone_status"):
        assert server.get(path).status == 200
    fd_folder = Path(f"/proc/{server.process.pid}/fd")
    if fd_folder.is_dir():  # Linux: how the server's process holds the live file, seen from outside
        live = str(seeded_db_path.resolve())
        modes = []
        for fd in fd_folder.iterdir():
            try:
                if os.readlink(fd) == live:
                    flags = Path(f"/proc/{server.process.pid}/fdinfo/{fd.name}").read_text().split()
                    modes.append(int(flags[flags.index("flags:") + 1], 8) & os.O_ACCMODE)
            except OSError:
                continue  # closed while we looked
        assert modes and set(modes) == {os.O_RDONLY}
    server.stop()
    assert _fingerprint(seeded_db_path) == before


def test_a_read_only_live_file_is_served(seeded_db_path, start_server):
    seeded_db_path.chmod(0o444)
    try:
        server = start_server(seeded_db_path)
        assert server.url, "".join(server.stderr)
        assert len(server.rows("/t2025/risk")) == 7
    finally:
        seeded_db_path.chmod(0o600)


def _bad_files(tmp_path: Path, seeded_db_path: Path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.db"
    newer.write_bytes(seeded_db_path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    data = bytearray(seeded_db_path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)
    damaged.write_bytes(bytes(data))
    return {
        "empty": (empty, "empty"),
        "not sqlite": (text, "not a t2025 database"),
        "another application's": (other, "another application"),
        "newer": (newer, "newer version of t2025"),
        "damaged": (damaged, "damaged"),
        "missing": (tmp_path / "missing.db", "No database at"),
    }


@pytest.mark.parametrize(
    "kind", ["empty", "not sqlite", "another application's", "newer", "damaged", "missing"]
)
def test_an_unusable_database_is_refused_in_one_line_and_left_as_it_was(
    tmp_path, seeded_db_path, start_server, kind
):
    # Fold the seed's log into the file so that damaging the file's bytes damages the database.
    conn = sqlite3.connect(seeded_db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    path, expected = _bad_files(tmp_path, seeded_db_path)[kind]
    before = path.read_bytes() if path.exists() else None
    server = start_server(path)
    assert server.url is None
    assert server.process.returncode == 1
    err = "".join(server.stderr)
    assert err.startswith("t2025: error: ") and expected in err and err.count("\n") == 1, err
    assert not server.snapshot_folders()
    assert (path.read_bytes() if path.exists() else None) == before


def test_a_port_in_use_is_refused_with_what_to_do(seeded_db_path, start_server):
    first = start_server(seeded_db_path)
    port = first.url.rsplit(":", 1)[1]
    second = subprocess.run(
        [sys.executable, "-m", "t2025tui", "serve", "--db", str(seeded_db_path), "--port", port],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert second.returncode == 1
    assert second.stderr.startswith(f"t2025: error: Port {port} on 127.0.0.1 is already in use")
    assert "--port" in second.stderr
    assert first.get("/t2025").status == 200


def test_serving_beyond_this_machine_warns_naming_the_marking(seeded_db_path, start_server):
    server = start_server(seeded_db_path, "--host", "0.0.0.0")
    assert server.url
    err = "".join(server.stderr)
    assert "t2025: warning: serving on 0.0.0.0" in err and "marked OFFICIAL" in err


def test_the_local_default_does_not_warn(seeded_db_path, start_server):
    server = start_server(seeded_db_path)
    assert server.url.startswith("http://127.0.0.1:")
    assert "warning" not in "".join(server.stderr)


def test_open_shows_the_programmes_page_in_the_browser(seeded_db_path, start_server, tmp_path, monkeypatch):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {browser} %s")
    server = start_server(seeded_db_path, "--open")
    wait_until(opened.exists, "the browser is opened")
    assert wait_until(opened.read_text, "the URL is written") == server.url + "/t2025"


def test_without_datasette_serve_says_how_to_get_it(seeded_db_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "datasette", None)  # as if the extra were not installed
    code = main(["serve", "--db", str(seeded_db_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("t2025: error: t2025 serve needs Datasette")
    assert "pip install 't2025tui[web]'" in err and err.count("\n") == 1


def test_text_that_looks_like_a_link_is_shown_as_text(seeded_db_path, start_server):
    store = open_store(seeded_db_path)
    try:
        risk = store.query_one("SELECT id, version FROM risk WHERE ref = 'T2025-R01'")
        update_risk(
            store,
            risk["id"],
            expected_version=risk["version"],
            title="https://phish.example/login",
            notes="http://phish.example/notes",
            actions="  https://phish.example/padded  ",
        )
    finally:
        store.close()
    server = start_server(seeded_db_path)
    for path in ("/t2025/risk", "/t2025/risk/1", "/t2025/risk_scored", "/t2025/red_and_amber_risks"):
        page = server.get(path).text
        assert "https://phish.example/login" in page
        assert 'href="https://phish.example' not in page and 'href="http://phish.example' not in page


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be sent to a Windows process")
@pytest.mark.parametrize("after", [0.2, 0.5, 0.8, 1.2])
def test_a_stop_while_starting_leaves_no_snapshot_and_no_traceback(seeded_db_path, tmp_path, after):
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "t2025tui", "serve", "--db", str(seeded_db_path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    time.sleep(after)  # wherever start-up has got to: the outcome must be the same
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert not list(temp.glob("t2025-serve-*"))
