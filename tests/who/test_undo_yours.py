"""Undo is yours: a window (or a person) undoes only its own changes, names what it undid,
refuses with the reason when the record changed since, and undoes another's only when asked."""

import subprocess
import sys

import pytest

from t2025tui.cli import main
from t2025tui.core.changes import written_by
from t2025tui.core.errors import NothingToUndoError, StaleEditError
from t2025tui.core.services import risks, undo, workstreams
from t2025tui.core.store import open_store
from t2025tui.core.who import acting_as


def _ws(store, code):
    return store.query_one("SELECT * FROM workstream WHERE code = ?", (code,))


def _commentary(store, code, text):
    row = _ws(store, code)
    workstreams.set_commentary(store, row["id"], text, expected_version=row["version"])


def _own(store):
    return undo.Mine(batch_ids=written_by(store))


@pytest.fixture
def windows(seeded_db_path):
    """Two windows on one file, both run by the same person."""
    a, b = open_store(seeded_db_path), open_store(seeded_db_path)
    yield a, b
    a.close()
    b.close()


def test_each_window_undoes_only_its_own_changes_and_the_notice_names_them(windows):
    a, b = windows
    rm_before = _ws(a, "RM")["commentary"]
    workstreams.add_note(a, _ws(a, "FCR")["id"], "A's note")
    _commentary(b, "RM", "B's commentary")
    assert undo.undo(a, _own(a)).startswith("Undo: ")
    assert a.scalar("SELECT COUNT(*) FROM note WHERE text = ?", ("A's note",)) == 0
    assert _ws(a, "RM")["commentary"] == "B's commentary"  # B's change untouched
    with pytest.raises(NothingToUndoError, match="this window"):
        undo.undo(a, _own(a))
    assert undo.undo(b, _own(b)) == "Undo: commentary of Resource Management"
    assert _ws(a, "RM")["commentary"] == rm_before


def test_redo_is_of_ones_own_undo_and_ends_with_ones_own_next_edit(windows):
    a, b = windows
    _commentary(a, "RM", "one")
    _commentary(a, "RM", "two")
    undo.undo(a, _own(a))
    undo.undo(a, _own(a))
    _commentary(b, "FCR", "B edits elsewhere")  # another window's edit leaves A's redo alone
    with pytest.raises(NothingToUndoError):
        undo.redo(b, _own(b))
    assert undo.redo(a, _own(a)) == "Redo: commentary of Resource Management"
    assert _ws(a, "RM")["commentary"] == "one"
    assert undo.redo(a, _own(a)) and _ws(a, "RM")["commentary"] == "two"
    undo.undo(a, _own(a))
    _commentary(a, "IOM", "a new edit of A's")
    with pytest.raises(NothingToUndoError):
        undo.redo(a, _own(a))


def test_undo_refuses_with_who_and_when_when_the_record_changed_since(windows):
    a, b = windows
    _commentary(a, "RM", "A's words")
    with acting_as("Bob Deputy"):
        _commentary(b, "RM", "Bob's words")
    with pytest.raises(
        StaleEditError, match=r"commentary of Resource Management was changed since by Bob Deputy at \d{4}-"
    ):
        undo.undo(a, _own(a))
    assert _ws(a, "RM")["commentary"] == "Bob's words"


def test_undoing_a_new_record_refuses_once_another_window_edited_it(windows):
    a, b = windows
    risks.create_risk(a, ref="R900", title="Supplier failure")
    row = b.query_one("SELECT * FROM risk WHERE ref = 'R900'")
    with acting_as("Bob Deputy"):
        risks.update_risk(
            b, row["id"], title="Supplier failure (Bob's wording)", expected_version=row["version"]
        )
    with pytest.raises(StaleEditError, match="changed since by Bob Deputy"):
        undo.undo(a, _own(a))
    assert a.scalar("SELECT title FROM risk WHERE ref = 'R900'") == "Supplier failure (Bob's wording)"


def test_anothers_change_is_undone_only_when_confirmed_with_a_question_naming_them(windows):
    a, b = windows
    with acting_as("Bob Deputy"):
        _commentary(b, "RM", "Bob's words")
    bobs = max(written_by(b))
    with acting_as("Ann Lead"):
        with pytest.raises(undo.OthersChangeError) as refused:
            undo.undo(a, batch_id=bobs)
        assert _ws(a, "RM")["commentary"] == "Bob's words"
        question = str(refused.value)
        assert (
            question.startswith("Undo Bob Deputy's change of 20")
            and "commentary of Resource Management" in question
        )
        assert undo.undo(a, batch_id=bobs, confirmed=True) == "Undo: commentary of Resource Management"
    assert _ws(a, "RM")["commentary"] != "Bob's words"


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_undo_takes_your_latest_never_another_processs(seeded_db_path, capsys):
    db = str(seeded_db_path)
    assert (
        run(capsys, "--user", "Ann Lead", "set", "workstream", "RM", "--commentary", "Ann's", "--db", db)[0]
        == 0
    )
    # Another person's change, made by another process after Ann's.
    other = subprocess.run(
        [
            sys.executable,
            "-m",
            "t2025tui",
            "--user",
            "Bob Deputy",
            "set",
            "workstream",
            "FCR",
            "--commentary",
            "Bob's",
            "--db",
            db,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert other.returncode == 0, other.stderr
    code, out, _ = run(capsys, "--user", "Ann Lead", "undo", "--db", db)
    assert code == 0 and out.strip() == "Undo: commentary of Resource Management"
    code, _, err = run(capsys, "--user", "Ann Lead", "undo", "--db", db)
    assert code == 1 and err.strip() == "t2025: error: Nothing of yours (Ann Lead) to undo."
    _, history, _ = run(capsys, "history", "--db", db, "--limit", "5")
    bobs = next(line for line in history.splitlines() if "Bob Deputy" in line).split("#")[1].split()[0]
    code, out, err = run(capsys, "--user", "Ann Lead", "undo", "--batch", bobs, "--db", db)
    assert code == 1 and out == ""
    assert "was made by Bob Deputy at 20" in err and f"t2025 undo --batch {bobs} --yes" in err
    store = open_store(seeded_db_path)
    try:
        assert _ws(store, "FCR")["commentary"] == "Bob's"
    finally:
        store.close()
    code, out, _ = run(capsys, "--user", "Ann Lead", "undo", "--batch", bobs, "--yes", "--db", db)
    assert code == 0 and out.strip() == "Undo: commentary of Force Control Room"
    code, out, _ = run(capsys, "--user", "Ann Lead", "undo", "--redo", "--db", db)
    assert code == 0 and out.strip() == "Redo: commentary of Force Control Room"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--batch", "999999"], "There is no change 999999"),
        (["--batch", "1"], "cannot be undone"),  # the seed
        (["--batch", "0"], "not a count"),
        (["--batch", "1", "--redo"], "--redo takes no --batch"),
    ],
)
def test_cli_undo_refuses_what_it_cannot_undo_in_one_line(seeded_db_path, capsys, argv, message):
    try:
        code, out, err = run(capsys, "undo", *argv, "--db", str(seeded_db_path))
    except SystemExit as exc:  # argparse's own refusals exit from inside main
        code, captured = exc.code, capsys.readouterr()
        out, err = captured.out, captured.err
    assert code != 0 and out == ""
    assert err.startswith("t2025: error: ") and message in err and len(err.strip().splitlines()) == 1
