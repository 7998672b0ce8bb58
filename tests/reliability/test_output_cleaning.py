"""Everything a command prints goes through the same cleaning as its error lines: a file name,
sheet name or ref carrying terminal escapes (ESC ] 0 ; title BEL, ESC [ 2 J, the C1 CSI U+009B,
bidirectional overrides) never reaches the terminal, from a success line or a preview line."""

import json
import re
import shutil

import openpyxl
import pytest

from t2025tui.cli import main
from tests.importers.builders import messy_risk_log

# Whatever could steer a terminal: C0 except tab/newline, DEL, C1, bidi overrides and isolates.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAME = "pack\n\x1b]0;owned\x07\x1b[2J\u009b31m\u202eevil"


def _assert_clean(captured):
    assert not UNSAFE.search(captured.out), repr(captured.out)
    assert not UNSAFE.search(captured.err), repr(captured.err)


def test_export_success_line_does_not_carry_the_file_names_escapes(seeded_copy, tmp_path, capsys):
    out = tmp_path / f"{HOSTILE_NAME}.xlsx"
    assert main(["--db", str(seeded_copy()), "export", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert out.exists()
    assert "Pack written to" in captured.out
    _assert_clean(captured)


def test_import_preview_and_summary_do_not_carry_escapes(seeded_copy, tmp_path, capsys):
    source = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    wb = openpyxl.load_workbook(source)
    ws = wb["Risks"]
    ws.title = "Risks\u009b2J"
    ws["A6"] = "R-\u009b01\u202e"
    hostile = tmp_path / f"{HOSTILE_NAME}.xlsx"
    wb.save(hostile)
    db = str(seeded_copy())
    assert main(["--db", db, "import", "risks", str(hostile), "--dry-run"]) == 0
    dry = capsys.readouterr()
    assert "Dry run" in dry.out
    _assert_clean(dry)
    assert main(["--db", db, "import", "risks", str(hostile)]) == 0
    applied = capsys.readouterr()
    _assert_clean(applied)


def test_dump_to_the_terminal_is_clean_and_still_loads_every_character(seeded_copy, tmp_path, capsys):
    from t2025tui.core.services.workstreams import set_commentary
    from t2025tui.core.store import open_store

    db = seeded_copy()
    store = open_store(db)
    try:
        workstream = store.query_one("SELECT id, version FROM workstream ORDER BY id LIMIT 1")
        set_commentary(store, workstream["id"], "bidi \u202e kept", expected_version=workstream["version"])
    finally:
        store.close()
    assert main(["--db", str(db), "dump"]) == 0
    captured = capsys.readouterr()
    _assert_clean(captured)
    assert any("\u202e" in w["commentary"] for w in json.loads(captured.out)["workstreams"])


@pytest.mark.parametrize("command", ["check", "summary", "history", "backup", "dump --out", "export --out"])
def test_every_command_prints_a_hostile_database_name_cleanly(command, seeded_copy, tmp_path, capsys):
    db = seeded_copy()
    hostile_db = db.with_name(f"{HOSTILE_NAME}.db")
    shutil.move(db, hostile_db)
    argv = ["--db", str(hostile_db), *command.split()]
    if command.endswith("--out"):
        argv.append(str(tmp_path / f"{HOSTILE_NAME}.{'xlsx' if 'export' in command else 'json'}"))
    main(argv)
    _assert_clean(capsys.readouterr())


def test_the_apps_first_run_line_is_clean(tmp_path, capsys, monkeypatch):
    """The app's own line, printed before Textual takes the terminal (outside any command)."""
    monkeypatch.setattr("t2025tui.tui.app.run_app", lambda path: 0)
    db = tmp_path / f"{HOSTILE_NAME}.db"
    assert main(["--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "No database at" in captured.err and db.exists()
    _assert_clean(captured)


def test_json_of_add_set_remove_and_list_is_clean_and_keeps_every_character(seeded_copy, capsys):
    """Like dump: the JSON the plan verbs print escapes what could steer a terminal, and parses
    back to the text that was saved."""
    db = seeded_copy()
    name = "Bidi \u202e name"
    runs = [
        (["add", "workstream", "--code", "BD", "--name", name], lambda out: out["fields"]["name"]),
        (["set", "workstream", "BD", "--lead", name], lambda out: out["changed"]["lead"]["new"]),
        (["list", "workstream"], lambda out: out[-1]["name"]),
        (["remove", "workstream", "BD", "--reason", name], lambda out: out["removed"]["name"]),
    ]
    for argv, value in runs:
        assert main(["--db", str(db), *argv, "--json"]) == 0
        captured = capsys.readouterr()
        _assert_clean(captured)
        assert value(json.loads(captured.out)) == name, argv
