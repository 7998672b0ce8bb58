"""Text shaped like an OOXML escape (`_x000D_`, any `_x` + four hex digits + `_`) is written
escaped, so Excel, LibreOffice and the import read back what the user typed, never a carriage
return or another character it happens to name."""

import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.importers.updates import preview_updates
from t2025tui.core.services import key_messages, milestones, risks, workstreams
from tests.export.reading import calamine_rows, sheet_xml
from tests.importers.builders import libreoffice_resave

# One of each shape: a named control character, a printable one, two sharing an underscore, an
# escape of an escape, and upper-case hex.
LOOKS_ESCAPED = {
    "commentary": "Pasted from a log: _x000D_ at the end of each line",
    "title": "Phase _x0041_x0042_ go-live",
    "reason": "Supplier wrote _x005F_x000D_ in the note",
    "risk": "Risk _x00E9_ and _X000D_ and _x001F_",
    "message": "Key message with _x000A_ inside",
}


# LibreOffice reads all of them as typed, but its own writer escapes only the first of two
# sequences sharing an underscore, and not an escape of an escape; a pack it saved is checked
# with the shapes it writes back intact.
LIBREOFFICE_KEEPS = {
    **LOOKS_ESCAPED,
    "title": "Phase _x0041_ go-live",
    "reason": "Supplier wrote _x000D_ in the note",
}


def _export(store, tmp_path, texts: dict[str, str]):
    fcr = store.query_one("SELECT id, version FROM workstream WHERE code = 'FCR'")
    workstreams.set_commentary(store, fcr["id"], texts["commentary"], expected_version=fcr["version"])
    milestones.create_milestone(
        store,
        workstream_id=fcr["id"],
        title=texts["title"],
        owner="DCC",
        baseline_date="2022-04-01",
        forecast_date="2022-04-01",
    )
    made = store.query_one("SELECT id, version FROM milestone WHERE title = ?", (texts["title"],))
    milestones.set_forecast(
        store, made["id"], "2022-05-01", texts["reason"], expected_version=made["version"]
    )
    risks.create_risk(store, ref="ESC-1", title=texts["risk"], owner="DCC")
    key_messages.add_key_message(store, texts["message"])
    out = tmp_path / "escaped.xlsx"
    export_pack(store, out)
    return out


@pytest.fixture
def escaped_pack(store, tmp_path):
    return _export(store, tmp_path, LOOKS_ESCAPED)


def _all_text(path) -> dict[str, set[str]]:
    from openpyxl import load_workbook

    names = load_workbook(path, read_only=True).sheetnames
    return {
        name: {cell for row in calamine_rows(path, name) for cell in row if isinstance(cell, str)}
        for name in names
    }


def _where(texts: dict[str, set[str]], wanted: str) -> list[str]:
    return [name for name, cells in texts.items() if any(wanted in cell for cell in cells)]


def _planted_in(texts: dict[str, set[str]], planted: dict[str, str]) -> None:
    assert "Workstreams" in _where(texts, planted["commentary"])
    assert "Milestones" in _where(texts, planted["title"])
    assert "Milestones" in _where(texts, planted["reason"])
    assert "Risks" in _where(texts, planted["risk"])
    assert "Summary" in _where(texts, planted["message"])


def test_escape_shaped_text_reads_back_as_typed_in_every_sheet(escaped_pack):
    texts = _all_text(escaped_pack)
    _planted_in(texts, LOOKS_ESCAPED)
    # Nothing was decoded into the character the text names, on any sheet.
    for name, cells in texts.items():
        for cell in cells:
            assert "\r" not in cell and "\x1f" not in cell and "AB go-live" not in cell, (name, cell)


def test_the_file_holds_the_escape_for_a_literal_underscore(escaped_pack):
    xml = sheet_xml(escaped_pack, "Workstreams")
    assert "Pasted from a log: _x005F_x000D_ at the end" in xml
    xml = sheet_xml(escaped_pack, "Milestones")
    assert "Phase _x005F_x0041_x005F_x0042_ go-live" in xml  # both underscores that start one
    assert "_x005F_x005F_x000D_" in xml


def test_an_untouched_pack_with_escape_shaped_text_imports_as_no_change(store, escaped_pack):
    preview = preview_updates(store, escaped_pack)
    assert [(row.label, row.values) for row in preview.rows if row.action != "unchanged"] == []
    assert not preview.invalid


def test_libreoffice_reads_the_escaped_text_as_typed_and_it_imports_as_no_change(store, tmp_path):
    path = libreoffice_resave(_export(store, tmp_path, LIBREOFFICE_KEEPS), tmp_path / "resaved.xlsx")
    texts = _all_text(path)
    _planted_in(texts, LIBREOFFICE_KEEPS)
    assert not any("\r" in cell for cells in texts.values() for cell in cells)
    preview = preview_updates(store, path)
    assert [(row.label, row.values) for row in preview.rows if row.action != "unchanged"] == []
    assert not preview.invalid
