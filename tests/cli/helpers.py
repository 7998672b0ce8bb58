"""What the CLI tests share: running `t2025` in this process or as a real one, the success and
refusal checks, and reading the database back."""

import os
import subprocess
import sys

from t2025tui.cli import main
from t2025tui.core.store import open_store

# Every table a plan or governance-log command writes: a refused command leaves them all as they were.
WRITTEN_TABLES = (
    "programme",
    "workstream",
    "project",
    "milestone",
    "decision",
    "change_log",
    "key_message",
    "action",
    "issue",
    "lesson",
    "milestone_dependency",
    "risk",
    "change_batch",
)


def run(capsys, *argv):
    """`t2025 ARGV` in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def t2025(capsys, db, *argv):
    """`t2025 --db DB ARGV` in this process: (exit code, stdout, stderr)."""
    return run(capsys, "--db", str(db), *argv)


def ok(capsys, db, *argv) -> str:
    """The command succeeds with nothing on stderr; its output."""
    code, out, err = t2025(capsys, db, *argv)
    assert code == 0 and err == "", err
    return out


def refused(capsys, db, *argv, expect: str) -> str:
    """The command fails with one error line naming the problem, and the file is unchanged."""
    before = snapshot(db)
    code, out, err = t2025(capsys, db, *argv)
    lines = err.strip().splitlines()
    assert code != 0 and len(lines) == 1 and lines[0].startswith("t2025: error: "), err
    assert "Traceback" not in err and "unexpected" not in err
    assert expect.lower() in lines[0].lower(), lines[0]
    assert snapshot(db) == before, "a refused command changed the database"
    return lines[0]


def snapshot(db) -> tuple:
    store = open_store(db)
    try:
        return tuple(
            tuple(store.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall())
            for table in WRITTEN_TABLES
        )
    finally:
        store.close()


def query(db, sql, params=()):
    store = open_store(db)
    try:
        return store.query(sql, params)
    finally:
        store.close()


def process(*argv, env=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the real entry point in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "t2025tui", *map(str, argv)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
