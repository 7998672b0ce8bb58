"""Item 5: two processes on one file never silently lose an edit.

Two real processes ("windows", `window_worker.py`) edit the same and different records.
A stale edit is refused with StaleEditError and a message that says what happened; a writer
blocked past the busy timeout gets the friendly StoreBusyError, never SQLite's bare
"database is locked"; and in a free-running race every saved edit replaced exactly the value
its window had read (the definition of "no lost update").
"""

import json
import os
import random
import subprocess
from collections import Counter

import pytest

from t2025tui.core.changes import encode
from t2025tui.core.store import open_store
from tests.reliability.conftest import HERE, PYTHON, needs_app


class Window:
    def __init__(self, db, busy_timeout_ms: int | None = None):
        args = [PYTHON, str(HERE / "window_worker.py"), str(db)]
        if busy_timeout_ms is not None:
            args.append(str(busy_timeout_ms))
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert self.receive() == {"ready": True}

    def send(self, **command) -> None:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def receive(self) -> dict:
        line = self.process.stdout.readline()
        assert line, f"window crashed: {self.process.stderr.read()}"
        return json.loads(line)

    def ask(self, **command) -> dict:
        self.send(**command)
        return self.receive()

    def close(self) -> str:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        errors = self.process.stderr.read()
        assert "Traceback" not in errors and "locked" not in errors, errors
        assert self.process.returncode == 0, errors
        return errors


@pytest.fixture
def windows(seeded_db_path):
    opened = []

    def open_window(busy_timeout_ms: int | None = None) -> Window:
        opened.append(Window(seeded_db_path, busy_timeout_ms))
        return opened[-1]

    yield open_window
    for window in opened:
        if window.process.poll() is None:
            window.close()


def _commentary(db, ws: int) -> str:
    store = open_store(db)
    try:
        return store.scalar("SELECT commentary FROM workstream WHERE id = ?", (ws,))
    finally:
        store.close()


def test_same_record_second_save_is_refused_and_reported_then_succeeds(windows, seeded_db_path):
    rng = random.Random(2022)
    a, b = windows(), windows()
    for round_ in range(20):
        ws = rng.randint(1, 5)
        first, second = (a, b) if rng.random() < 0.5 else (b, a)
        seen_first, seen_second = first.ask(op="read", ws=ws), second.ask(op="read", ws=ws)
        assert first.ask(op="commentary", ws=ws, text=f"first {round_}", version=seen_first["version"]) == {
            "ok": True
        }
        refused = second.ask(op="commentary", ws=ws, text=f"second {round_}", version=seen_second["version"])
        assert refused["error"] == "StaleEditError", refused
        assert "changed in another window" in refused["message"]
        assert _commentary(seeded_db_path, ws) == f"first {round_}", "the refused edit overwrote the first"
        # After reloading, the second window's edit goes through on top of the first.
        reloaded = second.ask(op="read", ws=ws)
        assert reloaded["commentary"] == f"first {round_}"
        assert second.ask(op="commentary", ws=ws, text=f"second {round_}", version=reloaded["version"]) == {
            "ok": True
        }
        assert _commentary(seeded_db_path, ws) == f"second {round_}"


def test_different_records_both_saved(windows, seeded_db_path):
    a, b = windows(), windows()
    seen_a, seen_b = a.ask(op="read", ws=1), b.ask(op="read", ws=2)
    assert a.ask(op="commentary", ws=1, text="from A", version=seen_a["version"]) == {"ok": True}
    assert b.ask(op="commentary", ws=2, text="from B", version=seen_b["version"]) == {"ok": True}
    assert _commentary(seeded_db_path, 1) == "from A" and _commentary(seeded_db_path, 2) == "from B"


def test_free_running_race_loses_no_edit(windows, seeded_db_path):
    a, b = windows(), windows()
    a.send(op="race", rounds=150, seed=1, name="A")
    b.send(op="race", rounds=150, seed=2, name="B")
    logs = a.receive()["log"] + b.receive()["log"]
    outcomes = Counter("ok" if entry.get("ok") else entry["error"] for entry in logs)
    assert set(outcomes) <= {"ok", "StaleEditError"}, outcomes
    assert outcomes["StaleEditError"] > 0, "the windows never collided; the race proves nothing"

    store = open_store(seeded_db_path)
    try:
        logged = {
            row["new"]: row["old"]
            for row in store.query(
                "SELECT old, new FROM change_log WHERE entity = 'workstream' AND field = 'commentary'"
            )
        }
    finally:
        store.close()
    for entry in logs:
        saved = encode(entry["text"]) in logged
        assert saved == bool(entry.get("ok")), f"reported and stored disagree: {entry}"
        if saved:
            assert logged[encode(entry["text"])] == encode(entry["seen"]), (
                f"lost update: {entry['text']!r} replaced a value its window never saw"
            )
    print(f"\ntwo-window race: {dict(outcomes)}")


def test_blocked_writer_gets_the_friendly_busy_message(windows, seeded_db_path):
    holder, blocked = windows(), windows(busy_timeout_ms=300)
    seen = blocked.ask(op="read", ws=3)
    assert holder.ask(op="hold", seconds=1.5) == {"holding": True}
    refused = blocked.ask(op="commentary", ws=3, text="while busy", version=seen["version"])
    assert holder.receive() == {"released": True}
    assert refused["error"] == "StoreBusyError", refused
    assert "busy" in refused["message"] and "nothing was changed" in refused["message"].lower()
    assert "database is locked" not in refused["message"]
    assert _commentary(seeded_db_path, 3) != "while busy"
    # Once the other window is done, the same edit saves.
    assert blocked.ask(op="commentary", ws=3, text="after busy", version=seen["version"]) == {"ok": True}


def test_briefly_blocked_writer_waits_and_saves(windows, seeded_db_path):
    holder, writer = windows(), windows()  # the default busy timeout (5 s)
    seen = writer.ask(op="read", ws=4)
    assert holder.ask(op="hold", seconds=0.5) == {"holding": True}
    assert writer.ask(op="commentary", ws=4, text="waited", version=seen["version"]) == {"ok": True}
    assert holder.receive() == {"released": True}
    assert _commentary(seeded_db_path, 4) == "waited"


@needs_app
def test_app_blocked_by_another_process_says_busy_and_keeps_working(windows, seeded_db_path):
    """The app on a real terminal tries to save while another process holds the write lock past
    the busy timeout (5 s): it says the database is busy, shows no traceback, saves nothing, and
    the same edit saves once the other process is done."""
    from tests.reliability.pty_app import PtyApp, note_saved

    holder = windows()
    with PtyApp(seeded_db_path) as app:
        app.wait_for(lambda: b"Force Control" in app.output, 30, "the dashboard")
        assert holder.ask(op="hold", seconds=7) == {"holding": True}
        mark = len(app.output)
        app.type("n")
        app.pump(0.5)
        app.type("said while busy\r")
        app.wait_for(lambda: b"busy" in app.output[mark:], 15, "the busy message")
        assert not note_saved(seeded_db_path, "said while busy")
        assert holder.receive() == {"released": True}
        app.pump(0.5)
        app.type("n")
        app.pump(0.5)
        app.type("said after\r")
        app.wait_for(lambda: note_saved(seeded_db_path, "said after"), 15, "the second note")
        assert app.quit() == 0
    assert b"Traceback" not in app.output and b"database is locked" not in app.output


@needs_app
def test_app_edit_made_stale_by_another_process_is_refused_reported_and_not_lost(windows, seeded_db_path):
    """The app opens a commentary form; another process saves the same workstream meanwhile;
    the app's save is refused with "Changed elsewhere", the other edit stays, and after the
    reload the app's next save replaces the value it was shown."""
    from tests.reliability.pty_app import PtyApp

    other = windows()
    with PtyApp(seeded_db_path) as app:
        app.wait_for(lambda: b"Force Control" in app.output, 30, "the dashboard")
        app.pump(0.5)
        app.type("c")
        app.wait_for(lambda: b"Commentary for Force Control Room" in app.output, 10, "the commentary form")
        seen = other.ask(op="read", ws=1)
        assert other.ask(
            op="commentary", ws=1, text="saved in the other window", version=seen["version"]
        ) == {"ok": True}
        mark = len(app.output)
        app.type(" typed in the app")
        os.write(app.master, b"\x13")  # ctrl+s
        app.wait_for(lambda: b"Changed elsewhere" in app.output[mark:], 10, "the stale-edit message")
        assert _commentary(seeded_db_path, 1) == "saved in the other window"

        app.pump(0.5)
        app.type("\x1b")  # the form stayed open with the typed draft; cancel it and start again
        app.pump(0.5)
        app.type("c")
        app.pump(0.8)
        app.type(" and then the app")
        os.write(app.master, b"\x13")
        app.wait_for(lambda: "and then the app" in _commentary(seeded_db_path, 1), 10, "the second save")
        assert app.quit() == 0
    # The form opened after the reload showed the other window's text; the save replaced exactly that.
    store = open_store(seeded_db_path)
    try:
        last = store.query_one(
            "SELECT old, new FROM change_log WHERE entity = 'workstream' AND entity_id = 1 "
            "AND field = 'commentary' ORDER BY id DESC LIMIT 1"
        )
    finally:
        store.close()
    assert last["old"] == encode("saved in the other window"), last
    assert "saved in the other window" in _commentary(seeded_db_path, 1)
    assert b"Traceback" not in app.output
