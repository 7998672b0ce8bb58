"""The Summary as a one-page board dashboard: figures computed at export (so no page contradicts
another), status now against the last board, decisions, the marking from the settings."""

import re

import openpyxl

from t2025tui.core.export import export_pack
from t2025tui.core.queries.key_messages import fill
from t2025tui.core.services import programme, recommendations
from tests.export.reading import calamine_rows


def _every_text(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [
        str(cell.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def _sign_off_one(store) -> None:
    rec = store.query_one(
        "SELECT * FROM recommendation WHERE kind = 'recommendation' AND status = 'Submitted for closure' LIMIT 1"
    ) or store.query_one(
        "SELECT * FROM recommendation WHERE kind = 'recommendation' AND status != 'Signed off' LIMIT 1"
    )
    # Walk it along the flow to Signed off, one allowed step at a time.
    for status in ("In progress", "Submitted for closure", "Signed off"):
        current = store.query_one("SELECT status, version FROM recommendation WHERE id = ?", (rec["id"],))
        if status in recommendations.allowed_next(current["status"]):
            recommendations.set_recommendation_status(
                store, rec["id"], status, "evidence accepted", expected_version=current["version"]
            )


def test_no_cell_contradicts_the_data_after_a_sign_off(store, tmp_path):
    _sign_off_one(store)
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    texts = _every_text(out)
    # The seed's recommendation notes quote the March 2022 report ("the report states only that 11
    # of the 30 ..."): a record's own text about its source, not a figure the pack states.
    stale = [t for t in texts if re.search(r"\b11 of (the )?30\b", t) and "the report states" not in t]
    assert stale == []
    assert any(t.startswith("• 12 of the 30 HMICFRS recommendations have been signed off") for t in texts)
    assert any("12 of 30 signed off" in t for t in texts)


def test_figures_named_in_braces_are_filled_in_and_unknown_ones_kept():
    values = {"signed_off": 12, "recommendations": 30, "funding_gap": 4977}
    assert fill("{signed_off} of {recommendations} closed; gap £{funding_gap}k; {nonsense}", values) == (
        "12 of 30 closed; gap £4,977k; {nonsense}"
    )
    assert fill("5 of the 30 recommendations are signed off", values) == (
        "12 of the 30 recommendations are signed off"
    )


def test_programme_rag_now_against_the_last_board(store, tmp_path):
    current = store.query_one("SELECT version FROM programme WHERE id = 1")
    programme.set_programme_rag(
        store, "risk", "Amber", "Risk log rebuilt and reviewed", expected_version=current["version"]
    )
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    rows = {row[0]: row for row in calamine_rows(out, "Summary") if row and row[0]}
    risk = rows["Risk management"]
    assert (risk[1], risk[2]) == ("Amber", "Risk log rebuilt and reviewed")
    assert (risk[11], risk[12]) == ("Red", "↑ better")


def test_decisions_required_are_listed_with_owner_and_date_columns(pack_path):
    rows = calamine_rows(pack_path, "Summary")
    top = next(i for i, row in enumerate(rows) if "Decisions required" in row)
    column = rows[top].index("Decisions required")
    assert rows[top][column + 2 : column + 4] == ["Owner", "By"]
    asked = [rows[i][column] for i in range(top + 1, top + 5)]
    assert asked[2] == "3. Confirmation of the resourcing approach"


def test_the_marking_setting_heads_every_page(store, tmp_path):
    current = store.query_one("SELECT version FROM programme WHERE id = 1")
    programme.update_programme(
        store, marking="OFFICIAL-SENSITIVE & restricted", expected_version=current["version"]
    )
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    for ws in openpyxl.load_workbook(out).worksheets:
        # & is doubled: a single one would start a header code and swallow the next letter.
        assert ws.oddHeader.center.text == "&BOFFICIAL-SENSITIVE && restricted", ws.title


def test_the_summary_is_one_page(pack_path):
    ws = openpyxl.load_workbook(pack_path)["Summary"]
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)


def test_the_last_and_next_board_count_from_a_fixed_status_date_not_the_calendar(store, tmp_path):
    """With the status date fixed at 30 April 2022 and a board on 10 May 2022, that board is the
    next one (as the dashboard says), however long after it the pack is exported."""
    from t2025tui.core.services.board import create_board_meeting

    current = store.query_one("SELECT version FROM programme WHERE id = 1")
    programme.update_programme(store, status_date="2022-04-30", expected_version=current["version"])
    create_board_meeting(store, meeting_date="2022-05-10", title="Futures Board")
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    assert "last 15 March 2022; next 10 May 2022" in _every_text(out)
