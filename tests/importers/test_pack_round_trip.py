"""Exporting the pack and importing it untouched changes nothing, for any text the app holds;
renamed sheets are found or reported; a duplicated row is reported once, not as a conflict loop."""

import openpyxl
import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.updates import preview_updates
from t2025tui.core.services import workstreams
from tests.importers.builders import libreoffice_resave

# Text the app can hold that the pack cannot show as it is.
HARD_TEXT = {
    "FCR": "Emoji 😀 beyond the cell limit " + "😀" * 20_000,  # 16,000+ characters, 40,000+ UTF-16 units
    "RM": "Not a character XML can hold: \uffff and \ufffe here",
    "VUL": "Looks like an escape: _x000D_ and _x0041_",
    "RIS": "Line one\nLine two\n\twith a tab",
}


def _set(store, code, text):
    ws = store.query_one("SELECT * FROM workstream WHERE code = ?", (code,))
    workstreams.set_commentary(store, ws["id"], text, expected_version=ws["version"])


def _hard_pack(store, tmp_path):
    for code, text in HARD_TEXT.items():
        _set(store, code, text)
    path = tmp_path / "pack.xlsx"
    export_pack(store, path)
    return path


@pytest.mark.parametrize("writer", ["export", "libreoffice"])
def test_an_untouched_pack_imports_as_no_change_for_any_text(store, tmp_path, writer):
    path = _hard_pack(store, tmp_path)
    if writer == "libreoffice":
        path = libreoffice_resave(path, tmp_path / "resaved.xlsx")
    preview = preview_updates(store, path)
    assert [(row.label, row.values) for row in preview.rows if row.action != "unchanged"] == []
    assert not preview.invalid


def test_an_edit_beside_hard_text_imports_only_the_edit(store, tmp_path):
    path = _hard_pack(store, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Workstreams"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "IOM")
    ws.cell(row=row, column=8, value="The lead's new commentary")
    wb.save(path)
    preview = preview_updates(store, path)
    assert [(row.label, row.values) for row in preview.rows if row.action == "update"] == [
        ("IOM", {"commentary": "The lead's new commentary"})
    ]


def _pack_with(store, tmp_path, change):
    path = tmp_path / "pack.xlsx"
    export_pack(store, path)
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _commentary(ws, code, text):
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == code)
    ws.cell(row=row, column=8, value=text)
    return row


def test_a_renamed_sheet_is_found_by_its_header(store, tmp_path):
    def rename(wb):
        ws = wb["Workstreams"]
        ws.title = "Workstreams edited"
        _commentary(ws, "RM", "Edited in the renamed sheet")

    preview = preview_updates(store, _pack_with(store, tmp_path, rename))
    assert [(row.label, row.values) for row in preview.rows if row.action == "update"] == [
        ("RM", {"commentary": "Edited in the renamed sheet"})
    ]
    assert any(
        w.where == "Workstreams edited" and "read as the pack's Workstreams sheet" in w.message
        for w in preview.warnings
    )


def test_a_sheet_neither_named_nor_recognisable_is_reported(store, tmp_path):
    def spoil(wb):
        ws = wb["Milestones"]
        ws.title = "Old milestones"
        header = next(r for r in range(1, 30) if ws.cell(row=r, column=1).value == "Workstream")
        for cell in ws[header]:
            cell.value = f"Column {cell.column}" if cell.value else None

    preview = preview_updates(store, _pack_with(store, tmp_path, spoil))
    assert any(
        w.where == "Milestones" and "sheet is missing (renamed or deleted?)" in w.message
        for w in preview.warnings
    )
    assert "Milestones" in "\n".join(preview.lines())


def test_a_row_duplicated_exactly_is_read_once_and_imports(store, tmp_path):
    def duplicate(wb):
        ws = wb["Workstreams"]
        row = _commentary(ws, "RM", "Edited, then the row copied")
        ws.append([cell.value for cell in ws[row]])

    path = _pack_with(store, tmp_path, duplicate)
    preview = preview_updates(store, path)
    assert [(row.label, row.values) for row in preview.rows if row.action == "update"] == [
        ("RM", {"commentary": "Edited, then the row copied"})
    ]
    assert any("repeats row" in w.message for w in preview.warnings)
    assert apply_preview(store, preview).changed == 1  # not "changed in the app since the preview"
    assert preview_updates(store, path).count("update") == 0


def test_a_row_duplicated_with_other_values_is_reported_as_a_duplicate(store, tmp_path):
    def duplicate(wb):
        ws = wb["Workstreams"]
        row = _commentary(ws, "RM", "First version")
        ws.append([cell.value for cell in ws[row]])
        ws.cell(row=ws.max_row, column=8, value="Second version")

    preview = preview_updates(store, _pack_with(store, tmp_path, duplicate))
    [invalid] = preview.invalid
    assert "appears twice in the pack" in invalid.problems[0].message
    assert preview.count("conflict") == 0
    result = apply_preview(store, preview, skip_invalid=True)
    assert result.changed == 1 and result.skipped_invalid == 1


def test_every_other_sheet_of_the_pack_is_known_so_none_is_taken_for_a_renamed_one(store, tmp_path):
    from t2025tui.core.importers.updates import OTHER_PACK_SHEETS, SHEETS

    path = tmp_path / "pack.xlsx"
    export_pack(store, path)
    names = set(openpyxl.load_workbook(path, read_only=True).sheetnames)
    assert names - set(SHEETS) <= set(OTHER_PACK_SHEETS), names - set(SHEETS) - set(OTHER_PACK_SHEETS)
