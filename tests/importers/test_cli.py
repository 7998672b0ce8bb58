"""`t2025 import risks|updates`: preview printed first, --dry-run writes nothing, errors one line."""

import openpyxl

from t2025tui.cli import main
from t2025tui.core.export import export_pack
from t2025tui.core.store import open_store
from tests.importers.builders import messy_risk_log


def _count(db, sql):
    store = open_store(db)
    try:
        return store.scalar(sql)
    finally:
        store.close()


def test_dry_run_prints_mapping_and_preview_and_writes_nothing(seeded_db_path, tmp_path, capsys):
    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    code = main(["--db", str(seeded_db_path), "import", "risks", str(path), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Sheet 'Risks': header row 5" in out and "A 'Risk ID' -> ref" in out
    assert "+ create Risks row 6: risk R-01" in out and out.rstrip().endswith("Dry run: nothing was written.")
    assert _count(seeded_db_path, "SELECT COUNT(*) FROM risk WHERE ref LIKE 'R-0%'") == 0


def test_invalid_rows_refuse_with_one_line_and_exit_1(seeded_db_path, tmp_path, capsys):
    path = messy_risk_log(tmp_path / "log.xlsx")
    code = main(["import", "risks", str(path), "--db", str(seeded_db_path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Risks!C10: likelihood 7 is not 1-5" in captured.out
    assert captured.err.strip().splitlines() == [
        "t2025: error: 1 invalid row in log.xlsx, so nothing was written (first: Risks!C10: likelihood 7 is "
        "not 1-5). Fix them and import again, or use --skip-invalid."
    ]
    assert _count(seeded_db_path, "SELECT COUNT(*) FROM risk WHERE ref LIKE 'R-0%'") == 0
    assert main(["import", "risks", str(path), "--db", str(seeded_db_path), "--skip-invalid"]) == 0
    assert "Imported log.xlsx: 3 created, 0 changed, 1 invalid rows skipped." in capsys.readouterr().out
    assert _count(seeded_db_path, "SELECT COUNT(*) FROM risk WHERE ref LIKE 'R-0%'") == 3


def test_sheet_option_and_bad_file_errors(seeded_db_path, tmp_path, capsys):
    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    assert main(["import", "risks", str(path), "--sheet", "Nope", "--db", str(seeded_db_path)]) == 1
    assert capsys.readouterr().err.startswith("t2025: error: log.xlsx has no sheet named 'Nope'")
    bogus = tmp_path / "notes.xlsx"
    bogus.write_text("hello")
    assert main(["import", "updates", str(bogus), "--db", str(seeded_db_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notes.xlsx is not an Excel .xlsx workbook" in err


def test_import_updates_from_an_edited_pack(seeded_db_path, tmp_path, capsys):
    store = open_store(seeded_db_path)
    pack = tmp_path / "pack.xlsx"
    try:
        export_pack(store, pack)
    finally:
        store.close()
    wb = openpyxl.load_workbook(pack)
    ws = wb["Workstreams"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "IOM")
    ws.cell(row=row, column=8, value="Scope change agreed")
    wb.save(pack)
    assert main(["import", "updates", str(pack), "--db", str(seeded_db_path)]) == 0
    out = capsys.readouterr().out
    assert "~ change Workstreams row" in out and "commentary:" in out
    assert "Imported pack.xlsx: 0 created, 1 changed." in out
    assert (
        _count(seeded_db_path, "SELECT commentary FROM workstream WHERE code = 'IOM'")
        == "Scope change agreed"
    )


def test_reimport_and_conflict_only_runs_say_why_nothing_was_imported(seeded_db_path, tmp_path, capsys):
    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    assert main(["import", "risks", str(path), "--db", str(seeded_db_path)]) == 0
    capsys.readouterr()
    assert main(["import", "risks", str(path), "--db", str(seeded_db_path)]) == 0
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith("Nothing imported from log.xlsx: the database already holds everything in it.")
    )
