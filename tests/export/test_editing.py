"""The returned pack is safe to edit: drop-downs and date checks on every column the import
reads, RAG fills that follow the word typed, everything else locked (no password), and a line
on each editable sheet saying how."""

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from t2025tui.core.export.cells import RAG_COLOURS
from t2025tui.core.export.recommendations_sheet import STATUSES
from t2025tui.core.importers.updates import SHEETS as IMPORTED_SHEETS
from t2025tui.core.importers.updates import preview_updates

# sheet -> {header: what checks it}
EDITABLE = {
    "Workstreams": {"RAG now": "list", "Reason for RAG": None, "Commentary": None},
    "Milestones": {"Milestone": None, "Forecast": "date", "Actual": "date", "Reason for last change": None},
    "Recommendations": {"Status": "list", "Evidence": None, "Notes": None},
}
LOCKED = {
    "Workstreams": ["Code", "Workstream", "RAG at last board", "Trend", "Suggested RAG", "Rule"],
    "Milestones": ["Workstream", "Ref", "Baseline", "Slippage (days)", "Status", "Dependency"],
    "Recommendations": ["Ref", "Type", "Owner"],
}


@pytest.fixture
def workbook(pack_path):
    return openpyxl.load_workbook(pack_path)


def _header(ws, name: str) -> tuple[int, int]:
    """(row, column) of a table header cell."""
    for row in ws.iter_rows(min_row=1, max_row=20):
        for cell in row:
            if cell.value == name and cell.font.bold and cell.fill.fill_type == "solid":
                return cell.row, cell.column
    raise AssertionError(f"{ws.title}: no header {name!r}")


def _validation_for(ws, ref: str):
    found = [v for v in ws.data_validations.dataValidation if ref in v.sqref]
    return found[0] if found else None


def test_every_editable_column_is_checked_as_typed(workbook):
    for sheet, columns in EDITABLE.items():
        ws = workbook[sheet]
        for header, kind in columns.items():
            row, column = _header(ws, header)
            first = f"{get_column_letter(column)}{row + 1}"
            validation = _validation_for(ws, first)
            if kind is None:
                continue
            assert validation is not None, (sheet, header)
            assert validation.type == kind, (sheet, header)
            assert validation.showErrorMessage, (sheet, header)
    ws = workbook["Workstreams"]
    row, column = _header(ws, "RAG now")
    assert _validation_for(ws, f"{get_column_letter(column)}{row + 1}").formula1 == '"Red,Amber,Green"'
    ws = workbook["Recommendations"]
    row, column = _header(ws, "Status")
    assert _validation_for(ws, f"{get_column_letter(column)}{row + 1}").formula1 == f'"{",".join(STATUSES)}"'


def test_the_rag_drop_down_follows_the_programmes_scale(store, tmp_path):
    with store.write() as conn:
        conn.execute("UPDATE programme SET rag_scale = 5 WHERE id = 1")
    from t2025tui.core.export import export_pack

    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    ws = openpyxl.load_workbook(out)["Workstreams"]
    row, column = _header(ws, "RAG now")
    assert "Amber/Green" in _validation_for(ws, f"{get_column_letter(column)}{row + 1}").formula1


def test_rag_fills_follow_the_word_typed(workbook):
    ws = workbook["Workstreams"]
    for header in ("RAG now", "RAG at last board"):
        row, column = _header(ws, header)
        first = f"{get_column_letter(column)}{row + 1}"
        rules = [
            rule
            for formatting in ws.conditional_formatting
            if first in str(formatting.sqref)
            for rule in formatting.rules
        ]
        by_word = {rule.formula[0].strip('"'): rule for rule in rules if rule.type == "cellIs"}
        assert set(by_word) == set(RAG_COLOURS), header
        for rag, colour in RAG_COLOURS.items():
            assert by_word[rag].dxf.fill.bgColor.rgb.endswith(colour), (header, rag)
        # Anything else typed there (a misspelling, "not set") loses the old colour.
        assert any(rule.type == "expression" and "NOT(OR(" in rule.formula[0] for rule in rules), header


def test_read_only_columns_are_locked_by_a_protection_with_no_password(workbook):
    for sheet in EDITABLE:
        ws = workbook[sheet]
        assert ws.protection.sheet, sheet
        assert not ws.protection.password, sheet
        assert ws.protection.autoFilter is False, sheet  # filtering still works
        for header in EDITABLE[sheet]:
            row, column = _header(ws, header)
            assert ws.cell(row + 1, column).protection.locked is False, (sheet, header)
        for header in LOCKED[sheet]:
            row, column = _header(ws, header)
            assert ws.cell(row + 1, column).protection.locked is not False, (sheet, header)


def test_each_editable_sheet_says_how_to_edit_it(workbook):
    for sheet in EDITABLE:
        texts = [c.value for row in workbook[sheet].iter_rows(max_row=4) for c in row if c.value]
        assert any(str(t).startswith("To update: edit only the columns with green headings") for t in texts)


def test_the_import_reads_every_column_made_editable(workbook):
    # The pack and the import agree on which columns come back.
    fields_by_header = {"RAG now": "rag", "Reason for RAG": "rag_reason", "Commentary": "commentary"}
    spec = IMPORTED_SHEETS["Workstreams"]
    assert {fields_by_header[h] for h in EDITABLE["Workstreams"]} == set(spec.editable)
    assert len(EDITABLE["Milestones"]) == len(IMPORTED_SHEETS["Milestones"].editable)
    assert len(EDITABLE["Recommendations"]) == len(IMPORTED_SHEETS["Recommendations"].editable)


def test_a_protected_pack_edited_in_its_unlocked_cells_imports_the_edit(store, pack_path, tmp_path):
    wb = openpyxl.load_workbook(pack_path)
    ws = wb["Workstreams"]
    row, column = _header(ws, "RAG now")
    code_column = _header(ws, "Code")[1]
    target = next(r for r in range(row + 1, ws.max_row + 1) if ws.cell(r, code_column).value == "RIS")
    ws.cell(target, column).value = "Amber"
    ws.cell(target, _header(ws, "Reason for RAG")[1]).value = "Two investigators left"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    preview = preview_updates(store, edited)
    updates = [r for r in preview.rows if r.action == "update"]
    assert [(r.label, r.values.get("rag")) for r in updates] == [("RIS", "Amber")]
