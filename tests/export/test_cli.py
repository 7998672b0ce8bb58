"""`t2025 export`: writes the pack; every mistake is one clear line and exit status 1."""

import errno

import openpyxl
import pytest

from t2025tui.cli import main


def test_export_writes_the_pack(seeded_db_path, tmp_path, capsys):
    out = tmp_path / "pack.xlsx"
    assert main(["--db", str(seeded_db_path), "export", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(f"Pack written to {out} (as at ")
    assert "changes since 2022-03-15; 17 sheets" in printed.out
    assert printed.err == ""
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"


def test_export_as_of_and_since(seeded_db_path, tmp_path, capsys):
    out = tmp_path / "pack.xlsx"
    code = main(
        [
            "export",
            "--db",
            str(seeded_db_path),
            "--out",
            str(out),
            "--as-of",
            "2022-03-15",
            "--since",
            "2022-03-01",
        ]
    )
    assert code == 0
    assert "as at 2022-03-15, changes since 2022-03-01" in capsys.readouterr().out


# A date that is not one is an argument error, as for every command's date options (exit 2,
# argparse's code, through the one date_arg); a date that is one but does not fit is exit 1.
@pytest.mark.parametrize(
    "extra, message, code",
    [
        (["--as-of", "2022-02-30"], "argument --as-of: '2022-02-30' is not a real calendar date", 2),
        (["--as-of", "yesterday"], "argument --as-of: 'yesterday' is not a date; write it as YYYY-MM-DD", 2),
        (
            ["--since", "15/03/2022"],
            "argument --since: '15/03/2022' is not a date; write it as YYYY-MM-DD",
            2,
        ),
        (
            ["--as-of", "2022-03-15", "--since", "2022-04-01"],
            "--since 2022-04-01 is after --as-of 2022-03-15",
            1,
        ),
        (["--as-of", "2020-01-01"], "Nothing had been recorded by the end of 2020-01-01", 1),
    ],
)
def test_bad_dates_are_one_line(seeded_db_path, tmp_path, capsys, extra, message, code):
    out = tmp_path / "pack.xlsx"
    try:
        exit_code = main(["--db", str(seeded_db_path), "export", "--out", str(out), *extra])
    except SystemExit as exc:  # argparse's way out
        exit_code = exc.code
    assert exit_code == code
    err = capsys.readouterr().err
    assert err.startswith("t2025: error: ") and message in err
    assert err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "out, message",
    [
        (None, "--out is required: give the .xlsx file to write"),
        ("missing/pack.xlsx", "does not exist; create it or choose another path"),
        ("pack.csv", "does not end in .xlsx"),
    ],
)
def test_bad_output_paths_are_one_line(seeded_db_path, tmp_path, capsys, out, message):
    args = ["--db", str(seeded_db_path), "export"] + (["--out", str(tmp_path / out)] if out else [])
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("t2025: error: ") and message in err
    assert err.count("\n") == 1


def test_read_only_folder_is_one_line_and_keeps_the_old_file(seeded_db_path, tmp_path, capsys, monkeypatch):
    out = tmp_path / "pack.xlsx"
    out.write_bytes(b"last month's pack")

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("t2025tui.core.atomic_file.tempfile.mkstemp", refused)
    assert main(["--db", str(seeded_db_path), "export", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"t2025: error: Could not write {out}: permission denied in {tmp_path} (the folder is "
        "read-only); choose another folder. The existing file was left unchanged.\n"
    )
    assert out.read_bytes() == b"last month's pack"


def test_disk_full_is_one_line(seeded_db_path, tmp_path, capsys, monkeypatch):
    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("openpyxl.writer.excel.ExcelWriter.write_worksheet", disk_full)
    out = tmp_path / "pack.xlsx"
    assert main(["--db", str(seeded_db_path), "export", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"t2025: error: Could not write {out}: the disk is full; free some space and try again.\n"
    assert list(tmp_path.glob(".pack.xlsx.*")) == []


def test_missing_database_is_one_line(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.db"), "export", "--out", str(tmp_path / "p.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("t2025: error: No database at") and err.count("\n") == 1
