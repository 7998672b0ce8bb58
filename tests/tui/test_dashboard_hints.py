"""The dashboard's header says when the status date is fixed in the past (and which key changes
it), and on a programme being set up, what to do next and which key does it."""

from datetime import date, timedelta

from textual.widgets import Static

from t2025tui.commands.init import create_programme
from t2025tui.core.services import board, milestones, objectives, programme, workstreams
from t2025tui.tui.app import T2025App
from t2025tui.tui.first_step_keys import keys_for
from t2025tui.tui.screens.dashboard import DashboardScreen
from t2025tui.tui.screens.settings import SettingsScreen
from tests.tui.conftest import SIZE, settle, type_text


def line(app, widget_id: str) -> str | None:
    """The line's text, or None while it is hidden."""
    widget = app.screen.query_one(widget_id, Static)
    return str(widget.render()) if widget.display else None


async def test_a_status_date_fixed_in_the_past_is_said_with_the_key_that_changes_it(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notice = line(app, "#status-date-notice")
        assert notice is not None
        assert notice == "Status date fixed in the past (2022-03-15): press 0 (settings) to change it."
        await pilot.press("0")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("j", "j", "j", "e")
        await pilot.pause()
        app.screen.query_one("#field-status_date").value = ""
        await type_text(pilot, "today")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert line(app, "#status-date-notice") is None
        assert line(app, "#first-step") is None  # the seeded programme has all it needs
    assert store.scalar("SELECT status_date FROM programme") is None


async def test_a_status_date_fixed_in_the_future_is_not_called_out(store):
    future = date.today() + timedelta(days=30)
    programme.update_programme(store, status_date=future.isoformat(), expected_version=None)
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert line(app, "#status-date-notice") is None
        assert f"status {future.isoformat()}" in line(app, "#programme-period")


def expected_how(action: str, command: str) -> str:
    """As the dashboard names the way to take the step: its keys where the app has them all."""
    keys = keys_for(action)
    if keys is None:
        return f"(on the command line: {command})"
    shown = [key.binding.key_display or key.binding.key.split(",")[0] for key in keys]
    return ": press " + ", then ".join(shown)


async def test_an_empty_programme_says_what_to_do_next_and_how(tmp_path):
    empty = create_programme(tmp_path / "empty.db", empty_name="Change Programme", organisation="Durham")
    try:
        app = T2025App(empty, poll_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            hint = line(app, "#first-step")
            assert hint is not None and hint.startswith("Next: add a strategic objective")
            assert expected_how("add_objective", 't2025 add objective --title "..."') in hint
            assert line(app, "#status-date-notice") is None  # an empty programme follows today

            # Each step taken moves the hint on (here through the services, as another window would).
            objective = objectives.create_objective(empty, title="Serve the public")
            ws = workstreams.create_workstream(empty, code="DP", name="Digital", objective_id=objective)
            app.refresh_screens()
            await settle(pilot)
            assert line(app, "#first-step").startswith("Next: give workstream DP a lead")
            current = empty.query_one("SELECT version FROM workstream WHERE id = ?", (ws,))
            workstreams.update_workstream(empty, ws, lead="Supt Hale", expected_version=current["version"])
            milestones.create_milestone(
                empty, workstream_id=ws, title="Devices issued", baseline_date="2022-05-31"
            )
            meeting = board.create_board_meeting(empty, meeting_date="2022-04-12")
            board.create_decision(empty, board_meeting_id=meeting, title="Approve the plan")
            app.refresh_screens()
            await settle(pilot)
            # A step whose key is on another screen names that screen's number key first.
            assert line(app, "#first-step") == "Next: add a risk to the risk register: press 4, then n."
    finally:
        empty.close()
