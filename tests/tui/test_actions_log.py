"""The action log through the keys: create, edit, done / dropped with a reason, remove and undo;
overdue actions flagged on screen."""

import json

from t2025tui.core.services import actions
from t2025tui.tui.modals.action_form import ActionForm, ActionStatusForm
from t2025tui.tui.modals.reason import ReasonPrompt
from t2025tui.tui.screens.actions_log import ActionsLogScreen
from tests.tui.logs_helpers import (
    RegisterHarness,
    changes,
    choose,
    current,
    error_text,
    filter_to,
    rows_shown,
    settle,
    text_of,
    type_into,
)

SIZE = (120, 40)


def action(store, action_id: int) -> dict:
    return store.query_one("SELECT * FROM action WHERE id = ?", (action_id,))


async def test_new_action_linked_to_a_workstream_and_decision_is_saved_logged_and_shown(store):
    decision = store.query_one("SELECT * FROM decision WHERE position = 3")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_into(pilot, "#field-title", "Confirm the [b]resourcing[/] approach")
        await type_into(pilot, "#field-owner", "DCC")
        await type_into(pilot, "#field-due_date", "+2w")  # from the status date, 15 March 2022
        await pilot.pause()
        assert "Tue 29 Mar 2022" in text_of(app, "#hint-due_date")
        choose(app, "workstream_id", 1)
        choose(app, "decision_id", decision["id"])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsLogScreen)
        shown = rows_shown(app)
        assert shown[0][:4] == ["A1", "Confirm the [b]resourcing[/] approach", "DCC", "2022-03-29"]
        assert shown[0][7] == "decision 2022-03-15#3"
        assert "Open 1 (overdue 0)" in text_of(app, "#log-summary")
    saved = action(store, 1)
    assert (saved["owner"], saved["due_date"], saved["workstream_id"], saved["decision_id"]) == (
        "DCC",
        "2022-03-29",
        1,
        decision["id"],
    )
    assert [c["action"] for c in changes(store, "action", 1)] == ["create"]


async def test_a_refused_title_keeps_the_form_and_what_was_typed(store):
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "#field-owner", "DCC")
        await type_into(pilot, "#field-due_date", "31/02/2022")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        assert "required" in error_text(app, "title")
        assert error_text(app, "due_date")  # not a date: said beside the field
        assert app.screen.query_one("#field-owner").value == "DCC"
    assert store.scalar("SELECT COUNT(*) FROM action") == 0


async def test_overdue_actions_are_flagged_and_listed_first(store):
    later = actions.create_action(store, title="Later one", due_date="2022-06-30")
    overdue = actions.create_action(store, title="Late one", due_date="2022-03-01")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = rows_shown(app)
        assert [r[0] for r in shown] == [f"A{overdue}", f"A{later}"]
        assert shown[0][4] == "overdue" and shown[1][4] == ""
        assert "Open 2 (overdue 1)" in text_of(app, "#log-summary")


async def test_edit_sends_only_what_changed(store):
    new_id = actions.create_action(store, title="Chase the supplier", owner="DCC")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_into(pilot, "#field-owner", "ACC")
        await pilot.press("enter")
        await settle(pilot)
        assert rows_shown(app)[0][2] == "ACC"
    updates = [c for c in changes(store, "action", new_id) if c["action"] == "update"]
    assert [(c["field"], json.loads(c["old"]), json.loads(c["new"])) for c in updates] == [
        ("owner", "DCC", "ACC")
    ]


async def test_dropping_needs_a_reason_then_leaves_the_open_view_and_reopens(store):
    new_id = actions.create_action(store, title="Book the venue")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ActionStatusForm)
        await pilot.press("down", "space")  # Done -> Dropped
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionStatusForm)
        assert "reason is required to drop" in error_text(app, "reason")
        await type_into(pilot, "#field-reason", "Venue no longer needed")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsLogScreen)
        assert app.screen.table.total == 0
        assert "Dropped 1" in text_of(app, "#log-summary")
        await pilot.press("v")  # closed ones
        await settle(pilot)
        assert current(app)["status"] == "Dropped"
        assert "Dropped: Venue no longer needed" in text_of(app, "#log-detail")
    saved = action(store, new_id)
    assert (saved["status"], saved["status_reason"]) == ("Dropped", "Venue no longer needed")
    status_change = [c for c in changes(store, "action", new_id) if c["field"] == "status"]
    assert status_change[-1]["reason"] == "Venue no longer needed"


async def test_done_needs_no_reason(store):
    new_id = actions.create_action(store, title="Send the minutes")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # Done is proposed for an open action
        await settle(pilot)
        assert isinstance(app.screen, ActionsLogScreen)
    assert action(store, new_id)["status"] == "Done"


async def test_remove_asks_why_and_ctrl_z_brings_it_back(store):
    new_id = actions.create_action(store, title="Duplicate entry")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, "Duplicate")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ReasonPrompt)
        assert "Duplicate entry" in app.screen.title_text
        await type_into(pilot, "#field-reason", "Entered twice")
        await pilot.press("enter")
        await settle(pilot)
        assert action(store, new_id) is None
        assert app.screen.table.total == 0
        removed = changes(store, "action", new_id)[-1]
        assert (removed["action"], removed["reason"]) == ("delete", "Entered twice")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert action(store, new_id)["title"] == "Duplicate entry"
        assert app.screen.table.total == 1


async def test_keys_alone_pick_a_link_in_a_drop_down(store):
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Chase", "tab", "tab", "tab")  # title, owner, due, then the workstream
        await pilot.press("space")  # opens the drop-down on "(none)"
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the second workstream
        await pilot.pause()
        await pilot.press("enter")  # saves from the closed drop-down
        await settle(pilot)
        assert isinstance(app.screen, ActionsLogScreen)
        assert rows_shown(app)[0][6] == "RM"
    assert store.query_one("SELECT title, workstream_id FROM action") == {
        "title": "Chase",
        "workstream_id": 2,
    }


async def test_an_edit_of_an_action_changed_in_another_window_keeps_the_draft_to_save_over(
    store, other_window
):
    new_id = actions.create_action(store, title="Chase the supplier", owner="DCC")
    app = RegisterHarness(store, ActionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        actions.update_action(other_window, new_id, expected_version=1, owner="ACC")
        await type_into(pilot, "#field-title", "Chase the supplier again")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)  # refused as stale, what was typed kept
        assert app.screen.query_one("#field-title").value == "Chase the supplier again"
        assert "changed" in text_of(app, "#form-stale")
        assert action(store, new_id)["title"] == "Chase the supplier"
        await pilot.press("enter")  # saves this title over the other window's version
        await settle(pilot)
        assert isinstance(app.screen, ActionsLogScreen)
        assert rows_shown(app)[0][1:3] == ["Chase the supplier again", "ACC"]
    saved = action(store, new_id)
    assert (saved["title"], saved["owner"]) == ("Chase the supplier again", "ACC")
