"""Recommendations: counts by status, the status flow through the keys, create and edit."""

from textual.widgets import Select, Static

from t2025tui.tui.modals.recommendation_form import RecommendationStatusForm
from t2025tui.tui.screens.recommendations import RecommendationsScreen
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into


def rendered(widget) -> str:
    return str(widget.render())


async def test_counts_show_signed_off_of_total(store):
    app = RegisterHarness(store, RecommendationsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "11/30 signed off" in rendered(app.screen.query_one("#recommendations-counts", Static))
        assert app.screen.query_one(PagedTable).total == 30


async def test_status_flow_offers_only_allowed_next_and_logs(store):
    target = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' ORDER BY ref LIMIT 1")
    app = RegisterHarness(store, RecommendationsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *target["ref"], "enter")
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationStatusForm)
        select = app.screen.query_one("#field-status", Select)
        offered = [value for _, value in select._options if value is not Select.NULL]
        assert offered == ["In progress", "Closed", "No longer relevant"]
        await pilot.press("ctrl+s")  # In progress needs no reason
        await settle(pilot)
        assert app.screen.query_one(PagedTable).current_row["status"] == "In progress"
    assert store.scalar("SELECT status FROM recommendation WHERE id = ?", (target["id"],)) == "In progress"
    assert log_rows(store, "recommendation", target["id"], "status")[-1]["new"] == "In progress"


async def test_closing_needs_reason(store):
    target = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' ORDER BY ref LIMIT 1")
    app = RegisterHarness(store, RecommendationsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *target["ref"], "enter")
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#field-status", Select).value = "No longer relevant"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "reason is required" in rendered(app.screen.query_one("#error-reason", Static))
        await type_into(pilot, "#field-reason", "superseded by 2023 inspection")
        await pilot.press("enter")
        await settle(pilot)
    assert (
        store.scalar("SELECT status FROM recommendation WHERE id = ?", (target["id"],))
        == "No longer relevant"
    )
    assert (
        log_rows(store, "recommendation", target["id"], "status")[-1]["reason"]
        == "superseded by 2023 inspection"
    )


async def test_create_and_edit_recommendation(store):
    app = RegisterHarness(store, RecommendationsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "#field-ref", "HMICFRS-31")
        await type_into(pilot, "#field-target_date", "2022-09-30")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(PagedTable).total == 31
        await pilot.press("slash", *"HMICFRS-31", "enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, "#field-owner", "ACC")
        await pilot.press("enter")
        await settle(pilot)
    row = store.query_one("SELECT * FROM recommendation WHERE ref = 'HMICFRS-31'")
    assert row["owner"] == "ACC" and row["target_date"] == "2022-09-30" and row["status"] == "Open"
    assert log_rows(store, "recommendation", row["id"], "owner")[-1]["new"] == "ACC"


async def test_status_filter_shows_only_that_status(store):
    app = RegisterHarness(store, RecommendationsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(4):  # all -> Open -> In progress -> Submitted -> Signed off
            await pilot.press("v")
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.total == 11 and {r["status"] for r in table.rows} == {"Signed off"}
