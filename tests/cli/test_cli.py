"""The `t2025` command line: each command, and one clear line for every error."""

import json
import os

import pytest

from t2025tui import __version__
from tests.cli.helpers import process as t2025
from tests.cli.helpers import run


def test_init_creates_the_t2025_programme_and_refuses_to_overwrite(tmp_path, capsys):
    db = tmp_path / "p.db"
    code, out, _ = run(capsys, "init", "--db", str(db))
    assert code == 0 and "Created the T2025 programme" in out
    before = db.read_bytes()
    code, _, err = run(capsys, "init", "--db", str(db))
    assert code == 1
    assert (
        err.strip()
        == f"t2025: error: {db} already exists; t2025 will not overwrite it. Choose another path or remove it first."
    )
    assert db.read_bytes() == before


def test_init_empty_programme(tmp_path, capsys):
    db = tmp_path / "empty.db"
    code, out, _ = run(
        capsys, "--db", str(db), "init", "--empty", "--name", "Op Horizon", "--organisation", "Anyshire"
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", str(db), "summary")
    assert code == 0 and "Op Horizon — Anyshire" in out and "0 of the 0 workstreams" in out
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "init", "--empty")
    assert code == 1 and "--empty needs --name" in err


def test_commands_on_a_missing_database_say_how_to_create_it_and_create_nothing(tmp_path, capsys):
    db = tmp_path / "missing.db"
    for command in ("summary", "check", "backup", "history", "dump"):
        code, out, err = run(capsys, command, "--db", str(db))
        assert code == 1, command
        assert err.strip() == f"t2025: error: No database at {db}. Create one with: t2025 init --db {db}"
    assert not db.exists()


def test_t2025_db_environment_variable_is_used(tmp_path, capsys, monkeypatch):
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("T2025_DB", str(db))
    assert run(capsys, "init")[0] == 0
    assert db.exists()


def test_summary_prints_programme_status(seeded_db_path, capsys):
    code, out, _ = run(capsys, "--db", str(seeded_db_path), "summary")
    assert code == 0
    assert "Overall RAG: Red" in out
    assert "Red    Resource Management (lead: People Director)" in out
    assert "Milestones: 1 late, 1 at risk" in out
    assert "Recommendations signed off: 11 of 30" in out
    assert "2025/26 3,432" in out
    assert out.strip().endswith("1 will need to move activities into the coming year.")


def test_check_reports_counts_and_ok(seeded_db_path, capsys):
    code, out, _ = run(capsys, "check", "--db", str(seeded_db_path))
    assert code == 0
    assert "workstream                5" in out and "recommendation           30" in out
    assert out.strip().endswith("OK")


def test_check_fails_on_a_broken_foreign_key(seeded_db_path, capsys):
    import sqlite3

    conn = sqlite3.connect(seeded_db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE milestone SET workstream_id = 999 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "check", "--db", str(seeded_db_path))
    assert code == 1
    assert "PROBLEM: foreign key: milestone row 1 points at a missing workstream" in out


def test_backup_writes_a_consistent_copy(seeded_db_path, tmp_path, capsys):
    target = tmp_path / "copy.db"
    code, out, _ = run(capsys, "backup", "--db", str(seeded_db_path), "--out", str(target))
    assert code == 0 and out.strip() == str(target)
    code, out, _ = run(capsys, "check", "--db", str(target))
    assert code == 0
    code, out, _ = run(capsys, "backup", "--db", str(seeded_db_path))
    assert code == 0 and "/backups/" in out


def test_history_lists_changes_since_a_date(seeded_db_path, capsys):
    from t2025tui.core.services import workstreams
    from t2025tui.core.store import open_store

    store = open_store(seeded_db_path)
    row = store.query_one("SELECT * FROM workstream WHERE code = 'RIS'")
    workstreams.set_workstream_rag(
        store, row["id"], "Amber", "Audit resource gap", expected_version=row["version"]
    )
    store.close()
    code, out, _ = run(capsys, "history", "--db", str(seeded_db_path), "--since", "2023-01-01")
    assert code == 0
    lines = out.strip().splitlines()
    assert any(
        "workstream Raising Investigation Standards: rag: Green -> Amber (reason: Audit resource gap)" in line
        for line in lines
    )
    assert not any("created" in line for line in lines)
    from t2025tui.core.services import undo

    store = open_store(seeded_db_path)
    undo.undo(store)
    store.close()
    code, out, _ = run(
        capsys, "history", "--db", str(seeded_db_path), "--since", "2023-01-01", "--limit", "1"
    )
    assert (
        "[undo] workstream Raising Investigation Standards: rag_reason:" in out
        or "[undo] workstream Raising Investigation Standards: rag: Amber -> Green" in out
    )


def test_history_rejects_a_bad_date(seeded_db_path):
    result = t2025("history", "--db", str(seeded_db_path), "--since", "2023-02-29")
    assert result.returncode == 2
    assert "'2023-02-29' is not a real calendar date" in result.stderr
    assert "Traceback" not in result.stderr


def test_dump_and_load_round_trip(seeded_db_path, tmp_path, capsys):
    out_file = tmp_path / "programme.json"
    assert run(capsys, "dump", "--db", str(seeded_db_path), "--out", str(out_file))[0] == 0
    data = json.loads(out_file.read_text())
    assert data["format"] == "t2025tui-programme" and len(data["workstreams"]) == 5
    copy = tmp_path / "copy.db"
    code, out, _ = run(capsys, "load", "--db", str(copy), str(out_file))
    assert code == 0
    code, dumped, _ = run(capsys, "dump", "--db", str(copy))
    assert json.loads(dumped) == data
    code, _, err = run(capsys, "load", "--db", str(copy), str(out_file))
    assert code == 1 and "already exists" in err


def test_load_of_bad_json_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "t2025tui-programme", "programme": {"name": ""}}')
    code, _, err = run(capsys, "load", "--db", str(tmp_path / "n.db"), str(bad))
    assert code == 1
    assert (
        err.strip()
        == f"t2025: error: {bad} cannot be loaded: programme: name: is required; it cannot be blank. "
        "Nothing was created."
    )
    assert not (tmp_path / "n.db").exists()
    code, _, err = run(capsys, "load", "--db", str(tmp_path / "n.db"), str(tmp_path / "absent.json"))
    assert code == 1 and "does not exist" in err


def test_version_and_help():
    result = t2025("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"t2025 {__version__}"
    result = t2025("--help")
    for command in ("init", "summary", "check", "backup", "history", "dump", "load"):
        assert f"    {command}" in result.stdout


@pytest.mark.parametrize("content", [b"", b"id,name\n1,x\n", os.urandom(2048)])
def test_bad_files_give_one_line_no_traceback_and_stay_unchanged(tmp_path, content):
    db = tmp_path / "bad.db"
    db.write_bytes(content)
    result = t2025("summary", "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("t2025: error: ")
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == content
