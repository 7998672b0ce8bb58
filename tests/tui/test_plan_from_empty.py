"""From an empty programme, keys only: an objective, a workstream serving it, a project and a
milestone in it (ref DP-M01), each shown where it is kept; and a stale edit is refused."""

from textual.widgets import DataTable

from t2025tui.commands.init import create_programme
from t2025tui.tui.app import T2025App
from t2025tui.tui.modals.remove_form import RemoveForm
from t2025tui.tui.screens.dashboard import DashboardScreen
from tests.tui.conftest import SIZE, notifications, settle, type_text, workstream
from tests.tui.plan_helpers import fill, pick, save


async def test_an_empty_programme_gets_its_plan_by_keys(tmp_path):
    store = create_programme(tmp_path / "empty.db", empty_name="Digital Futures", organisation="A Force")
    app = T2025App(store, poll_seconds=0)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("o", "n")
            await settle(pilot)
            await type_text(pilot, "Modern, digital policing")
            await save(pilot)
            await pilot.press("escape", "a")
            await settle(pilot)
            await fill(pilot, "code", "DP")
            await fill(pilot, "name", "Digital Policing")
            await fill(pilot, "lead", "Supt Hale")
            await pick(pilot, "objective_id", store.scalar("SELECT id FROM objective"))
            await save(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert app.screen.query_one("#workstreams", DataTable).row_count == 1

            await pilot.press("2", "A")
            await settle(pilot)
            await fill(pilot, "name", "Body-worn video")
            await save(pilot)
            await pilot.press("a")
            await settle(pilot)
            await fill(pilot, "title", "Devices issued")
            await fill(pilot, "baseline_date", "+4w")
            await save(pilot)
            assert "Milestone DP-M01 added: Devices issued" in notifications(app)
            milestones = app.screen.query_one("#ws-milestones", DataTable)
            assert str(milestones.get_row_at(0)[0]) == "DP-M01"
            projects = app.screen.query_one("#ws-projects", DataTable)
            assert str(projects.get_row_at(0)[0]) == "Body-worn video"
        dp = workstream(store, "DP")
        assert (dp["lead"], dp["objective_id"]) == ("Supt Hale", store.scalar("SELECT id FROM objective"))
        assert store.scalar("SELECT workstream_id FROM project WHERE name = 'Body-worn video'") == dp["id"]
    finally:
        store.close()


async def test_a_removal_after_another_window_changed_the_record_is_refused(app, store, other_window):
    from t2025tui.core.services.workstreams import update_workstream

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "x")  # Resource Management, as read before the other window's edit
        await settle(pilot)
        assert isinstance(app.screen, RemoveForm)
        rm = workstream(other_window, "RM")
        update_workstream(other_window, rm["id"], expected_version=rm["version"], lead="New lead")
        await fill(pilot, "reason", "No longer a priority")
        await pick(pilot, "move_to", workstream(store, "FCR")["id"])
        await save(pilot)
        assert any("Changed elsewhere" in n for n in notifications(app))
    assert workstream(store, "RM")["lead"] == "New lead"  # still there, with the other window's edit
