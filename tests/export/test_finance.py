"""Finance: the report's table with live formulas whose results equal the report's own totals."""

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.seed import REPORT_SURPLUS_DEFICIT, REPORT_TOTAL_PLANNED_EXPENDITURE, YEARS
from t2025tui.core.services import finance as finance_service
from tests.export.reading import calamine_rows, formulas, sheet_xml, table

REPORT_TOTALS = list(REPORT_TOTAL_PLANNED_EXPENDITURE)  # 145,045 / 151,315 / 157,512 / 159,895 / 164,882
# The report prints expenditure less funding (1,545 and 3,432 are shortfalls); the pack shows a
# deficit as a negative, in brackets, and the shortfall on its own "Funding gap" line.
REPORT_SURPLUS = [-amount for amount in REPORT_SURPLUS_DEFICIT]  # 0 / 0 / 0 / (1,545) / (3,432)
REPORT_GAP = list(REPORT_SURPLUS_DEFICIT)
GAP = "Funding gap (expenditure not yet funded)"


def _finance_rows(rows):
    return {
        r["Expenditure Plans & Funding"]: [r[y] for y in YEARS]
        for r in table(rows, "Expenditure Plans & Funding")
    }


def test_totals_and_surplus_are_live_formulas(pack_path):
    ws = openpyxl.load_workbook(pack_path)["Finance"]
    labels = {ws.cell(row, 1).value: row for row in range(1, ws.max_row + 1)}
    total, surplus = labels["Total Planned Expenditure"], labels["Planned surplus / (deficit)"]
    funding = labels["Funding from the OPCC"]
    assert ws.cell(total, 2).value == f"=SUM(B{funding + 1}:B{total - 1})"
    assert ws.cell(surplus, 2).value == f"=-(B{total}+B{funding})"
    assert ws.cell(surplus, 6).value == f"=-(F{total}+F{funding})"
    assert ws.cell(labels[GAP], 6).value == f"=MAX(0,F{total}+F{funding})"
    assert ws.cell(surplus, 6).number_format == "#,##0;(#,##0);0"  # a deficit shows in brackets
    assert ws.cell(funding, 2).number_format == "#,##0;(#,##0);0"  # brackets for credits, as the report


def test_cached_results_equal_the_report_for_readers_that_do_not_calculate(pack_path):
    lines = _finance_rows(calamine_rows(pack_path, "Finance"))
    assert lines["Total Planned Expenditure"] == REPORT_TOTALS
    assert lines["Planned surplus / (deficit)"] == REPORT_SURPLUS
    assert lines[GAP] == REPORT_GAP
    assert lines["Funding from the OPCC"] == [-145_045, -151_315, -157_512, -158_350, -161_450]


def test_chart_shows_the_funding_gap_with_its_values_cached(pack_path):
    with zipfile.ZipFile(pack_path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode()
    assert "<barChart>" in chart
    assert "Funding gap by year" in chart
    ws = openpyxl.load_workbook(pack_path)["Finance"]
    labels = {ws.cell(row, 1).value: row for row in range(1, ws.max_row + 1)}
    gap = labels[GAP]
    assert f"<val><numRef><f>'Finance'!$B${gap}:$F${gap}</f>" in chart
    assert "<cat><strRef><f>'Finance'!$B$4:$F$4</f>" in chart  # the years label the bars
    # Previewers draw the bars from the cached points without calculating.
    cached = re.findall(r"<c:pt idx=\"(\d)\"><c:v>([^<]*)</c:v>", chart) or re.findall(
        r"<pt idx=\"(\d)\"><v>([^<]*)</v>", chart
    )
    assert [value for _, value in cached][-5:] == [str(v) for v in REPORT_GAP]


def test_the_gap_is_said_in_words_with_its_amount(pack_path):
    rows = calamine_rows(pack_path, "Finance")
    said = [r[0] for r in rows if r and str(r[0]).startswith("Funding gap:")]
    assert said == [
        "Funding gap: planned expenditure exceeds funding by £1,545,000 in 2024/25, "
        "£3,432,000 in 2025/26 (£4,977,000 in all)."
    ]


def test_formulas_follow_a_changed_figure(store, tmp_path):
    line = store.query_one(
        "SELECT id, version FROM finance_line WHERE line = 'Non-Pay Expenditure' AND year = '2025/26'"
    )
    finance_service.set_finance_amount(store, line["id"], 31_062, expected_version=line["version"])
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    lines = _finance_rows(calamine_rows(out, "Finance"))
    assert lines["Total Planned Expenditure"][-1] == 165_882
    assert lines["Planned surplus / (deficit)"][-1] == -4_432


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed, so its computed values cannot be checked",
)
def test_libreoffice_computes_the_report_totals(store, tmp_path, monkeypatch):
    # Without the cached results, the numbers can only come from LibreOffice evaluating the formulas.
    from t2025tui.core.export.archive import save_pack

    monkeypatch.setattr(
        "t2025tui.core.export.pack.save_pack",
        lambda wb, path, dimensions, values: save_pack(wb, path, dimensions, {}),
    )
    pack = tmp_path / "pack.xlsx"
    export_pack(store, pack)
    assert calamine_rows(pack, "Finance")[10][1] in ("", None)  # really no cached value
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(pack),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    lines = _finance_rows(calamine_rows(out / "pack.xlsx", "Finance"))
    assert lines["Total Planned Expenditure"] == REPORT_TOTALS
    assert lines["Planned surplus / (deficit)"] == REPORT_SURPLUS


def test_only_finance_holds_formulas(pack_path):
    for sheet in (
        "Summary",
        "Workstreams",
        "Milestones",
        "Changes since last board",
        "Risks",
        "Recommendations",
        "Health check",
    ):
        assert formulas(sheet_xml(pack_path, sheet)) == [], sheet
    assert len(formulas(sheet_xml(pack_path, "Finance"))) == 3 * 5


def test_a_second_funding_line_is_summed_into_the_surplus(store, tmp_path):
    for year in YEARS:
        finance_service.create_finance_line(
            store, line="Home Office grant", kind="funding", year=year, amount=-1_000, position=1
        )
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    ws = openpyxl.load_workbook(out)["Finance"]
    labels = {ws.cell(row, 1).value: row for row in range(1, ws.max_row + 1)}
    first, second = sorted((labels["Funding from the OPCC"], labels["Home Office grant"]))
    assert second == first + 1
    total = labels["Total Planned Expenditure"]
    assert ws.cell(labels["Planned surplus / (deficit)"], 2).value == f"=-(B{total}+SUM(B{first}:B{second}))"
    lines = _finance_rows(calamine_rows(out, "Finance"))
    assert lines["Total Planned Expenditure"] == REPORT_TOTALS
    assert lines["Planned surplus / (deficit)"] == [s + 1_000 for s in REPORT_SURPLUS]
