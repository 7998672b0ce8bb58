"""Item 1: kill -9 during writes loses no confirmed edit and leaves no half change.

A child process (`edit_worker.py`) runs seeded service edits and multi-row changes on a real
database file and reports each one after it returns. The parent kills it with SIGKILL at 50
seeded random moments, all on the same file (each run starts from the wreck the previous
kill left). After every kill: `t2025 check` passes, every reported edit is in the database,
and every multi-row change is either wholly there or wholly absent.
"""

import json
import os
import random
import select
import shutil
import signal
import subprocess
import time
from collections import Counter

import pytest

from t2025tui.core.changes import encode
from t2025tui.core.store import open_store
from tests.reliability.conftest import HERE, PYTHON, run_t2025
from tests.reliability.edit_worker import BULK_SIZE

KILLS = 50
SEED = 15032022
MAX_DELAY_S = 0.3


def _read_ready(child: subprocess.Popen) -> None:
    ready, _, _ = select.select([child.stdout], [], [], 30)
    assert ready, "worker did not start within 30 s"
    line = child.stdout.readline()
    assert line.strip() == "READY", line + child.stderr.read()


def _run_and_kill(db, run: int, delay: float) -> tuple[list[dict], str | None]:
    """Start the worker, kill -9 it after `delay` seconds of editing; return its reports."""
    child = subprocess.Popen(
        [PYTHON, str(HERE / "edit_worker.py"), str(db), str(run), str(SEED + run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _read_ready(child)
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, f"worker ended by itself ({child.returncode}): {err}"
    done, in_flight = [], None
    for line in out.splitlines():
        if line.startswith("START "):
            in_flight = line.split(" ", 1)[1]
        elif line.startswith("DONE "):
            done.append(json.loads(line[5:]))
            in_flight = None
    return done, in_flight


def _column(store, sql: str) -> list:
    return [next(iter(row.values())) for row in store.query(sql)]


def _verify(db, done: list[dict], in_flight: str | None) -> None:
    """Check the reports against the file, reading the history once (it grows every run)."""
    store = open_store(db)
    try:
        created_notes = Counter(
            _column(
                store,
                "SELECT json_extract(new, '$.text') FROM change_log "
                "WHERE entity = 'note' AND action = 'create'",
            )
        )
        deleted_notes = set(
            _column(
                store,
                "SELECT json_extract(old, '$.text') FROM change_log "
                "WHERE entity = 'note' AND action = 'delete'",
            )
        )
        notes = Counter(_column(store, "SELECT text FROM note"))
        commentaries = Counter(_column(store, "SELECT new FROM change_log WHERE field = 'commentary'"))
        reasons = set(_column(store, "SELECT DISTINCT reason FROM change_log"))
        batches_without_rows = store.scalar(
            "SELECT count(*) FROM change_batch b WHERE NOT EXISTS "
            "(SELECT 1 FROM change_log l WHERE l.batch_id = b.id)"
        )
    finally:
        store.close()

    def bulk_rows(counter: Counter, tag: str) -> int:
        return sum(counter[f"{tag} part {n}"] for n in range(BULK_SIZE))

    for fact in done:
        kind = fact["kind"]
        if kind == "note":
            text = f"{fact['token']} note"
            assert created_notes[text] == 1, f"confirmed note missing from history: {fact}"
            assert notes[text] == 1 or text in deleted_notes, f"confirmed note lost: {fact}"
        elif kind == "commentary":
            assert commentaries[encode(f"{fact['token']} commentary")] >= 1, f"confirmed edit lost: {fact}"
        elif kind == "rag":
            assert f"{fact['token']} rag" in reasons, f"confirmed RAG change lost: {fact}"
        elif kind == "forecast":
            assert f"{fact['token']} slip" in reasons, f"confirmed forecast change lost: {fact}"
        elif kind == "bulk":
            tag = fact["tag"]
            assert bulk_rows(created_notes, tag) == BULK_SIZE, f"confirmed bulk change incomplete: {fact}"
            assert bulk_rows(notes, tag) in (0, BULK_SIZE), f"bulk change half present: {fact}"
            assert commentaries[encode(f"{tag} commentary")] >= 5, f"bulk change lost its updates: {fact}"
    if in_flight is not None:
        # The kill landed inside an edit: it may or may not have committed, but never in part.
        tag = f"{in_flight} bulk"
        assert bulk_rows(notes, tag) in (0, BULK_SIZE)
        assert bulk_rows(created_notes, tag) in (0, BULK_SIZE)
        assert commentaries[encode(f"{tag} commentary")] in (0, 5)
    assert batches_without_rows == 0, "a change batch was saved without its rows"
    bulk_counts = Counter(text.split(" part ")[0] for text in notes.elements() if " bulk part " in text)
    partial = {tag: n for tag, n in bulk_counts.items() if n != BULK_SIZE}
    assert partial == {}, f"multi-row changes present in part: {partial}"


def test_kill_9_at_50_random_moments_loses_no_confirmed_edit(seeded_db_path):
    rng = random.Random(SEED)
    confirmed = mid_edit = 0
    for run in range(KILLS):
        done, in_flight = _run_and_kill(seeded_db_path, run, rng.uniform(0.0, MAX_DELAY_S))
        confirmed += len(done)
        mid_edit += in_flight is not None

        check = run_t2025("--db", seeded_db_path, "check", timeout=60)
        assert check.returncode == 0 and check.stdout.rstrip().endswith("OK"), (
            f"run {run}: t2025 check failed after kill -9:\n{check.stdout}{check.stderr}"
        )
        _verify(seeded_db_path, done, in_flight)

    # The test only means something if kills really land inside edits and after many of them.
    assert confirmed > KILLS * 5, f"only {confirmed} edits were confirmed across {KILLS} runs"
    assert mid_edit >= KILLS // 2, f"only {mid_edit} of {KILLS} kills landed inside an edit"
    print(f"\nkill -9: {KILLS} kills, {confirmed} confirmed edits checked, {mid_edit} kills inside an edit")


IMPORT_KILLS = 10
IMPORT_ROWS = 2000


def test_kill_9_during_import_is_all_or_nothing(seeded_db_path, tmp_path):
    """A risk-log import is one transaction: killed at any moment, all its rows or none."""

    def risk_log(run: int):
        source = tmp_path / f"risk-log-{run}.csv"
        rows = [f"K{run}-{n},Risk {n},Cause {n} {'c' * 200},Owner {n % 7}" for n in range(IMPORT_ROWS)]
        source.write_text("Ref,Title,Cause,Owner\n" + "\n".join(rows) + "\n", encoding="utf-8")
        return source

    # Time one whole import on a copy, so the kills spread over this machine's import, start to end.
    copy = tmp_path / "timing" / "t2025.db"
    copy.parent.mkdir()
    shutil.copy(seeded_db_path, copy)
    started = time.monotonic()
    assert run_t2025("--db", copy, "import", "risks", risk_log(-1)).returncode == 0
    whole = time.monotonic() - started

    rng = random.Random(SEED + 1)
    outcomes = Counter()
    for run in range(IMPORT_KILLS):
        source = risk_log(run)
        child = subprocess.Popen(
            [PYTHON, "-m", "t2025tui", "--db", str(seeded_db_path), "import", "risks", str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.3, 1.05) * whole)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=60)
        reported = "Imported" in out

        check = run_t2025("--db", seeded_db_path, "check", timeout=60)
        assert check.returncode == 0, check.stdout + check.stderr
        store = open_store(seeded_db_path)
        try:
            count = store.scalar("SELECT count(*) FROM risk WHERE ref LIKE ?", (f"K{run}-%",))
            logged = store.scalar(
                "SELECT count(*) FROM change_log WHERE entity = 'risk' AND action = 'create' "
                "AND entity_label LIKE ?",
                (f"K{run}-%",),
            )
        finally:
            store.close()
        assert count in (0, IMPORT_ROWS), f"run {run}: an import was saved in part ({count} rows)"
        assert logged == count, f"run {run}: history and data disagree ({logged} logged, {count} rows)"
        if reported:
            assert count == IMPORT_ROWS, f"run {run}: a reported import is missing"
        outcomes["saved" if count else "rolled back"] += 1
    assert outcomes["rolled back"] > 0, f"no kill landed before the commit: {dict(outcomes)}"
    print(f"\nkill -9 during import: {dict(outcomes)}")


BACKUP_KILLS = 6


def test_kill_9_during_backup_never_leaves_a_partial_backup_under_its_name(seeded_db_path, tmp_path):
    """An interrupted backup must not look like a backup: the named file is complete or absent."""
    import sqlite3

    conn = sqlite3.connect(seeded_db_path)  # bulk rows only to make the copy take a while
    conn.executemany(
        "INSERT INTO note (workstream_id, created_at, text, version) VALUES (1, ?, ?, 1)",
        [("2022-03-15T09:00:00+00:00", f"bulk {n} " + "n" * 1500) for n in range(25_000)],
    )
    conn.commit()
    conn.close()
    rng = random.Random(SEED + 2)
    complete = absent = 0
    for run in range(BACKUP_KILLS):
        out = tmp_path / f"backups{run}"
        out.mkdir()
        target = out / "copy.db"
        child = subprocess.Popen(
            [PYTHON, "-m", "t2025tui", "--db", str(seeded_db_path), "backup", "--out", str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while child.poll() is None and not any(out.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.001)
        # Half the kills come at once (mid-copy even on a fast disk), half up to 80 ms later.
        time.sleep(rng.uniform(0.0, 0.005) if run % 2 == 0 else rng.uniform(0.005, 0.08))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        if target.exists():
            check = run_t2025("--db", target, "check", timeout=60)
            assert check.returncode == 0, (
                f"run {run}: a partial backup was left as {target.name}: {check.stderr}"
            )
            complete += 1
        else:
            absent += 1
    assert absent > 0, "no kill landed while the backup was being written"
    print(f"\nkill -9 during backup: {complete} complete, {absent} absent")


CREATE_KILLS = 8


@pytest.mark.parametrize("command", ["init", "load"])
def test_kill_9_while_creating_a_database_leaves_none_or_a_complete_one(command, seeded_db_path, tmp_path):
    """`t2025 init` (also the app's first run) and `t2025 load` killed mid-way: the path then
    holds nothing, so a rerun works, or a complete programme; never a half-made database that
    every later command trips over."""
    dump = tmp_path / "programme.json"
    assert run_t2025("--db", seeded_db_path, "dump", "--out", dump).returncode == 0
    rng = random.Random(SEED + (3 if command == "init" else 4))
    outcomes = Counter()
    for run in range(CREATE_KILLS):
        folder = tmp_path / f"{command}{run}"
        folder.mkdir()
        target = folder / "t2025.db"
        args = ["init"] if command == "init" else ["load", str(dump)]
        child = subprocess.Popen(
            [PYTHON, "-m", "t2025tui", "--db", str(target), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while child.poll() is None and not any(folder.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.001)
        # Half the kills aim at the first moments (schema, seed), half anywhere up to the end.
        time.sleep(rng.uniform(0.0, 0.02) if run % 2 == 0 else rng.uniform(0.02, 0.3))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        if target.exists():
            summary = run_t2025("--db", target, "summary")
            assert summary.returncode == 0, f"run {run}: a half-made database was left: {summary.stderr}"
            assert "T2025 Service Improvement Programme" in summary.stdout
            outcomes["complete"] += 1
        else:
            rerun = run_t2025("--db", target, *args)
            assert rerun.returncode == 0, f"run {run}: the rerun failed: {rerun.stderr}"
            outcomes["absent, rerun worked"] += 1
    assert outcomes["absent, rerun worked"] > 0, f"no kill landed during creation: {dict(outcomes)}"
    print(f"\nkill -9 during {command}: {dict(outcomes)}")
