"""Workstream detail: each edit through its keys, saved through a service and logged."""

from textual.widgets import DataTable

from t2025tui.tui.modals.confirm import ConfirmModal
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import SIZE, log_rows, notifications, settle, type_text, workstream


def milestone(store, milestone_id: int) -> dict:
    return store.query_one("SELECT * FROM milestone WHERE id = ?", (milestone_id,))


async def open_detail(pilot, *down: str):
    await settle(pilot)
    await pilot.press(*down, "2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkstreamScreen)
    return pilot.app.screen


async def test_detail_shows_projects_milestones_and_rag_history(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot)
        assert "Force Control Room" in str(screen.query_one("#ws-title").render())
        assert screen.query_one("#ws-projects", DataTable).row_count == 3
        assert screen.query_one("#ws-milestones", DataTable).row_count == 1
        await pilot.press("r", "r")
        await type_text(pilot, "Supplier failed")
        await pilot.press("enter")
        await settle(pilot)
        history = screen.query_one("#ws-rag-history", DataTable)
        assert [str(c).strip() for c in history.get_row_at(0)[1:]] == ["Amber", "Red", "Supplier failed"]


async def test_slip_asks_why_and_done_asks_to_confirm(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("right_square_bracket")
        await type_text(pilot, "Testing overran")
        await pilot.press("enter")
        await settle(pilot)
        assert milestone(store, 1)["forecast_date"] == "2022-07-07"
        assert log_rows(store, "milestone", 1, "forecast_date")[-1]["reason"] == "Testing overran"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert milestone(store, 1)["forecast_date"] == "2022-06-30"
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert milestone(store, 1)["actual_date"] is None
        await pilot.press("d", "y")
        await settle(pilot)
        assert milestone(store, 1)["actual_date"] == "2022-03-15"  # the status date
        assert log_rows(store, "milestone", 1, "actual_date")


async def test_forecast_form_from_the_registers_is_used_here(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "31/07/2022")
        await pilot.press("tab")
        await type_text(pilot, "Vendor capacity")
        await pilot.press("enter")
        await settle(pilot)
        assert milestone(store, 1)["forecast_date"] == "2022-07-31"
        assert milestone(store, 1)["last_change_reason"] == "Vendor capacity"
        assert isinstance(app.screen, WorkstreamScreen)


async def test_step_between_workstreams_and_note_commentary_here(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot)
        await pilot.press("full_stop")
        await settle(pilot)
        assert "Resource Management" in str(screen.query_one("#ws-title").render())
        await pilot.press("comma", "comma")
        await settle(pilot)
        assert "Integrated Offender Management" in str(screen.query_one("#ws-title").render())
        await pilot.press("n")
        await type_text(pilot, "Scope change agreed")
        await pilot.press("enter")
        await settle(pilot)
        iom = workstream(store, "IOM")
        assert (
            store.scalar("SELECT text FROM note WHERE workstream_id = ?", (iom["id"],))
            == "Scope change agreed"
        )
        assert str(screen.query_one("#ws-notes", DataTable).get_cell_at((0, 1))) == "Scope change agreed"
        await pilot.press("c", "ctrl+a")
        await type_text(pilot, "Update: ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert workstream(store, "IOM")["commentary"].startswith("Update: ")
        assert notifications(app)[-1] == "Commentary saved for Integrated Offender Management"


async def test_a_workstream_with_many_milestones_shows_a_page_and_says_so(app, store):
    from t2025tui.core.changes import edit

    with edit(store, "Bulk milestones for the test") as change:
        for n in range(150):
            change.insert(
                "milestone",
                {
                    "workstream_id": 1,
                    "title": f"Step {n:03d}",
                    "baseline_date": "2022-09-01",
                    "forecast_date": "2022-09-01",
                },
            )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot)
        assert screen.query_one("#ws-milestones", DataTable).row_count == 100
        assert "the first 100 of 151" in str(screen.query_one("#ws-milestones-title").render())
        await pilot.press("1", "s")
        await settle(pilot)
        assert app.screen.query_one("#standup-milestones", DataTable).row_count == 30
        assert "the nearest 30 of 151" in str(app.screen.query_one("#standup-milestones-title").render())
