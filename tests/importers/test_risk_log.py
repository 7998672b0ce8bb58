"""Importing a messy risk log: what the preview says, what is written, what the history holds."""

import json
from datetime import date

import openpyxl
import pytest

from t2025tui.core.changes import decode
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.risk_log import EXTRA_MARKER, preview_risks
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.services import undo
from tests.importers.builders import messy_risk_log, with_shared_strings


def _risk(store, ref):
    return store.query_one("SELECT * FROM risk WHERE ref = ?", (ref,))


def test_header_row_and_mapping_are_found_under_title_block_and_merged_banners(store, tmp_path):
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx"))
    sheet = preview.sheets[0]
    assert (sheet.sheet, sheet.header_row) == ("Risks", 5)
    targets = {use.letter: use.target for use in sheet.columns}
    assert targets == {
        "A": "ref",
        "B": "title",
        "C": "inherent_likelihood",
        "D": "inherent_impact",
        "E": "derived",
        "F": "residual_likelihood",
        "G": "residual_impact",
        "H": "derived",
        "I": "owner",
        "J": "response",
        "K": "actions",
        "L": "review_date",
        "M": "notes+",
    }
    text = "\n".join(preview.lines())
    assert "header row 5" in text and "M 'Directorate' -> kept in the notes" in text


def test_preview_lists_creates_and_the_invalid_cells_with_sheet_and_cell(store, tmp_path):
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx"))
    assert [(r.action, r.label) for r in preview.rows] == [
        ("create", "R-01"),
        ("create", "R-02"),
        ("create", "R-03"),
        ("invalid", "R-04"),
    ]
    problems = [str(p) for p in preview.invalid[0].problems]
    assert "Risks!C10: likelihood 7 is not 1-5" in problems
    assert any(p.startswith("Risks!L10: review date 'not a date' is not a date") for p in problems)
    # The footnote below the table is skipped with a warning, not treated as a risk.
    assert any("row 13" in str(w) and "note" in str(w) for w in preview.warnings)


def test_words_text_dates_and_treatment_synonyms_are_read(store, tmp_path):
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx"))
    r01, r02, r03 = (row.values for row in preview.rows[:3])
    assert (r01["residual_likelihood"], r01["response"], r01["review_date"]) == (3, "Treat", "2022-03-31")
    assert (r02["inherent_likelihood"], r02["inherent_impact"], r02["review_date"]) == (4, 5, "2022-03-31")
    assert (r03["inherent_likelihood"], r03["inherent_impact"], r03["response"]) == (2, 3, "Transfer")
    assert r03["review_date"] == "2022-04-15"


def test_any_invalid_row_means_nothing_is_written(store, tmp_path):
    before = store.scalar("SELECT COUNT(*) FROM change_log")
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx"))
    with pytest.raises(ImportRefused, match=r"1 invalid row .*nothing was written .*Risks!C10: likelihood 7"):
        apply_preview(store, preview)
    assert _risk(store, "R-01") is None
    assert store.scalar("SELECT COUNT(*) FROM change_log") == before


def test_skip_invalid_writes_the_valid_rows_as_one_import_batch(store, tmp_path):
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx"))
    result = apply_preview(store, preview, skip_invalid=True)
    assert (result.created, result.changed, result.skipped_invalid) == (3, 0, 1)
    r02 = _risk(store, "R-02")
    assert (r02["owner"], r02["response"], r02["residual_likelihood"], r02["residual_impact"]) == (
        "People Director",
        "Tolerate",
        2,
        3,
    )
    assert r02["notes"] == f"{EXTRA_MARKER}\nDirectorate: People"
    assert _risk(store, "R-04") is None
    batch = store.query_one("SELECT * FROM change_batch WHERE id = ?", (result.batch_id,))
    assert batch["action"] == "import" and "log.xlsx" in batch["summary"]
    logged = store.query(
        "SELECT entity, action, new FROM change_log WHERE batch_id = ? ORDER BY id", (result.batch_id,)
    )
    assert [(e["entity"], e["action"]) for e in logged] == [("risk", "create")] * 3
    assert json.loads(logged[0]["new"])["ref"] == "R-01"
    # No cell is ever stored as a formula.
    assert store.scalar("SELECT COUNT(*) FROM risk WHERE notes LIKE '%=%' OR title LIKE '=%'") == 0


def test_reimporting_the_same_file_changes_nothing(store, tmp_path):
    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    apply_preview(store, preview_risks(store, path))
    again = preview_risks(store, path)
    assert [row.action for row in again.rows] == ["unchanged"] * 3
    assert apply_preview(store, again).batch_id is None


def test_existing_risk_is_updated_field_by_field_and_can_be_undone(store, tmp_path):
    seeded = _risk(store, "T2025-R04")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Ref", "Title", "Likelihood", "Impact", "Response", "Owner", "Review Date", "Status"])
    ws.append(["T2025-R04", None, "Medium", "high", "Accept", "Chief Constable", date(2022, 6, 30), "Closed"])
    path = tmp_path / "update.xlsx"
    wb.save(path)
    preview = preview_risks(store, path)
    [row] = preview.rows
    assert row.action == "update"
    assert row.values == {
        "inherent_likelihood": 3,
        "inherent_impact": 4,
        "response": "Tolerate",
        "owner": "Chief Constable",
        "review_date": "2022-06-30",
        "status": "Closed",
    }
    assert "~ change Register row 2: risk T2025-R04" in preview.lines()
    # Each change shows the value as stored and, where reading changed it, the cell as typed.
    assert "    response: (blank) -> 'Tolerate' (read 'Accept')" in preview.lines()
    assert "    inherent impact: 3 -> '4' (read 'high')" in preview.lines() or any(
        line.startswith("    inherent impact:") and "(read 'high')" in line for line in preview.lines()
    )
    result = apply_preview(store, preview)
    after = _risk(store, "T2025-R04")
    # Blank cells never clear what the app holds; the title stays.
    assert after["title"] == seeded["title"] and after["status"] == "Closed"
    fields = {
        e["field"]: (decode(e["old"]), decode(e["new"]))
        for e in store.query("SELECT field, old, new FROM change_log WHERE batch_id = ?", (result.batch_id,))
    }
    assert fields["owner"] == ("", "Chief Constable") and fields["status"] == ("Open", "Closed")
    undo.undo(store)
    assert _risk(store, "T2025-R04")["owner"] == seeded["owner"]


def test_formula_and_error_cells_are_flagged_never_stored(store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Risk ID", "Risk", "L", "I", "Owner", "Comments"])
    ws.append(["X-1", "Formula owner", 2, 2, '=UPPER("acc")', "fine"])
    ws.append(["X-2", "Error impact", 2, "#REF!", "ACC", "=1+1"])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    preview = preview_risks(store, path)
    problems = [str(p) for row in preview.invalid for p in row.problems]
    assert any(
        p.startswith('Sheet!E2: owner is a formula (=UPPER("acc")); replace it with its value')
        for p in problems
    )
    assert "Sheet!D3: impact shows the Excel error #REF!; correct the cell and import again" in problems
    result = apply_preview(store, preview, skip_invalid=True)
    assert result.created == 0
    assert store.scalar("SELECT COUNT(*) FROM risk WHERE ref LIKE 'X-%'") == 0


def test_duplicate_refs_and_missing_refs_are_invalid(store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Risks"
    ws.append(["Ref", "Description", "Likelihood", "Impact", "Workstream"])
    ws.append(["D-1", "First", 1, 1, "FCR"])
    ws.append(["D-1", "Again", 2, 2, "Force Control Room"])
    ws.append([None, "No ref at all", 2, 2, None])
    ws.append(["D-2", "Unknown workstream", 2, 2, "Nowhere"])
    path = tmp_path / "dupes.xlsx"
    wb.save(path)
    preview = preview_risks(store, path)
    assert [r.action for r in preview.rows] == ["create", "invalid", "invalid", "invalid"]
    messages = [str(r.problems[0]) for r in preview.invalid]
    assert messages[0] == "Risks!A3: ref D-1 appears again (first in row 2); refs must be unique"
    assert messages[1].startswith("Risks!A4: no risk ref")
    assert messages[2].startswith("Risks!E5: workstream 'Nowhere' is not known; use a code (FCR")
    assert '--map-workstream "Nowhere=FCR"' in messages[2]
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    assert preview.rows[0].values["workstream_id"] == fcr


def test_sheet_option_and_missing_table_messages(store, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active["A1"] = "Nothing to see here"
    risks = wb.create_sheet("Old risks")
    risks.append(["Ref", "Title"])
    risks.append(["S-1", "On the second sheet"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert preview_risks(store, path).rows[0].label == "S-1"
    with pytest.raises(ImportRefused, match="no header row found in sheet 'Cover'"):
        preview_risks(store, path, sheet="Cover")
    with pytest.raises(ImportRefused, match="has no sheet named 'Nope'; its sheets are: Cover, Old risks"):
        preview_risks(store, path, sheet="Nope")


def test_csv_risk_log_is_supported(store, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "\ufeffRisk No;Risk Title;Probability;Severity;Next review\n"
        "C-1;From a CSV;Low;Very High;31/03/2022\n",
        encoding="utf-8",
    )
    [row] = preview_risks(store, path).rows
    assert row.action == "create"
    assert (row.values["inherent_likelihood"], row.values["inherent_impact"], row.values["review_date"]) == (
        2,
        5,
        "2022-03-31",
    )


def test_shared_strings_rich_text_and_excel_dates_as_excel_writes_them(store, tmp_path):
    inline = messy_risk_log(tmp_path / "inline.xlsx", invalid_row=False)
    path = with_shared_strings(inline, tmp_path / "shared.xlsx")
    preview = preview_risks(store, path)
    assert preview.sheets[0].header_row == 5
    assert [(r.action, r.label) for r in preview.rows] == [
        ("create", "R-01"),
        ("create", "R-02"),
        ("create", "R-03"),
    ]
    assert preview.rows[0].values["review_date"] == "2022-03-31"
    assert preview.rows[0].values["title"] == "Scale of change too large"


def test_long_previews_list_problems_in_full_and_count_the_rest(store, tmp_path):
    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx"))
    lines = preview.lines(show_mapping=False, limit=1, problems_first=True)
    assert lines[0] == "log.xlsx: 3 to create, 0 to change, 0 unchanged, 1 invalid, 0 in conflict"
    assert lines[1:3] == ["x invalid Risks row 10: risk R-04", "    Risks!C10: likelihood 7 is not 1-5"]
    assert "+ create Risks row 6: risk R-01" in lines
    assert "+ create Risks row 7: risk R-02" not in lines
    assert "... and 2 more rows to create or change (not listed)" in lines


def test_csv_formula_cells_are_flagged(store, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text('Ref,Title,Owner\nC-2,Injected,"=HYPERLINK(""http://x"",""y"")"\n', encoding="utf-8")
    [row] = preview_risks(store, path).rows
    assert row.action == "invalid"
    assert str(row.problems[0]).startswith('log!C2: owner is a formula (=HYPERLINK("http://x","y"))')


def test_1904_date_system_and_custom_date_formats(store, tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Ref", "Title", "Review date"])
    ws.append(["M-1", "Mac workbook", date(2022, 3, 31)])
    ws["C2"].number_format = "dd/mm/yyyy"
    ws.append(["M-2", "Plain number in a date column", 7])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    rows = preview_risks(store, path).rows
    assert rows[0].values["review_date"] == "2022-03-31"
    assert (
        str(rows[1].problems[0])
        == "Sheet!C3: review date 7 is a number, not a date; enter a date such as 31/03/2022"
    )


def test_numbered_template_rows_with_only_a_ref_are_skipped(store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Title", "Owner"])
    ws.append(["T-1", "Real risk", "ACC"])
    for number in range(2, 5):
        ws.append([f"T-{number}", None, None])
    path = tmp_path / "template.xlsx"
    wb.save(path)
    preview = preview_risks(store, path)
    assert [(r.action, r.label) for r in preview.rows] == [("create", "T-1")]
    assert [str(w) for w in preview.warnings][0] == "Sheet row 3: skipped: T-2 has only a ref, nothing else"


def test_risk_added_in_the_app_between_preview_and_apply_stops_the_import(store, tmp_path):
    from t2025tui.core.errors import StaleEditError
    from t2025tui.core.services.risks import create_risk

    preview = preview_risks(store, messy_risk_log(tmp_path / "log.xlsx", invalid_row=False))
    create_risk(store, ref="R-02", title="Added in another window")
    with pytest.raises(
        StaleEditError, match="risk R-02 changed in the app since the preview, so nothing was written"
    ):
        apply_preview(store, preview)
    assert _risk(store, "R-01") is None
