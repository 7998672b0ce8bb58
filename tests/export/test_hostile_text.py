"""User text that looks like a formula, an error value or carries control characters stays literal
text in the pack: no formula from user data ever reaches the sheet XML."""

import re

import openpyxl
import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.export.cells import EXCEL_CELL_MAX
from t2025tui.core.services import board, finance, key_messages, milestones, programme, risks, workstreams
from tests.export.reading import calamine_rows, formulas, sheet_xml, table

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+44 1642", "-1", "#N/A", "=1+1", "#DIV/0!"]


@pytest.fixture
def hostile_pack(store, tmp_path):
    fcr = store.query_one("SELECT id, version FROM workstream WHERE code = 'FCR'")
    workstreams.update_workstream(store, fcr["id"], lead="+44 1642", expected_version=fcr["version"])
    fcr = store.query_one("SELECT id, version FROM workstream WHERE code = 'FCR'")
    workstreams.set_commentary(store, fcr["id"], "#N/A", expected_version=fcr["version"])
    for title in HOSTILE:
        milestones.create_milestone(
            store,
            workstream_id=fcr["id"],
            title=title,
            owner="-1",
            baseline_date="2022-04-01",
            forecast_date="2022-04-01",
        )
    risks.create_risk(store, ref="@SUM(1)", title='=HYPERLINK("http://x","y")', owner="=1+1")
    prog = store.query_one("SELECT version FROM programme WHERE id = 1")
    programme.update_programme(
        store, reporting_period='=HYPERLINK("http://x","y")', expected_version=prog["version"]
    )
    key_messages.add_key_message(store, "=1+1")
    key_messages.add_key_message(store, "@SUM(1)")
    board.create_decision(store, title='=HYPERLINK("http://x","y")')
    for year, amount in (("2021/22", 1), ("2022/23", 2), ("2023/24", 3), ("2024/25", 4), ("2025/26", 5)):
        finance.create_finance_line(
            store, line="=SUM(B1:B9)", kind="expenditure", year=year, amount=amount, position=9
        )
    # Control characters and over-long text cannot come in through the services (they clean
    # input), but a database edited by another tool may hold them: write them directly.
    with store.write() as conn:
        conn.execute(
            "UPDATE workstream SET rag_reason = ? WHERE id = ?",
            ("bell\x07 esc\x1b[31m vt\x0b end", fcr["id"]),
        )
        conn.execute("UPDATE workstream SET commentary = ? WHERE code = 'RM'", ("x" * 40_000,))
    out = tmp_path / "hostile.xlsx"
    export_pack(store, out)
    return out


def test_formula_like_titles_stay_text(hostile_pack):
    wb = openpyxl.load_workbook(hostile_pack)
    ws = wb["Milestones"]
    cells = {row[2].value: row[2] for row in ws.iter_rows(min_row=5)}
    for text in HOSTILE:
        assert text in cells, text
        assert cells[text].data_type == "s", text
    assert cells['=HYPERLINK("http://x","y")'].quotePrefix
    assert cells["@SUM(1)"].quotePrefix
    assert not ws.cell(row=6, column=3).hyperlink
    calamine_titles = [r["Milestone"] for r in table(calamine_rows(hostile_pack, "Milestones"), "Workstream")]
    for text in HOSTILE:
        assert text in calamine_titles, text


def test_error_value_and_phone_number_stay_text(hostile_pack):
    rows = {r["Code"]: r for r in table(calamine_rows(hostile_pack, "Workstreams"), "Code")}
    assert rows["FCR"]["Lead"] == "+44 1642"
    assert rows["FCR"]["Commentary"] == "#N/A"
    ws = openpyxl.load_workbook(hostile_pack)["Workstreams"]
    assert ws["H6"].value == "#N/A" and ws["H6"].data_type == "s"
    risk = table(calamine_rows(hostile_pack, "Risks"), "Ref")
    hostile_risk = next(r for r in risk if r["Ref"] == "@SUM(1)")
    assert hostile_risk["Risk"] == '=HYPERLINK("http://x","y")'
    assert hostile_risk["Owner"] == "=1+1"


def test_summary_and_finance_user_text_stays_text(hostile_pack):
    summary = [cell for row in calamine_rows(hostile_pack, "Summary") for cell in row]
    assert '1. =HYPERLINK("http://x","y")' in summary
    assert "• =1+1" in summary and "• @SUM(1)" in summary
    framing = {row[8]: row[9] for row in calamine_rows(hostile_pack, "Summary") if len(row) > 9 and row[8]}
    assert framing["Period"] == '=HYPERLINK("http://x","y")'
    ws = openpyxl.load_workbook(hostile_pack)["Finance"]
    line = next(r for r in ws.iter_rows() if r[0].value == "=SUM(B1:B9)")[0]
    assert line.data_type == "s" and line.quotePrefix
    # The added line counts in the live total like any other expenditure line.
    totals = {r[0]: r[1:] for r in calamine_rows(hostile_pack, "Finance") if r and r[0]}
    assert totals["Total Planned Expenditure"][0] == 145_045 + 1


def test_no_formula_from_user_data_in_the_sheet_xml(hostile_pack):
    for sheet in openpyxl.load_workbook(hostile_pack).sheetnames:
        xml = sheet_xml(hostile_pack, sheet)
        for formula in formulas(xml):
            assert sheet == "Finance", (sheet, formula)
            assert re.fullmatch(r"[A-Z0-9:+\-(),$]+", formula), formula
        # Wherever the hostile title appears, it is an inline string cell's text.
        as_text = re.findall(r'<c [^>]*t="inlineStr"[^>]*><is><t>[^<]*HYPERLINK', xml)
        assert len(as_text) == xml.count("HYPERLINK"), sheet
        assert 't="e"' not in xml  # no error values


def test_control_characters_removed_and_cell_limit_kept(hostile_pack):
    ws = openpyxl.load_workbook(hostile_pack)["Workstreams"]
    assert ws["G6"].value == "bell esc[31m vt end"
    long_cell = ws["H7"].value
    assert len(long_cell) == EXCEL_CELL_MAX
    assert long_cell.endswith("[cut: longer than Excel allows in a cell]")


def test_pack_of_hostile_data_passes_its_own_check(hostile_pack):
    # The export re-opens what it wrote before replacing anything; the file is there and whole.
    assert openpyxl.load_workbook(hostile_pack).sheetnames[0] == "Summary"
