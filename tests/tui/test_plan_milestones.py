"""Milestones kept from the workstream detail (a, e, m, delete) and the milestones register
(n, e, m, delete): the database, the change log with its reason, and the screen."""

import json

from textual.widgets import DataTable

from t2025tui.tui.modals.milestone_details_form import MilestoneDetailsForm
from t2025tui.tui.modals.move_form import MoveForm
from t2025tui.tui.modals.remove_form import RemoveForm
from t2025tui.tui.screens.milestones import MilestonesScreen
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import SIZE, notifications, settle, type_text
from tests.tui.plan_helpers import fill, logged, pick, save
from tests.tui.registers_harness import RegisterHarness


def by_ref(store, ref: str) -> dict | None:
    return store.query_one("SELECT * FROM milestone WHERE ref = ?", (ref,))


async def open_detail(pilot) -> WorkstreamScreen:
    await settle(pilot)
    await pilot.press("2")  # Force Control Room: one milestone, FCR-M01
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkstreamScreen)
    return pilot.app.screen


def refs_shown(screen) -> list[str]:
    table = screen.query_one("#ws-milestones", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_add_a_milestone_in_the_workstream_shown_gets_the_next_ref(app, store):
    default_tolerance = store.scalar("SELECT default_tolerance_days FROM programme")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MilestoneDetailsForm)
        assert form.value_of("placement") == (1, None)
        assert form.value_of("tolerance_days") == default_tolerance
        await fill(pilot, "title", "Call handling go-live")
        await fill(pilot, "owner", "Supt Ward")
        await fill(pilot, "baseline_date", "30/09/2022")
        await save(pilot)
        added = by_ref(store, "FCR-M02")
        assert (added["title"], added["owner"], added["baseline_date"], added["forecast_date"]) == (
            "Call handling go-live",
            "Supt Ward",
            "2022-09-30",
            "2022-09-30",
        )
        assert added["tolerance_days"] == default_tolerance
        assert logged(store, "milestone", added["id"], "create")
        assert "Milestone FCR-M02 added: Call handling go-live" in notifications(app)
        assert "FCR-M02" in refs_shown(screen)
        assert screen.selected_milestone()["ref"] == "FCR-M02"  # the new one is selected


async def test_a_new_milestone_in_another_workstreams_project(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pick(pilot, "placement", (3, 6))  # VUL · MFH - Accreditation and Niche
        await fill(pilot, "title", "Accreditation visit")
        await fill(pilot, "baseline_date", "2022-05-31")
        await fill(pilot, "forecast_date", "+2w")  # from the programme's today, 2022-03-15
        await save(pilot)
        added = by_ref(store, "VUL-M04")
        assert (added["workstream_id"], added["project_id"], added["forecast_date"]) == (3, 6, "2022-03-29")


async def test_a_bad_date_is_refused_by_its_field_and_nothing_is_added(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, "title", "Go-live")
        await fill(pilot, "baseline_date", "31/02/2022")
        await save(pilot)
        assert isinstance(app.screen, MilestoneDetailsForm)
        assert "not a real calendar date" in app.screen.error_of("baseline_date")
    assert store.scalar("SELECT COUNT(*) FROM milestone") == 7


async def test_rename_move_and_remove_from_the_detail_then_undo(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, MilestoneDetailsForm)
        await fill(pilot, "title", "FCR technology live")
        await save(pilot)
        assert by_ref(store, "FCR-M01")["title"] == "FCR technology live"
        titles = store.query(
            "SELECT old, new FROM change_log WHERE entity = 'milestone' AND entity_id = 1 AND field = 'title'"
        )
        assert json.loads(titles[-1]["new"]) == "FCR technology live"
        assert "FCR technology live" in str(screen.query_one("#ws-milestones", DataTable).get_row_at(0)[1])

        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)
        await pick(pilot, "to", (2, 4))  # RM · Oracle Programme
        await fill(pilot, "reason", "Oracle owns the integration")
        await save(pilot)
        moved = by_ref(store, "FCR-M01")  # the ref stays as it is
        assert (moved["workstream_id"], moved["project_id"]) == (2, 4)
        move_log = logged(store, "milestone", 1, "update")
        assert move_log[-1]["batch_reason"] == "Oracle owns the integration"
        assert "FCR-M01" not in refs_shown(screen)  # it left this workstream

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert by_ref(store, "FCR-M01")["workstream_id"] == 1
        assert "FCR-M01" in refs_shown(screen)

        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, RemoveForm)
        await fill(pilot, "reason", "Duplicate of the RM milestone")
        await save(pilot)
        assert by_ref(store, "FCR-M01") is None
        removed = logged(store, "milestone", 1, "delete")
        assert removed[-1]["batch_reason"] == "Duplicate of the RM milestone"
        assert json.loads(removed[-1]["old"])["title"] == "FCR technology live"
        assert refs_shown(screen) == []

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert by_ref(store, "FCR-M01")["title"] == "FCR technology live"
        assert refs_shown(screen) == ["FCR-M01"]


async def test_the_register_adds_edits_moves_and_removes(store):
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MilestoneDetailsForm)
        await pick(pilot, "placement", (4, None))
        await fill(pilot, "title", "Investigation standards audit")
        await fill(pilot, "baseline_date", "2022-03-01")
        await save(pilot)
        assert by_ref(store, "RIS-M02")["title"] == "Investigation standards audit"
        grid = app.screen.table.grid
        assert str(grid.get_row_at(0)[0]) == "RIS-M02"  # the earliest forecast comes first

        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "tolerance_days", "30")
        await save(pilot)
        assert by_ref(store, "RIS-M02")["tolerance_days"] == 30

        await pilot.press("m")
        await settle(pilot)
        await pick(pilot, "to", (5, None))
        await save(pilot)
        assert by_ref(store, "RIS-M02")["workstream_id"] == 5

        await pilot.press("delete")
        await settle(pilot)
        await fill(pilot, "reason", "Not a milestone after all")
        await save(pilot)
        assert by_ref(store, "RIS-M02") is None
        assert str(grid.get_row_at(0)[0]) != "RIS-M02"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert by_ref(store, "RIS-M02")["workstream_id"] == 5


async def test_removing_a_milestone_names_the_links_that_go_with_it_and_undo_restores_them(app, store):
    from t2025tui.core.services.dependencies import add_dependency

    add_dependency(store, milestone_id=by_ref(store, "VUL-M03")["id"], needs_milestone_id=1)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert "VUL-M03 waits on it" in str(app.screen.query_one("#form-intro").render())
        await fill(pilot, "reason", "Cancelled")
        await save(pilot)
        assert store.scalar("SELECT COUNT(*) FROM milestone_dependency") == 0
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.scalar("SELECT COUNT(*) FROM milestone_dependency WHERE needs_milestone_id = 1") == 1


async def test_a_new_milestone_is_typed_straight_after_a(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("a")
        await type_text(pilot, "Radio cut-over")
        await save(pilot)
    assert by_ref(store, "FCR-M02")["title"] == "Radio cut-over"


async def test_the_register_filter_finds_a_milestone_by_its_ref(store):
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"vul-m03", "enter")
        await settle(pilot)
        table = app.screen.table
        assert table.total == 1
        assert table.current_row["title"] == "Niche 'Missing' module implemented"
