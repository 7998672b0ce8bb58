"""Corporate Health Check: measures' values, ratings and the check itself, edited through the keys."""

from textual.widgets import DataTable, Label, Static

from t2025tui.core.services.health import add_rating
from t2025tui.tui.modals.health_form import MeasureForm
from t2025tui.tui.screens.health import HealthScreen
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into


async def test_set_measure_value(store):
    sickness = store.query_one("SELECT * FROM health_measure WHERE name = 'Sickness'")
    app = RegisterHarness(store, HealthScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeasureForm)
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


async def test_edit_a_measures_name_and_unit_then_remove_it_and_undo(store):
    overtime = store.query_one("SELECT * FROM health_measure WHERE name = 'Overtime'")
    add_rating(store, overtime["health_check_id"], "Member A", 7)
    app = RegisterHarness(store, HealthScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#health-measures", DataTable)
        row = [str(table.get_cell_at((n, 0))) for n in range(table.row_count)].index("Overtime")
        table.move_cursor(row=row)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeasureForm) and app.screen.focused.id == "field-value"
        await type_into(pilot, "#field-name", "Overtime (officers)")
        await type_into(pilot, "#field-unit", "hours per month")
        await pilot.press("enter")
        await settle(pilot)
        assert [str(table.get_cell_at((row, col))) for col in (0, 2)] == [
            "Overtime (officers)",
            "hours per month",
        ]
        assert log_rows(store, "health_measure", overtime["id"], "unit")[-1]["new"] == "hours per month"
        assert log_rows(store, "health_measure", overtime["id"], "name")[-1]["old"] == "Overtime"

        await pilot.press("x")
        await pilot.pause()
        assert "Overtime (officers)" in str(app.screen.query_one("#form-title").render())
        await pilot.press("enter")
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#error-reason", Static).render())
        await type_into(pilot, "#field-reason", "No longer reported")
        await pilot.press("enter")
        await settle(pilot)
        names = [str(table.get_cell_at((n, 0))) for n in range(table.row_count)]
        assert "Overtime (officers)" not in names
        assert store.scalar("SELECT COUNT(*) FROM health_measure WHERE id = ?", (overtime["id"],)) == 0
        assert store.scalar("SELECT COUNT(*) FROM health_rating") == 1  # the check's ratings stay
        removed = log_rows(store, "health_measure", overtime["id"], "")[-1]
        assert removed["action"] == "delete" and removed["reason"] == "No longer reported"

        await pilot.press("ctrl+z")
        await settle(pilot)
        names = [str(table.get_cell_at((n, 0))) for n in range(table.row_count)]
        assert "Overtime (officers)" in names
    assert (
        store.scalar("SELECT unit FROM health_measure WHERE id = ?", (overtime["id"],)) == "hours per month"
    )


async def test_remove_asks_for_a_measure_when_the_ratings_have_the_focus(store):
    count = store.scalar("SELECT COUNT(*) FROM health_measure")
    app = RegisterHarness(store, HealthScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # to the ratings table
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        assert any("select one in the Measures table" in str(n.message) for n in app._notifications)
    assert store.scalar("SELECT COUNT(*) FROM health_measure") == count
