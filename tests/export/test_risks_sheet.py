"""Scored risks appear in the log with their bands and in the 5x5 heat maps; sheet names are valid."""

import re

import openpyxl

from t2025tui.core.export import export_pack
from t2025tui.core.export.pack import SHEET_TITLES
from t2025tui.core.services import risks
from tests.export.reading import calamine_rows, table


def _heat_map(rows, which):
    """{(impact, likelihood): count} read from the sheet's heat map block."""
    start = next(
        i for i, row in enumerate(rows) if row[1] == f"{which} heat map: open risks by impact and likelihood"
    )
    grid = {}
    for row in rows[start + 2 : start + 7]:
        impact = int(row[1])
        for likelihood in range(1, 6):
            grid[(impact, likelihood)] = row[1 + likelihood] or 0
    return grid


def test_scored_risks_in_log_and_heat_maps(store, tmp_path):
    risks.create_risk(
        store,
        ref="T2025-R08",
        title="Oracle go-live clashes with year end",
        inherent_likelihood=5,
        inherent_impact=4,
        residual_likelihood=3,
        residual_impact=5,
    )
    risks.create_risk(
        store,
        ref="T2025-R09",
        title="Shift pattern consultation",
        inherent_likelihood=2,
        inherent_impact=2,
        residual_likelihood=1,
        residual_impact=2,
    )
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    rows = calamine_rows(out, "Risks")
    log = {r["Ref"]: r for r in table(rows, "Ref")}
    assert list(log)[:2] == ["T2025-R08", "T2025-R09"]  # worst first
    assert (log["T2025-R08"]["Inherent score"], log["T2025-R08"]["Inherent band"]) == (20, "Red")
    assert (log["T2025-R08"]["Residual score"], log["T2025-R08"]["Residual band"]) == (15, "Red")
    assert (log["T2025-R09"]["Residual score"], log["T2025-R09"]["Residual band"]) == (2, "Green")
    inherent, residual = _heat_map(rows, "Inherent"), _heat_map(rows, "Residual")
    assert inherent[(4, 5)] == 1 and inherent[(2, 2)] == 1 and sum(inherent.values()) == 2
    assert residual[(5, 3)] == 1 and residual[(2, 1)] == 1 and sum(residual.values()) == 2
    ws = openpyxl.load_workbook(out)["Risks"]
    band = next(r for r in ws.iter_rows() if r[0].value == "T2025-R08")[3]  # residual band
    assert band.value == "Red" and band.fill.start_color.rgb.endswith("FF9C9C")
    summary = {row[0]: row[1] for row in calamine_rows(out, "Summary") if row and row[0]}
    assert "Risks: 9 open, 1 Red," in summary["At a glance"]


def test_sheet_names_follow_excels_rules():
    for title in SHEET_TITLES:
        assert 1 <= len(title) <= 31
        assert not re.search(r"[\[\]:*?/\\]", title)
        assert not title.startswith("'") and not title.endswith("'")
    assert len({t.lower() for t in SHEET_TITLES}) == len(SHEET_TITLES)
