"""At 80x24 names shorten and every status column stays in view; at 60x15 stand-up still works."""

from textual.widgets import DataTable

from t2025tui.tui.screens.milestones import MilestonesScreen
from t2025tui.tui.screens.standup import StandupScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.conftest import settle
from tests.tui.registers_harness import RegisterHarness


def columns_in_view(table: DataTable) -> list[str]:
    """Labels of the columns that fit inside the table's visible width."""
    width = table.scrollable_content_region.width
    shown, right = [], 0
    for column in table.columns.values():
        right += column.get_render_width(table)
        if right <= width:
            shown.append(str(column.label))
    return shown


async def test_dashboard_at_80_columns_keeps_every_status_column_and_f1(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#workstreams", DataTable)
        assert columns_in_view(table) == [str(c.label) for c in table.columns.values()]
        assert {"RAG  sug", "Due", "Status", "Late/risk/act"} <= set(columns_in_view(table))
        assert "Lead" not in columns_in_view(table)  # the lead gives way (it is on the workstream's screen)
        assert str(table.get_cell_at((0, 5))) == "late"
        assert str(table.get_cell_at((0, 0))).split() == ["Amber", "R"]  # of record, and suggested
        assert str(table.get_cell_at((0, 2))).endswith("…")  # the name gave way instead
        assert " f1 Help " in str(app.screen.query_one(KeyBar).render())


async def test_milestones_register_at_80_columns_keeps_slip_and_status(store):
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one(PagedTable).grid
        assert {"Slip d", "Status", "Depends"} <= set(columns_in_view(grid))


async def test_workstream_detail_at_80_columns_keeps_ref_slip_and_status_and_f1(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#ws-milestones", DataTable)
        assert columns_in_view(table)[:6] == ["Ref", "Milestone", "Forecast", "Slip", "Status", "Dependency"]
        assert str(table.get_cell_at((0, 0))) == "FCR-M01"
        assert str(table.get_cell_at((0, 1))).endswith("…")  # the title gave way instead
        assert " f1 Help " in str(app.screen.query_one(KeyBar).render())


async def test_standup_at_80_columns_keeps_status(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        table = app.screen.query_one("#standup-milestones", DataTable)
        assert {"Status", "Dependency"} <= set(columns_in_view(table))


async def test_standup_at_60_by_15_shows_at_least_three_milestones(app):
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await pilot.press("s", "space", "space")  # Vulnerability: three open milestones
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        assert "Vulnerability" in str(app.screen.query_one("#standup-title").render())
        table = app.screen.query_one("#standup-milestones", DataTable)
        assert table.row_count >= 3
        visible_rows = table.region.height - 1  # under the header
        assert visible_rows >= 3 and table.region.bottom <= 15
