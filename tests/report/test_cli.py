"""`t2025 report`: writes the .docx; every mistake is one clear line and exit status 1."""

import docx
import pytest

from t2025tui.cli import main


def test_report_writes_the_document(seeded_db_path, tmp_path, capsys):
    out = tmp_path / "report.docx"
    code = main(["--db", str(seeded_db_path), "report", "--out", str(out), "--as-of", "2022-03-15"])
    assert code == 0
    printed = capsys.readouterr()
    assert printed.out == (
        f"Report written to {out} (as at 2022-03-15, period after 2021-12-15; 5 workstreams)\n"
    )
    assert printed.err == ""
    assert "1. Purpose" in [p.text for p in docx.Document(str(out)).paragraphs]


def test_since_and_template(seeded_db_path, tmp_path, capsys):
    template = tmp_path / "house.docx"
    docx.Document().save(str(template))
    out = tmp_path / "report.docx"
    args = ["report", "--db", str(seeded_db_path), "--out", str(out), "--as-of", "2022-03-15"]
    assert main([*args, "--since", "2022-01-31", "--template", str(template)]) == 0
    assert f"period after 2022-01-31; 5 workstreams; styles from {template})" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "--out is required: give the .docx file to write"),
        (["--out", "r.xlsx"], "does not end in .docx"),
        (["--out", "r.docx", "--as-of", "15/13/2022"], "argument --as-of: '15/13/2022' is not a date"),
        (["--out", "r.docx", "--since", "yesterday"], "argument --since: 'yesterday' is not a date"),
        (["--out", "r.docx", "--as-of", "2022-03-01", "--since", "2022-03-02"], "is after --as-of"),
        (["--out", "r.docx", "--as-of", "2020-01-01"], "Nothing had been recorded by the end of 2020-01-01"),
        (["--out", "r.docx", "--template", "missing.docx"], "no such file"),
        (["--out", "no/such/folder/r.docx"], "does not exist"),
    ],
)
def test_mistakes_are_one_line(seeded_db_path, tmp_path, monkeypatch, capsys, extra, message):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["report", "--db", str(seeded_db_path), *extra])
    except SystemExit as exc:  # a date that is not one: an argument error, exit 2 (date_arg)
        code = exc.code
    err = capsys.readouterr().err
    assert code == (2 if "argument --" in message else 1)
    assert err.startswith("t2025: error: ") and message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "r.docx").exists()


def test_no_database_is_one_line(tmp_path, capsys):
    code = main(["report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "r.docx")])
    assert code == 1
    assert "No database at" in capsys.readouterr().err


def test_report_text_lists_shows_and_sets_sections(seeded_db_path, tmp_path, capsys):
    db = ["--db", str(seeded_db_path)]
    assert main(["report-text", *db]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0] == "committee  15 characters: Audit Committee"
    assert "workstream --workstream FCR  (not written)" in listing
    assert main(["report-text", *db, "purpose"]) == 0
    assert capsys.readouterr().out.startswith("The purpose of the report is to update members")
    source = tmp_path / "fcr.txt"
    source.write_text("First paragraph.\n- a bullet\n", encoding="utf-8")
    code = main(
        ["report-text", *db, "workstream", "--workstream", "FCR", "--from", str(source), "--reason", "Q1"]
    )
    assert code == 0 and capsys.readouterr().out == "Report text workstream saved.\n"
    assert main(["report-text", *db, "workstream", "--workstream", "FCR"]) == 0
    assert capsys.readouterr().out == "First paragraph.\n- a bullet\n"
    assert main(["history", *db, "--limit", "1"]) == 0
    assert "(reason: Q1)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["nonsense"], "unknown report section 'nonsense'"),
        (["workstream"], "needs --workstream CODE"),
        (["purpose", "--workstream", "FCR"], "applies only to the section 'workstream'"),
        (["workstream", "--workstream", "XX", "--from", "f.txt"], "no workstream with the code 'XX'"),
        (["purpose", "--from", "missing.txt"], "no such file"),
        (["purpose", "--from", "latin1.txt"], "is not UTF-8 text"),
    ],
)
def test_report_text_mistakes_are_one_line(seeded_db_path, tmp_path, monkeypatch, capsys, extra, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "f.txt").write_text("x")
    assert main(["report-text", "--db", str(seeded_db_path), *extra]) == 1
    err = capsys.readouterr().err
    assert err.startswith("t2025: error: ") and message in err and err.count("\n") == 1
