"""No command writes over the database, its -wal/-shm/-journal, or any SQLite file, under any
name that leads there; writing again over a file the command itself wrote stays allowed."""

import os
import sys

import pytest

from t2025tui.cli import main
from t2025tui.core.store import create_store, open_store
from tests.reliability.conftest import digest

# Every command that writes a file, with the option that names it.
WRITERS = {
    "dump": ["dump", "--out"],
    "export": ["export", "--out"],
    "report": ["report", "--out"],
    "backup": ["backup", "--out"],
    "check --repair": ["check", "--repair", "--out"],
}


def _targets(db, tmp_path):
    """Each of the database's own paths, spelled the ways a user might, plus a stranger's database."""
    other = tmp_path / "other.db"
    create_store(other).close()
    targets = {
        "database": db,
        "database by a roundabout path": db.parent / ".." / db.parent.name / db.name,
        "its -wal": db.with_name(db.name + "-wal"),
        "its -shm": db.with_name(db.name + "-shm"),
        "another SQLite database": other,
    }
    if sys.platform != "win32":
        link = tmp_path / "link.json"
        link.symlink_to(db)
        targets["a symlink to it"] = link
        hard = tmp_path / "hard.xlsx"
        os.link(db, hard)
        targets["a hard link to it"] = hard
    return targets


@pytest.mark.parametrize("writer", list(WRITERS))
def test_no_command_writes_over_a_database_file(writer, seeded_copy, tmp_path, capsys):
    db = seeded_copy()
    holder = open_store(db)  # as the app would: the -wal and -shm exist while it is open
    try:
        for label, target in _targets(db, tmp_path).items():
            before = {p: digest(p) for p in db.parent.iterdir() if p.is_file()}
            code = main(["--db", str(db), *WRITERS[writer], str(target)])
            captured = capsys.readouterr()
            assert code == 1, (label, captured)
            lines = captured.err.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("t2025: error: "), (label, lines)
            assert "will not write" in lines[0] or "never writes" in lines[0], (label, lines)
            after = {p: digest(p) for p in db.parent.iterdir() if p.is_file()}
            assert after == before, label
        assert holder.scalar("SELECT COUNT(*) FROM workstream") == 5
    finally:
        holder.close()


def test_dump_onto_the_database_is_refused_and_the_next_save_is_kept(seeded_copy, capsys):
    from t2025tui.core.services.workstreams import set_commentary

    db = seeded_copy()
    app_store = open_store(db)
    try:
        assert main(["--db", str(db), "dump", "--out", str(db)]) == 1
        assert "the database itself" in capsys.readouterr().err
        row = app_store.query_one("SELECT id, version FROM workstream ORDER BY id LIMIT 1")
        set_commentary(app_store, row["id"], "kept after the refused dump", expected_version=row["version"])
    finally:
        app_store.close()
    reopened = open_store(db)
    try:
        assert reopened.scalar(
            "SELECT COUNT(*) FROM workstream WHERE commentary = 'kept after the refused dump'"
        )
    finally:
        reopened.close()


@pytest.mark.parametrize(("writer", "name"), [("dump", "again.json"), ("export", "again.xlsx")])
def test_a_file_the_command_wrote_may_be_written_again(writer, name, seeded_copy, tmp_path, capsys):
    db = seeded_copy()
    out = tmp_path / name
    assert main(["--db", str(db), *WRITERS[writer], str(out)]) == 0
    first = digest(out)
    assert main(["--db", str(db), *WRITERS[writer], str(out)]) == 0
    assert out.exists() and (writer == "export" or digest(out) == first)


@pytest.mark.parametrize("key, dialog", [("ctrl+e", "export"), ("ctrl+r", "report")])
async def test_the_apps_export_dialogs_refuse_a_database_file_as_the_cli_does(
    key, dialog, seeded_copy, tmp_path, capsys
):
    """One guard in the core: the dialog shows, beside the path, the very line the CLI prints,
    and nothing in the folder changes."""
    from textual.widgets import Input

    from t2025tui.tui.app import T2025App
    from tests.tui.conftest import SIZE, settle

    db = seeded_copy()
    targets = _targets(db, tmp_path)
    expected = {}
    for label, target in targets.items():
        assert main(["--db", str(db), dialog, "--out", str(target)]) == 1
        expected[label] = capsys.readouterr().err.strip().removeprefix("t2025: error: ")
    store = open_store(db)
    app = T2025App(store, poll_seconds=0)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            modal = app.screen
            for label, target in targets.items():
                before = {p: digest(p) for p in db.parent.iterdir() if p.is_file()}
                modal.query_one("#field-path", Input).value = str(target)
                await pilot.press("enter")
                await settle(pilot)
                assert app.screen is modal, label  # still open, asking for another name
                assert modal.error_of("path") == expected[label], label
                assert "will not write" in expected[label] or "never writes" in expected[label]
                assert {p: digest(p) for p in db.parent.iterdir() if p.is_file()} == before, label
    finally:
        store.close()
