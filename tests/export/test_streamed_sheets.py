"""The pack is written in openpyxl's write-only mode, sheet rows streamed as they are made: the
file must still say how big each sheet is, keep row heights for wrapped text, and a sheet's top
(frozen panes, widths) cannot be changed once its rows are on disk."""

import openpyxl
import pytest
from openpyxl import Workbook

from t2025tui.core.export import cells, export_pack, layout
from t2025tui.core.export.layout import Column
from t2025tui.core.export.recommendations_sheet import STATUSES
from t2025tui.core.export.sheet import discard_unsaved
from t2025tui.core.models import RecommendationStatus
from t2025tui.core.services import milestones


def test_every_sheet_states_its_size_for_read_only_readers(pack_path):
    # pandas reads through openpyxl's read-only mode, which takes a sheet's size from its
    # <dimension>; without one it parses the whole sheet first only to learn the size.
    full = openpyxl.load_workbook(pack_path)
    streamed = openpyxl.load_workbook(pack_path, read_only=True)
    try:
        for ws in full.worksheets:
            quick = streamed[ws.title]
            assert quick.calculate_dimension() == ws.calculate_dimension(), ws.title
            assert (quick.max_row, quick.max_column) == (ws.max_row, ws.max_column), ws.title
    finally:
        streamed.close()


def test_long_wrapped_text_gets_a_taller_row(store, tmp_path):
    fcr = store.query_one("SELECT id FROM workstream WHERE code = 'FCR'")
    title = "Cut over to the new command and control system " * 3  # about 150 characters
    for text in (title.strip(), "Go live"):
        milestones.create_milestone(
            store,
            workstream_id=fcr["id"],
            title=text,
            owner="DCC",
            baseline_date="2022-04-01",
            forecast_date="2022-04-01",
        )
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    ws = openpyxl.load_workbook(out)["Milestones"]
    rows = {r[2].value: r[0].row for r in ws.iter_rows(min_row=5)}
    # 150 characters in a 40-wide column: four lines at 15 points each.
    assert ws.row_dimensions[rows[title.strip()]].height == 75
    assert ws.row_dimensions[rows["Go live"]].height in (None, 15)  # one line: the sheet's default


def test_wrapped_line_count():
    assert layout.wrapped_lines("short", 10) == 1
    assert layout.wrapped_lines("aaaa bbbb cccc", 10) == 2  # per line: 10 * 1.05 -> 10 characters
    assert layout.wrapped_lines("aaaa\nbbbb\n\ncccc", 10) == 4  # each newline starts a line
    assert layout.wrapped_lines("x" * 25, 10) == 3  # a long word is broken across lines


@pytest.fixture
def workbook():
    wb = Workbook(write_only=True)
    yield wb
    discard_unsaved(wb)


def test_a_frozen_pane_set_after_streaming_rows_is_refused(workbook):
    sheet = layout.new_sheet(workbook, "Sheet", marking="OFFICIAL")
    columns = [Column("Name", 10, "text", lambda r: r["name"])]
    layout.write_table(sheet, 1, columns, [{"name": "a"}, {"name": "b"}], freeze=False)
    sheet.freeze(3)  # too late: the top of the sheet went to disk with the first row
    with pytest.raises(RuntimeError, match="changed after rows were written"):
        sheet.finish()


def test_a_cell_above_the_streamed_rows_is_refused(workbook):
    sheet = layout.new_sheet(workbook, "Sheet", marking="OFFICIAL")
    columns = [Column("Name", 10, "text", lambda r: r["name"])]
    layout.write_table(sheet, 3, columns, [{"name": "a"}])
    with pytest.raises(RuntimeError, match="already written"):
        cells.put_text(sheet, 1, 1, "title written too late")


def test_recommendation_status_columns_follow_the_model():
    assert list(RecommendationStatus.__args__) == STATUSES
