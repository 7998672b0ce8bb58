"""The decision log, grouped by board meeting, through the keys: a meeting and its decisions
created and edited here, an outcome with a note, the actions a decision raised listed with it,
and a meeting removed with its decisions moved."""

from textual.widgets import Select

from t2025tui.core.services import actions, board
from t2025tui.tui.modals.action_form import ActionForm
from t2025tui.tui.modals.board_meeting import BoardMeetingForm
from t2025tui.tui.modals.decision_form import DecisionForm, DecisionOutcomeForm, RemoveMeetingForm
from t2025tui.tui.screens.decisions_log import DecisionsLogScreen
from tests.tui.logs_helpers import (
    RegisterHarness,
    changes,
    current,
    error_text,
    filter_to,
    rows_shown,
    settle,
    text_of,
    type_into,
)

SIZE = (120, 40)


async def test_seeded_decisions_are_grouped_under_their_meeting(store):
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = rows_shown(app)
        assert [r[0] for r in shown] == ["2022-03-15", *(f"2022-03-15#{n}" for n in range(1, 5))]
        assert shown[0][1] == "Futures Board (4 decisions)"
        assert shown[3][1] == "Confirmation of the resourcing approach"
        assert all(r[4] == "-" for r in shown[1:])  # the report gives no outcome
        assert "Decisions 4 (no outcome yet 4)" in text_of(app, "#log-summary")


async def test_new_meeting_then_a_decision_for_it(store):
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BoardMeetingForm)
        await type_into(pilot, "#field-meeting_date", "2022-04-12")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DecisionsLogScreen)
        meeting = store.query_one("SELECT * FROM board_meeting WHERE meeting_date = '2022-04-12'")
        assert meeting["title"] == "Futures Board"
        await filter_to(pilot, "2022-04-12")
        assert current(app)["kind"] == "meeting"
        await pilot.press("n")  # a decision for the selected meeting
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        assert app.screen.query_one("#field-board_meeting_id", Select).value == meeting["id"]
        await type_into(pilot, "#field-title", "Approve the revised plan")
        await type_into(pilot, "#field-owner", "DCC")
        await type_into(pilot, "#field-due_date", "2022-05-01")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DecisionsLogScreen)
        assert ["2022-04-12#1", "Approve the revised plan", "DCC", "2022-05-01", "-", ""] in rows_shown(app)
    decision = store.query_one("SELECT * FROM decision WHERE title = 'Approve the revised plan'")
    assert (decision["board_meeting_id"], decision["position"], decision["outcome"]) == (
        meeting["id"],
        1,
        None,
    )
    assert changes(store, "decision", decision["id"])[0]["action"] == "create"
    assert changes(store, "board_meeting", meeting["id"])[0]["action"] == "create"


async def test_a_second_meeting_on_the_same_date_is_refused_beside_the_date(store):
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        await type_into(pilot, "#field-meeting_date", "15/03/2022")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardMeetingForm)
        assert "already exists" in error_text(app, "meeting_date")
    assert store.scalar("SELECT COUNT(*) FROM board_meeting") == 1


async def test_outcome_with_a_note_is_saved_and_logged(store):
    decision = store.query_one("SELECT * FROM decision WHERE position = 3")
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, "resourcing approach")
        assert current(app)["id"] == decision["id"]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, DecisionOutcomeForm)
        await pilot.press("right", "space")  # Undecided -> Agreed
        area = app.screen.query_one("#field-notes")
        area.focus()
        area.text = ""
        await pilot.press(*"Agreed subject to funding".replace(" ", "_"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DecisionsLogScreen)
        assert rows_shown(app)[0][4] == "Agreed"
    saved = store.query_one("SELECT * FROM decision WHERE id = ?", (decision["id"],))
    assert (saved["outcome"], saved["notes"]) == ("Agreed", "Agreed_subject_to_funding")
    updated = {c["field"] for c in changes(store, "decision", decision["id"]) if c["action"] == "update"}
    assert updated == {"outcome", "notes"}


async def test_edit_a_decision_moves_it_to_another_meeting(store):
    later = board.create_board_meeting(store, meeting_date="2022-04-12")
    decision = store.query_one("SELECT * FROM decision WHERE position = 4")
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, "Ratification")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DecisionForm)
        app.screen.query_one("#field-board_meeting_id", Select).value = later
        await pilot.press("enter")
        await settle(pilot)
        assert rows_shown(app)[0][0] == "2022-04-12#1"
    assert store.scalar("SELECT board_meeting_id FROM decision WHERE id = ?", (decision["id"],)) == later


async def test_actions_a_decision_raised_are_listed_with_it(store):
    decision = store.query_one("SELECT * FROM decision WHERE position = 2")
    actions.create_action(store, title="Draft the three-year sequence", decision_id=decision["id"])
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, "Scoping and sequencing")
        await pilot.press("a")  # another action raised by this decision
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert app.screen.query_one("#field-decision_id", Select).value == decision["id"]
        await type_into(pilot, "#field-title", "Cost each workstream")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DecisionsLogScreen)
        assert rows_shown(app)[0][5] == "A1, A2"
        detail = text_of(app, "#log-detail")
        assert (
            "Actions raised: A1 Draft the three-year sequence (Open); A2 Cost each workstream (Open)"
            in detail
        )
    raised = store.query_one("SELECT * FROM action WHERE title = 'Cost each workstream'")
    assert (raised["decision_id"], raised["board_meeting_id"]) == (
        decision["id"],
        decision["board_meeting_id"],
    )


async def test_removing_a_meeting_moves_its_decisions_to_the_one_chosen(store):
    later = board.create_board_meeting(store, meeting_date="2022-04-12")
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current(app)["ref"] == "2022-03-15"
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, RemoveMeetingForm)
        # Its four decisions must go somewhere: the form says where, the only other meeting.
        assert "its 4 decisions move to this meeting" in text_of(app, "#hint-move_to")
        assert app.screen.query_one("#field-move_to", Select).value == later
        await type_into(pilot, "#field-reason", "Entered on the wrong date")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DecisionsLogScreen)
        assert [r[0] for r in rows_shown(app)] == ["2022-04-12", *(f"2022-04-12#{n}" for n in range(1, 5))]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert rows_shown(app)[0][0] == "2022-03-15"
    assert store.scalar("SELECT COUNT(*) FROM decision WHERE board_meeting_id = 1") == 4


async def test_removing_the_only_meeting_with_decisions_is_refused_naming_them(store):
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await pilot.pause()
        await type_into(pilot, "#field-reason", "Not needed")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RemoveMeetingForm)
        assert "has 4 decisions" in error_text(app, "reason")
    assert store.scalar("SELECT COUNT(*) FROM board_meeting") == 1


async def test_removing_a_decision_asks_why(store):
    decision = store.query_one("SELECT * FROM decision WHERE position = 1")
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, "FMS risk")
        await pilot.press("x")
        await pilot.pause()
        await type_into(pilot, "#field-reason", "Withdrawn")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.table.total == 0
    assert store.query_one("SELECT * FROM decision WHERE id = ?", (decision["id"],)) is None
    assert changes(store, "decision", decision["id"])[-1]["reason"] == "Withdrawn"


async def test_removing_a_decision_names_the_actions_it_raised_which_stay_unlinked(store):
    decision = store.query_one("SELECT * FROM decision WHERE position = 2")
    raised = actions.create_action(store, title="Draft the three-year sequence", decision_id=decision["id"])
    app = RegisterHarness(store, DecisionsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, "Scoping and sequencing")
        await pilot.press("delete")
        await pilot.pause()
        assert f"The actions it raised (A{raised}) stay, no longer linked to it." in app.screen.title_text
        await type_into(pilot, "#field-reason", "Merged into decision 1")
        await pilot.press("enter")
        await settle(pilot)
        assert store.query_one("SELECT decision_id FROM action WHERE id = ?", (raised,)) == {
            "decision_id": None
        }
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert store.scalar("SELECT decision_id FROM action WHERE id = ?", (raised,)) == decision["id"]
