"""Corporate Health Check: measures' values, ratings and the check itself, edited through the keys."""

from textual.widgets import DataTable, Label, Static

from t2025tui.tui.modals.health_form import MeasureValueForm
from t2025tui.tui.screens.health import HealthScreen
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into


async def test_set_measure_value(store):
    sickness = store.query_one("SELECT * FROM health_measure WHERE name = 'Sickness'")
    app = RegisterHarness(store, HealthScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeasureValueForm)
        await type_into(pilot, "#field-value", "lots")
        await pilot.pause()
        assert "not a number" in str(app.screen.query_one("#error-value", Static).render())
        await type_into(pilot, "#field-value", "4.5")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#health-measures", DataTable)
        assert str(table.get_cell_at((0, 1))) == "4.5"
    assert store.scalar("SELECT value FROM health_measure WHERE id = ?", (sickness["id"],)) == 4.5
    assert log_rows(store, "health_measure", sickness["id"], "value")[-1]["new"] == 4.5


async def test_add_and_edit_rating(store):
    app = RegisterHarness(store, HealthScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        await type_into(pilot, "#field-member", "Member A")
        await type_into(pilot, "#field-rating", "11")
        await pilot.press("enter")
        await pilot.pause()
        assert "between 1 and 10" in str(app.screen.query_one("#error-rating", Static).render())
        await type_into(pilot, "#field-rating", "7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "average 7.0/10" in str(app.screen.query_one("#health-ratings-heading", Label).render())
        await pilot.press("tab")  # to the ratings table
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, "#field-rating", "8")
        await pilot.press("enter")
        await settle(pilot)
    rating = store.query_one("SELECT * FROM health_rating WHERE member = 'Member A'")
    assert rating["rating"] == 8
    assert log_rows(store, "health_rating", rating["id"], "rating")[-1]["old"] == 7


async def test_edit_check_details_and_add_measure(store):
    check = store.query_one("SELECT * FROM health_check")
    app = RegisterHarness(store, HealthScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await type_into(pilot, "#field-check_date", "15/03/2022")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        await type_into(pilot, "#field-name", "Engagement survey response")
        await type_into(pilot, "#field-value", "62")
        await type_into(pilot, "#field-unit", "%")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#health-measures", DataTable).row_count == 3
        assert "Date: 2022-03-15" in str(app.screen.query_one("#health-check", Static).render())
    assert store.scalar("SELECT check_date FROM health_check WHERE id = ?", (check["id"],)) == "2022-03-15"
    assert store.scalar("SELECT value FROM health_measure WHERE name = 'Engagement survey response'") == 62
