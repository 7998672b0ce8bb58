"""The pack of the embedded T2025 programme, read back with openpyxl and python-calamine."""

from datetime import UTC, date, datetime

import openpyxl
from python_calamine import CalamineWorkbook

from tests.export.reading import calamine_rows, openpyxl_sheet, table

SHEETS = [
    "Summary",
    "Workstreams",
    "Late and at-risk milestones",
    "Red and amber risks",
    "Actions and issues due",
    "Changes since last board",
    "Finance",
    "Milestones",
    "Risks",
    "Recommendations",
    "Action log",
    "Issue log",
    "Decision log",
    "Dependencies",
    "Lessons log",
    "Every change since last board",
    "Health check",
]
SEED_RAGS = {
    "Force Control Room": "Amber",
    "Resource Management": "Red",
    "Vulnerability (Prevention/Engagement & Missing)": "Green",
    "Raising Investigation Standards": "Green",
    "Integrated Offender Management": "Amber",
}
RAG_FILLS = {"Red": "FF9C9C", "Amber": "FFD966", "Green": "A9D18E"}


def test_sheet_list_in_both_readers(pack_path):
    assert openpyxl.load_workbook(pack_path).sheetnames == SHEETS
    assert CalamineWorkbook.from_path(str(pack_path)).sheet_names == SHEETS


def test_each_seed_workstream_rag(pack_path):
    rows = table(calamine_rows(pack_path, "Workstreams"), "Code")
    assert {r["Workstream"]: r["RAG now"] for r in rows} == SEED_RAGS
    ws = openpyxl_sheet(pack_path, "Workstreams")
    for row in ws.iter_rows(min_row=6, max_row=10):
        name, rag_cell = row[1].value, row[3]
        assert rag_cell.value == SEED_RAGS[name]
        # The word is kept and the cell is filled in its RAG colour.
        assert rag_cell.fill.start_color.rgb.endswith(RAG_FILLS[rag_cell.value])


def test_force_control_room_technology_slippage(pack_path):
    rows = table(calamine_rows(pack_path, "Milestones"), "Workstream")
    tech = next(r for r in rows if r["Milestone"] == "FCR technology requirements implemented")
    assert tech["Workstream"] == "Force Control Room"
    assert tech["Baseline"] == date(2022, 3, 31)
    assert tech["Forecast"] == date(2022, 6, 30)
    assert tech["Slippage (days)"] == 91
    assert tech["Status"] == "late"
    ws = openpyxl_sheet(pack_path, "Milestones")
    cell = next(r for r in ws.iter_rows(min_row=5) if r[2].value == "FCR technology requirements implemented")
    # Real Excel dates, not text that looks like a date.
    assert cell[3].value == "FCR-M01"
    assert cell[5].is_date and cell[5].value == datetime(2022, 3, 31)
    assert cell[8].value == 91 and cell[8].data_type == "n"


def test_summary_states_programme_rags_counts_decisions_and_conclusion(pack_path):
    rows = calamine_rows(pack_path, "Summary")
    flat = {row[0]: row[1:] for row in rows if row and row[0]}
    assert flat["Overall"][0] == "Red" and flat["Overall"][1].startswith("Reporting Red due to")
    assert flat["Overall"][10] == "Red" and flat["Overall"][11] == "→ same"  # at the last board, trend
    assert flat["Risk management"][0] == "Red"
    assert flat["At a glance"][0] == (
        "Milestones: 1 late, 1 at risk (of 7).  Risks: 7 open, 0 Red, 0 overdue for review.  "
        "Recommendations: 11 of 30 signed off, 0 submitted.  Workstreams: 2 of 5 on track."
    )
    assert flat["Outlook"][0] == (
        "Of the work planned for delivery in 2021/22, 2 of the 5 workstreams are on track, 2 will deliver by "
        "June 2022 and 1 will need to move activities into the coming year."
    )
    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert "3. Confirmation of the resourcing approach" in texts
    assert any(t.startswith("• 11 of the 30 HMICFRS recommendations") for t in texts)
    ws = openpyxl_sheet(pack_path, "Summary")
    overall = next(r for r in ws.iter_rows() if r[0].value == "Overall")
    assert overall[1].fill.start_color.rgb.endswith(RAG_FILLS["Red"])


def test_board_formatting_frozen_filtered_landscape_fit_to_width(pack_path):
    wb = openpyxl.load_workbook(pack_path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth in (1, 2), ws.title
        assert ws.page_setup.fitToHeight == (1 if ws.title == "Summary" else 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    for name in (
        "Workstreams",
        "Milestones",
        "Changes since last board",
        "Risks",
        "Recommendations",
        "Finance",
        "Health check",
    ):
        assert wb[name].freeze_panes is not None, name
        assert wb[name].print_title_rows, name
    for name in ("Workstreams", "Milestones", "Risks", "Recommendations"):
        assert wb[name].auto_filter.ref, name
    commentary = wb["Workstreams"]["H6"]
    assert commentary.alignment.wrap_text
    assert wb["Workstreams"].column_dimensions["H"].width >= 50


def test_risk_log_and_heat_maps(pack_path):
    rows = calamine_rows(pack_path, "Risks")
    risks = table(rows, "Ref")
    assert [r["Ref"] for r in risks] == [f"T2025-R0{n}" for n in range(1, 8)]
    assert risks[0]["Response"] == "Treat"
    texts = [row[1] for row in rows if len(row) > 1]
    assert "Inherent heat map: open risks by impact and likelihood" in texts
    assert "Residual heat map: open risks by impact and likelihood" in texts
    assert "7 open risk(s) not yet scored are not in the heat maps." in texts


def test_recommendations_counts_and_list(pack_path):
    rows = calamine_rows(pack_path, "Recommendations")
    counts = table(rows, "Type")
    assert counts[0]["Type"] == "Recommendation"
    assert counts[0]["Signed off"] == 11 and counts[0]["Open"] == 19 and counts[0]["Total"] == 30
    listed = table(rows, "Ref")
    assert len(listed) == 30
    assert sum(1 for r in listed if r["Status"] == "Signed off") == 11


def test_health_check_sheet(pack_path):
    rows = calamine_rows(pack_path, "Health check")
    checks = table(rows, "Team")
    assert checks[0]["Team"] == "Learning & Development"
    measures = [row[1] for row in rows if row and row[0] == "Learning & Development"][1:]
    assert measures == ["Sickness", "Overtime"]


def test_document_properties(pack_path):
    props = openpyxl.load_workbook(pack_path).properties
    assert props.title == "Futures Board progress pack: T2025 Service Improvement Programme"
    assert props.subject.startswith("T2025 Service Improvement Programme: progress as at ")
    assert props.creator == "t2025tui"
    assert abs((datetime.now(UTC).replace(tzinfo=None) - props.created).total_seconds()) < 300


def test_seed_pack_has_no_changes_since_the_board(pack_path):
    rows = calamine_rows(pack_path, "Every change since last board")
    assert rows[1][0].startswith("Changes made after the Futures Board of 15 March 2022")
    assert rows[4][0].startswith("No RAG moves, slips")
    rows = calamine_rows(pack_path, "Changes since last board")
    assert rows[1][0].startswith("What changed after the Futures Board of 15 March 2022")
    assert rows[4][0].startswith("No RAG moves, slips")
