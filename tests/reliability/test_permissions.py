"""Item 9: under a 022 umask every file t2025 writes is 0600 and its folders 0700.

Each command runs as a child process whose umask is 022 (the usual default, which would make
new files 0644, readable by every user on the machine).
"""

import os
import subprocess

from tests.reliability.conftest import PYTHON, file_mode, needs_app, run_t2025


def umask_022() -> None:
    os.umask(0o022)


def t2025(*args):
    result = run_t2025(*args, preexec_fn=umask_022)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


HOLD_OPEN = r"""
import os, sys
os.umask(0o022)
from t2025tui.core.services.workstreams import add_note
from t2025tui.core.store import open_store
store = open_store(sys.argv[1])
add_note(store, 1, "keeps the -wal non-empty")
print("OPEN", flush=True)
sys.stdin.readline()
store.close()
"""


def test_new_database_folder_wal_shm_backup_dump_export_are_private(tmp_path):
    data = tmp_path / "new" / "nested" / "data"
    db = data / "t2025.db"
    t2025("--db", db, "init")
    assert (
        file_mode(data) == 0o700
        and file_mode(data.parent) == 0o700
        and file_mode(data.parent.parent) == 0o700
    )
    assert file_mode(db) == 0o600

    child = subprocess.Popen(
        [PYTHON, "-c", HOLD_OPEN, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=umask_022,
    )
    try:
        assert child.stdout.readline().strip() == "OPEN"
        wal, shm = db.with_name("t2025.db-wal"), db.with_name("t2025.db-shm")
        assert wal.exists() and shm.exists()
        assert file_mode(wal) == 0o600, oct(file_mode(wal))
        assert file_mode(shm) == 0o600, oct(file_mode(shm))
    finally:
        child.communicate("\n", timeout=30)

    made = t2025("--db", db, "backup").stdout.strip()
    assert file_mode(data / "backups") == 0o700 and file_mode(made) == 0o600

    out = tmp_path / "exports"
    out.mkdir()
    t2025("--db", db, "dump", "--out", out / "programme.json")
    t2025("--db", db, "export", "--out", out / "pack.xlsx")
    # The pack is written to a temporary file and renamed, so its mode is the temporary file's.
    assert file_mode(out / "programme.json") == 0o600
    assert file_mode(out / "pack.xlsx") == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["pack.xlsx", "programme.json"], (
        "a temporary file was left"
    )

    loaded = tmp_path / "loaded" / "t2025.db"
    t2025("--db", loaded, "load", out / "programme.json")
    assert file_mode(loaded) == 0o600 and file_mode(loaded.parent) == 0o700


@needs_app
def test_first_run_of_the_app_creates_a_private_database(tmp_path):
    from tests.reliability.pty_app import PtyApp

    db = tmp_path / "fresh" / "t2025.db"
    previous = os.umask(0o022)  # inherited by the app's process
    try:
        app = PtyApp(db)
    finally:
        os.umask(previous)
    with app:
        app.wait_for(lambda: b"Force Control" in app.output, 30, "the dashboard")
        assert file_mode(db) == 0o600 and file_mode(db.parent) == 0o700
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            assert not side.exists() or file_mode(side) == 0o600
        assert app.quit() == 0


def test_migration_backup_is_private(seeded_db_path):
    code = (
        "import os, sys; os.umask(0o022)\n"
        "from t2025tui.core import migrations as mig\n"
        "from t2025tui.core.store import open_store\n"
        "extra = mig.Migration(mig.latest_version() + 1, '999_x.sql', 'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;')\n"
        "open_store(sys.argv[1], migrations=[*mig.bundled_migrations(), extra]).close()\n"
    )
    subprocess.run([PYTHON, "-c", code, str(seeded_db_path)], check=True, timeout=60)
    backups = list((seeded_db_path.parent / "backups").iterdir())
    assert len(backups) == 1
    assert file_mode(backups[0]) == 0o600 and file_mode(backups[0].parent) == 0o700
