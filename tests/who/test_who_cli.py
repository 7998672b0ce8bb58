"""`--user NAME` on every command, and who is shown by `t2025 history`."""

import pytest

from t2025tui.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(seeded_db_path, monkeypatch):
    monkeypatch.setenv("T2025_USER", "Env Person")
    return str(seeded_db_path)


def test_user_before_or_after_the_command_is_recorded_and_shown_in_history(db, capsys):
    assert (
        run(capsys, "--user", "Ann Lead", "set", "workstream", "RM", "--commentary", "first", "--db", db)[0]
        == 0
    )
    assert (
        run(capsys, "set", "--user", "Bob Deputy", "workstream", "FCR", "--commentary", "second", "--db", db)[
            0
        ]
        == 0
    )
    code, out, _ = run(capsys, "history", "--db", db, "--limit", "4")
    assert code == 0
    lines = out.splitlines()
    assert "Bob Deputy" in lines[0] and "second" in lines[0]
    assert any("Ann Lead" in line and "first" in line for line in lines)


def test_without_user_the_settings_name_then_the_environment_is_recorded(db, capsys):
    run(capsys, "set", "workstream", "RM", "--commentary", "by env", "--db", db)
    run(capsys, "settings", "--user", "Settings Person", "--db", db)
    run(capsys, "set", "workstream", "RM", "--commentary", "by settings", "--db", db)
    _, out, _ = run(capsys, "history", "--db", db, "--limit", "5")
    by_line = {line.split("-> ")[-1]: line for line in out.splitlines() if "commentary" in line}
    assert "Env Person" in by_line["by env"]
    assert "Settings Person" in by_line["by settings"]


@pytest.mark.parametrize("bad", ["", "a\x07b", "x" * 200])
def test_a_bad_user_name_is_one_clear_line_and_nothing_is_written(db, capsys, bad):
    _, before, _ = run(capsys, "history", "--db", db, "--limit", "1")
    code, out, err = run(capsys, "--user", bad, "set", "workstream", "RM", "--commentary", "x", "--db", db)
    assert code != 0 and out == ""
    assert err.startswith("t2025: error: the user name") and len(err.strip().splitlines()) == 1
    assert run(capsys, "history", "--db", db, "--limit", "1")[1] == before
