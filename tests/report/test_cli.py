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
        (["--out", "r.docx", "--as-of", "15/13/2022"], "--as-of: "),
        (["--out", "r.docx", "--since", "yesterday"], "--since: "),
        (["--out", "r.docx", "--as-of", "2022-03-01", "--since", "2022-03-02"], "is after --as-of"),
        (["--out", "r.docx", "--as-of", "2020-01-01"], "Nothing had been recorded by the end of 2020-01-01"),
        (["--out", "r.docx", "--template", "missing.docx"], "no such file"),
        (["--out", "no/such/folder/r.docx"], "does not exist"),
    ],
)
def test_mistakes_are_one_line(seeded_db_path, tmp_path, monkeypatch, capsys, extra, message):
    monkeypatch.chdir(tmp_path)
    code = main(["report", "--db", str(seeded_db_path), *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("t2025: error: ") and message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "r.docx").exists()


def test_no_database_is_one_line(tmp_path, capsys):
    code = main(["report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "r.docx")])
    assert code == 1
    assert "No database at" in capsys.readouterr().err
