"""Workstreams and strategic objectives kept from the dashboard, by keys: a adds, e edits,
delete removes (a reason, and where its records go), o lists the objectives."""

import json

from textual.widgets import DataTable

from t2025tui.tui.modals.remove_form import RemoveForm
from t2025tui.tui.modals.workstream_form import WorkstreamForm
from t2025tui.tui.screens.dashboard import DashboardScreen
from t2025tui.tui.screens.objectives import ObjectivesScreen
from tests.tui.conftest import SIZE, notifications, settle, workstream
from tests.tui.plan_helpers import fill, logged, pick, save


def dashboard_names(app) -> list[str]:
    table = app.screen.query_one("#workstreams", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


async def test_add_a_workstream_with_its_objective_and_lead(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, WorkstreamForm)
        await fill(pilot, "code", "DP")
        await fill(pilot, "name", "Digital Policing")
        await fill(pilot, "lead", "Supt Hale")
        await pick(pilot, "objective_id", 2)
        await save(pilot)
        assert isinstance(app.screen, DashboardScreen)
        added = workstream(store, "DP")
        assert (added["name"], added["lead"], added["objective_id"], added["position"]) == (
            "Digital Policing",
            "Supt Hale",
            2,
            6,
        )
        assert "Digital Policing" in dashboard_names(app)
        assert logged(store, "workstream", added["id"], "create")
        assert any("Workstream DP added" in n for n in notifications(app))


async def test_a_blank_code_is_refused_by_its_field_and_nothing_is_added(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, "name", "Digital Policing")
        await save(pilot)
        assert isinstance(app.screen, WorkstreamForm)
        assert "a code is required" in app.screen.error_of("code")
    assert store.scalar("SELECT COUNT(*) FROM workstream") == 5


async def test_a_duplicate_code_reopens_the_form_with_the_message(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, "code", "FCR")
        await fill(pilot, "name", "Second control room")
        await save(pilot)
        assert isinstance(app.screen, WorkstreamForm)
        assert app.screen.query_one("#field-name").value == "Second control room"  # the draft is kept
        assert "already has this code" in app.screen.error_of("code")
    assert store.scalar("SELECT COUNT(*) FROM workstream") == 5


async def test_edit_the_selected_workstream_logs_each_field(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "e")  # Resource Management
        await settle(pilot)
        await fill(pilot, "lead", "Director of People")
        await pick(pilot, "objective_id", 4)
        await save(pilot)
        rm = workstream(store, "RM")
        assert (rm["lead"], rm["objective_id"]) == ("Director of People", 4)
        leads = store.query(
            "SELECT old, new FROM change_log WHERE entity = 'workstream' AND entity_id = ? AND field = 'lead'",
            (rm["id"],),
        )
        assert [(json.loads(r["old"]), json.loads(r["new"])) for r in leads] == [
            ("People Director", "Director of People")
        ]
        table = app.screen.query_one("#workstreams", DataTable)
        assert str(table.get_row_at(1)[3]).startswith("Director")


async def test_remove_with_records_is_refused_unless_they_move_and_undo_brings_it_back(app, store):
    fcr = workstream(store, "FCR")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, RemoveForm)
        intro = str(app.screen.query_one("#form-intro").render())
        assert "3 projects" in intro and "1 milestone" in intro
        await fill(pilot, "reason", "Merged into RM")
        await save(pilot)  # no workstream named to move them to: refused
        assert isinstance(app.screen, RemoveForm)
        message = app.screen.error_of("move_to")
        assert "has 3 projects, 1 milestone" in message and "nothing was changed" in message
        assert workstream(store, "FCR") is not None
        assert store.scalar("SELECT COUNT(*) FROM project WHERE workstream_id = ?", (fcr["id"],)) == 3

        await pick(pilot, "move_to", workstream(store, "RM")["id"])
        await save(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert workstream(store, "FCR") is None
        rm_id = workstream(store, "RM")["id"]
        assert store.scalar("SELECT workstream_id FROM milestone WHERE ref = 'FCR-M01'") == rm_id
        removed = logged(store, "workstream", fcr["id"], "delete")
        assert removed[0]["batch_reason"] == "Merged into RM"
        assert json.loads(removed[0]["old"])["name"] == "Force Control Room"  # the last values
        assert "Force Control Room" not in dashboard_names(app)

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert workstream(store, "FCR")["name"] == "Force Control Room"
        assert store.scalar("SELECT workstream_id FROM milestone WHERE ref = 'FCR-M01'") == fcr["id"]
        assert "Force Control Room" in dashboard_names(app)


async def test_remove_a_workstream_with_nothing_depending_on_it(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, "code", "TMP")
        await fill(pilot, "name", "Temporary")
        await save(pilot)
        await pilot.press("x")  # the new workstream is the selected one
        await settle(pilot)
        assert "ctrl+z undoes it" in str(app.screen.query_one("#form-intro").render())
        await save(pilot)
        assert app.screen.error_of("reason") == "a reason is required; it cannot be blank"
        await fill(pilot, "reason", "Added by mistake")
        await save(pilot)
        assert workstream(store, "TMP") is None
        assert "Temporary" not in dashboard_names(app)


async def test_objectives_are_listed_added_edited_and_removed(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ObjectivesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 4
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "title", "Using technology well")
        await save(pilot)
        assert table.row_count == 5
        added = store.query_one("SELECT * FROM objective WHERE title = 'Using technology well'")
        assert added["position"] == 5

        await pilot.press("down", "down", "down", "down")
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "title", "Using technology and data well")
        await save(pilot)
        assert store.scalar("SELECT title FROM objective WHERE id = ?", (added["id"],)) == (
            "Using technology and data well"
        )
        assert "Using technology and data well" in str(table.get_row_at(4)[1])

        await pilot.press("delete")
        await settle(pilot)
        await fill(pilot, "reason", "Folded into objective 2")
        await save(pilot)
        assert store.scalar("SELECT COUNT(*) FROM objective") == 4
        assert table.row_count == 4
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.scalar("SELECT COUNT(*) FROM objective") == 5
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_an_objective_served_by_workstreams_offers_to_move_them(app, store):
    from t2025tui.core.services.workstreams import update_workstream

    update_workstream(store, workstream(store, "FCR")["id"], expected_version=1, objective_id=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await fill(pilot, "reason", "Restated")
        await save(pilot)
        assert "has 1 workstream" in app.screen.error_of("move_to")
        assert store.scalar("SELECT COUNT(*) FROM objective") == 4
        await pick(pilot, "move_to", 3)
        await save(pilot)
        assert workstream(store, "FCR")["objective_id"] == 3
        assert store.scalar("SELECT COUNT(*) FROM objective") == 3


async def test_the_palette_offers_each_workstream_edit(app):
    from t2025tui.tui.commands import palette_entries

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {entry[0] for entry in palette_entries(app, app.screen)}
    assert {
        "Add workstream (dashboard)",
        "Edit workstream (dashboard)",
        "Remove workstream (dashboard)",
        "Objectives (dashboard)",
    } <= titles


async def test_the_order_puts_a_workstream_where_the_dashboard_and_pack_list_it(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j", "e")  # Integrated Offender Management
        await settle(pilot)
        await fill(pilot, "position", "0")
        await save(pilot)
        assert dashboard_names(app)[0].startswith("Integrated Offender")
    assert workstream(store, "IOM")["position"] == 0
