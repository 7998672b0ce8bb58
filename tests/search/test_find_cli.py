"""`t2025 find`: ranked results naming kind, ref, title and where the words were found; a
change's reason finds the record; any text is safe; bad options get one line."""

import json

import pytest

from t2025tui.cli import main


def t2025(capsys, db, *argv):
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as exc:  # argparse's refusals
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, db, *argv) -> str:
    code, out, err = t2025(capsys, db, *argv)
    assert code == 0 and err == "", err
    return out


def test_find_shows_kind_ref_title_and_where(capsys, seeded_db_path):
    ok(capsys, seeded_db_path, "add", "milestone", "--workstream", "FCR", "--title", "Capybara go-live")
    out = ok(capsys, seeded_db_path, "find", "capybara")
    first, snippet = out.splitlines()[:2]
    assert first.split()[0] == "milestone" and "Capybara go-live" in first and "(in title)" in first
    assert first.split()[1].startswith("FCR-M")
    assert "[Capybara]" in snippet


def test_a_word_of_a_change_reason_finds_the_record(capsys, seeded_db_path):
    ok(capsys, seeded_db_path, "add", "risk", "--ref", "R77", "--title", "Vendor exit")
    ok(capsys, seeded_db_path, "set", "risk", "R77", "--owner", "DCC", "--reason", "Flamingo audit finding")
    rows = json.loads(ok(capsys, seeded_db_path, "find", "flamingo", "--json"))
    assert [(r["kind"], r["ref"], r["found_in"].split(",")[0]) for r in rows] == [
        ("risk", "R77", "change reason")
    ]
    assert rows[0]["snippet"][slice(*rows[0]["marks"][0])] == "Flamingo"


def test_kind_and_limit(capsys, seeded_db_path):
    ok(capsys, seeded_db_path, "add", "risk", "--ref", "R78", "--title", "Gecko risk")
    for n in range(3):
        ok(capsys, seeded_db_path, "add", "milestone", "--workstream", "RM", "--title", f"Gecko {n}")
    every = json.loads(ok(capsys, seeded_db_path, "find", "gecko", "--json"))
    assert {r["kind"] for r in every} == {"risk", "milestone"}
    risks = json.loads(ok(capsys, seeded_db_path, "find", "gecko", "--kind", "risk", "--json"))
    assert [r["ref"] for r in risks] == ["R78"]
    assert len(json.loads(ok(capsys, seeded_db_path, "find", "gecko", "--limit", "2", "--json"))) == 2


@pytest.mark.parametrize("text", ['"unbalanced', "(FCR", "AND", "a*b*", "NOT", "title:", "FCR-M01", "🙂 x"])
def test_any_text_is_answered_without_an_error(capsys, seeded_db_path, text):
    code, out, err = t2025(capsys, seeded_db_path, "find", "--", text)
    assert code == 0 and err == "" and out


@pytest.mark.parametrize(
    "argv, says",
    [
        (["find", "*"], "has no words to look for"),
        (["find", "--", "-"], "has no words to look for"),
        (["find", "x", "--kind", "widget"], "invalid choice: 'widget'"),
        (["find", "x", "--limit", "0"], "not a count"),
        (["find", "x", "--limit", "501"], "500 or fewer"),
        (["find"], "required: TEXT"),
    ],
)
def test_bad_input_gets_one_line(capsys, seeded_db_path, argv, says):
    code, out, err = t2025(capsys, seeded_db_path, *argv)
    lines = err.strip().splitlines()
    assert code != 0 and len(lines) == 1 and lines[0].startswith("t2025: error: ") and says in lines[0], err


def test_nothing_found_says_so(capsys, seeded_db_path):
    assert ok(capsys, seeded_db_path, "find", "zzqxj") == "Nothing found for 'zzqxj'.\n"
    assert json.loads(ok(capsys, seeded_db_path, "find", "zzqxj", "--json")) == []
