"""Item 2: a full disk or an I/O error mid-edit or mid-export gives a clear message, writes
nothing partial, and leaves the database intact.

"Disk full" is made real with RLIMIT_FSIZE in a child process (writes past the limit fail
with EFBIG, as they would on a full disk; SIGXFSZ is ignored so the process is not killed),
and with /dev/full (every write fails with ENOSPC).
"""

import json
import os
import random
import resource
import signal
import string
import subprocess

import pytest

from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store
from tests.reliability.conftest import (
    PYTHON,
    assert_clean_failure,
    assert_no_traceback,
    digest,
    folder_listing,
    needs_app,
    run_python,
    run_t2025,
)


def limit_file_size(limit_bytes: int):
    """preexec_fn: no file this process writes may grow past `limit_bytes`."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


EDIT_UNTIL_FULL = r"""
import json, sys
from t2025tui.core.changes import edit
from t2025tui.core.errors import T2025Error
from t2025tui.core.services.workstreams import add_note
from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store

store = open_store(sys.argv[1], check=False)
mode = sys.argv[2]
saved = []
try:
    for n in range(10_000):
        if mode == "bulk":
            with edit(store, f"bulk {n}") as change:
                for part in range(40):
                    change.insert("note", {"workstream_id": 1, "created_at": "2022-03-15T09:00:00+00:00",
                                           "text": f"bulk {n} part {part} " + "x" * 3000})
        else:
            add_note(store, 1 + n % 5, f"note {n} " + "x" * 5000)
        saved.append(n)
        print(json.dumps({"saved": n}), flush=True)
except T2025Error as exc:
    print(json.dumps({"error": type(exc).__name__, "message": str(exc)}), flush=True)
"""


@pytest.mark.parametrize("mode", ["single", "bulk"])
def test_disk_full_mid_edit_refuses_cleanly_and_keeps_every_saved_edit(mode, seeded_db_path):
    size = seeded_db_path.stat().st_size
    result = run_python(EDIT_UNTIL_FULL, seeded_db_path, mode, preexec_fn=limit_file_size(size + 120_000))
    assert_no_traceback(result)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    saved = [line["saved"] for line in lines if "saved" in line]
    failure = lines[-1]
    assert "error" in failure, f"the size limit was never reached: {lines[-3:]}"
    assert failure["error"] == "StoreError"
    assert failure["message"].startswith("Could not save") and "Nothing was changed" in failure["message"]

    check = run_t2025("--db", seeded_db_path, "check")
    assert check.returncode == 0 and check.stdout.rstrip().endswith("OK"), check.stdout
    store = open_store(seeded_db_path)
    try:
        if mode == "bulk":
            counts = {
                row["n"]
                for row in store.query(
                    "SELECT count(*) AS n FROM note GROUP BY substr(text, 1, instr(text, ' part ')) "
                )
            }
            assert counts <= {40}, f"a multi-row change was saved in part: {counts}"
            assert store.scalar("SELECT count(*) FROM note") == 40 * len(saved)
        else:
            texts = {row["text"].split(" x")[0] for row in store.query("SELECT text FROM note")}
            assert texts == {f"note {n}" for n in saved}, "a saved edit is missing or a failed one was kept"
    finally:
        store.close()


def _make_pack_large(db) -> None:
    """Long, incompressible commentary so the pack outgrows the limit while it is being written."""
    rng = random.Random(7)
    store = open_store(db)
    try:
        for ws in store.query("SELECT id, version FROM workstream"):
            text = "".join(rng.choice(string.ascii_letters + " ") for _ in range(30_000))
            set_commentary(store, ws["id"], text, expected_version=ws["version"])
    finally:
        store.close()


def test_disk_full_mid_export_leaves_no_partial_pack_and_keeps_the_old_one(seeded_db_path, tmp_path):
    _make_pack_large(seeded_db_path)
    out_folder = tmp_path / "packs"
    out_folder.mkdir()
    pack = out_folder / "pack.xlsx"
    good = run_t2025("--db", seeded_db_path, "export", "--out", pack)
    assert good.returncode == 0, good.stderr
    assert pack.stat().st_size > 80_000, "the pack must outgrow the limit for this test to bite"
    before_pack = digest(pack)
    before_db = digest(seeded_db_path)

    # Big enough for the database's -shm (32 KiB), too small for a whole pack.
    result = run_t2025("--db", seeded_db_path, "export", "--out", pack, preexec_fn=limit_file_size(40_000))
    assert_clean_failure(result, expect=str(pack))
    assert digest(pack) == before_pack, "a failed export damaged the earlier pack"
    assert sorted(p.name for p in out_folder.iterdir()) == ["pack.xlsx"], "a temporary file was left behind"
    assert digest(seeded_db_path) == before_db


def test_disk_full_mid_export_of_a_new_pack_leaves_nothing(seeded_db_path, tmp_path):
    _make_pack_large(seeded_db_path)
    pack = tmp_path / "new.xlsx"
    result = run_t2025("--db", seeded_db_path, "export", "--out", pack, preexec_fn=limit_file_size(40_000))
    assert_clean_failure(result)
    assert list(tmp_path.glob("*.xlsx*")) == [] and list(tmp_path.glob(".new.xlsx*")) == []


@pytest.mark.parametrize("command", [["dump", "--out", "{out}"], ["backup", "--out", "{out}"]])
def test_disk_full_mid_dump_or_backup_leaves_no_partial_file(command, seeded_db_path, tmp_path):
    out = tmp_path / "out" / "copy.bin"
    out.parent.mkdir()
    before = folder_listing(seeded_db_path.parent)
    args = [part.replace("{out}", str(out)) for part in command]
    result = run_t2025("--db", seeded_db_path, *args, preexec_fn=limit_file_size(40_000))
    assert_clean_failure(result)
    assert list(out.parent.iterdir()) == [], "a partial file was left behind"
    after = folder_listing(seeded_db_path.parent)
    assert after.get("t2025.db") == before.get("t2025.db")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="this system has no /dev/full device")
@pytest.mark.parametrize("command", [["summary"], ["dump"], ["history"], ["check"]])
def test_output_to_a_full_device_is_one_clear_line(command, seeded_db_path):
    with open("/dev/full", "w") as full:
        result = run_t2025("--db", seeded_db_path, *command, stdout=full)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("t2025: error:") and "space" in lines[0], lines


def test_output_to_a_closed_pipe_is_quiet(seeded_db_path):
    """`t2025 dump | head -1`: the reader going away is not an error worth a message."""
    _make_pack_large(seeded_db_path)
    full_dump = run_t2025("--db", seeded_db_path, "dump").stdout
    assert len(full_dump.encode()) > 4 * 65536, "the dump must outgrow the pipe buffer for this test to bite"
    child = subprocess.Popen(
        [PYTHON, "-m", "t2025tui", "--db", str(seeded_db_path), "dump"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child.stdout.readline()
    child.stdout.close()
    err = child.stderr.read()
    child.wait(timeout=30)
    assert "Traceback" not in err and "unexpected error" not in err and "Exception ignored" not in err, err


@pytest.mark.parametrize("command", ["init", "load"])
def test_disk_full_while_creating_a_database_leaves_nothing(command, seeded_db_path, tmp_path):
    dump = tmp_path / "programme.json"
    assert run_t2025("--db", seeded_db_path, "dump", "--out", dump).returncode == 0
    folder = tmp_path / "new"
    folder.mkdir()
    args = ["init"] if command == "init" else ["load", dump]
    result = run_t2025("--db", folder / "t2025.db", *args, preexec_fn=limit_file_size(150_000))
    assert_clean_failure(result)
    assert list(folder.iterdir()) == [], "a partial database or staging file was left"
    assert run_t2025("--db", folder / "t2025.db", *args).returncode == 0, "a rerun with space failed"


@needs_app
def test_disk_full_mid_export_in_the_app_is_reported_and_the_app_carries_on(
    seeded_db_path, isolated_user_dirs
):
    """ctrl+e in the app with too little space for the pack: the modal says why, no file or
    temporary file is left where the pack would go, and the app keeps working."""
    from tests.reliability.pty_app import PtyApp

    _make_pack_large(seeded_db_path)
    documents = isolated_user_dirs / "Documents"
    documents.mkdir(exist_ok=True)
    with PtyApp(seeded_db_path, preexec_fn=limit_file_size(60_000)) as app:
        app.wait_for(lambda: b"Force Control" in app.output, 30, "the dashboard")
        app.pump(0.5)
        mark = len(app.output)
        os.write(app.master, b"\x05")  # ctrl+e
        app.wait_for(lambda: b"Export the Futures Board" in app.output[mark:], 10, "the export modal")
        app.pump(0.3)
        app.type("\r")
        app.wait_for(lambda: b"Could not write" in app.output[mark:], 30, "the disk-full message")
        app.pump(0.3)
        os.write(app.master, b"\x1b")  # escape closes the modal
        app.pump(0.5)
        code = app.quit()
    assert code == 0 and b"Traceback" not in app.output
    leftovers = [
        p.name
        for folder in (documents, isolated_user_dirs)
        for p in folder.iterdir()
        if p.name.endswith((".xlsx", ".tmp"))
    ]
    assert leftovers == [], f"a partial pack or temporary file was left: {leftovers}"
    check = run_t2025("--db", seeded_db_path, "check")
    assert check.returncode == 0, check.stdout + check.stderr
