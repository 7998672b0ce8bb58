"""Stand-up mode end to end, with the keystroke budget the issue sets (under 20 plus reasons)."""

from datetime import date

from textual.widgets import DataTable

from t2025tui.tui.screens.dashboard import DashboardScreen
from t2025tui.tui.screens.standup import StandupScreen
from t2025tui.tui.widgets.reason_bar import ReasonBar
from tests.tui.conftest import SIZE, log_rows, notifications, settle, type_text, workstream


class KeyCounter:
    """Presses keys through the pilot and counts them, apart from the reasons typed."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.keys = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            self.keys += 1
            await settle(self.pilot, rounds=2)

    async def reason(self, text: str) -> None:
        await type_text(self.pilot, text)


def milestone(store, milestone_id: int) -> dict:
    return store.query_one("SELECT * FROM milestone WHERE id = ?", (milestone_id,))


async def test_standup_of_five_workstreams_with_a_rag_change_and_a_slip_in_under_20_keys(app, store):
    vul_first = store.query_one(
        "SELECT * FROM milestone_status WHERE workstream_id = 3 AND status NOT IN"
        " ('complete', 'de-scoped') ORDER BY forecast_date, id LIMIT 1"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = KeyCounter(pilot)
        await keys.press("s")
        assert isinstance(app.screen, StandupScreen)
        assert "workstream 1 of 5" in str(app.screen.query_one("#standup-progress").render())
        await keys.press("r")  # Force Control Room: Amber -> Red is worse, so a reason is asked
        assert app.screen.asking_reason  # asked in place, under the workstream
        await keys.reason("Technology supplier delay")
        await keys.press("enter", "space", "space")  # on to Vulnerability
        assert "Vulnerability" in str(app.screen.query_one("#standup-title").render())
        await keys.press("right_square_bracket")
        assert app.screen.asking_reason  # asked in place, under the workstream
        await keys.reason("Awaiting Niche release")
        await keys.press("enter", "space", "space", "space")  # the last space ends the stand-up
        assert isinstance(app.screen, DashboardScreen)
        assert keys.keys < 20, keys.keys
        assert notifications(app)[-1].startswith("Stand-up finished: 5 of 5")

    fcr = workstream(store, "FCR")
    assert fcr["rag"] == "Red" and fcr["rag_reason"] == "Technology supplier delay"
    assert log_rows(store, "workstream", fcr["id"], "rag")[-1]["reason"] == "Technology supplier delay"
    slipped = milestone(store, vul_first["id"])
    assert (
        slipped["forecast_date"]
        == date.fromordinal(date.fromisoformat(vul_first["forecast_date"]).toordinal() + 7).isoformat()
    )
    assert slipped["last_change_reason"] == "Awaiting Niche release"
    assert (
        log_rows(store, "milestone", slipped["id"], "forecast_date")[-1]["reason"] == "Awaiting Niche release"
    )


async def test_better_rag_needs_no_reason_and_cancelled_reason_saves_nothing(app, store):
    batches = store.scalar("SELECT COUNT(*) FROM change_batch")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "g")  # FCR Amber -> Green: better, saved at once
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"
        await pilot.press("space", "r")  # RM is Red already
        await settle(pilot)
        assert notifications(app)[-1] == "Resource Management is already Red."
        await pilot.press("space", "a", "escape")  # VUL Green -> Amber asked why, then cancelled
        await settle(pilot)
        assert workstream(store, "VUL")["rag"] == "Green"
        assert isinstance(app.screen, StandupScreen)
        assert "Vulnerability" in str(app.screen.query_one("#standup-title").render())
    assert store.scalar("SELECT COUNT(*) FROM change_batch") == batches + 1


async def test_done_earlier_and_note_in_standup(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "space", "space")  # Vulnerability: three open milestones
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#standup-milestones", DataTable)
        assert table.row_count == 3
        await pilot.press("down")
        await settle(pilot)
        chosen = screen.selected_milestone()
        await pilot.press("left_square_bracket")  # a week earlier: no reason needed
        await settle(pilot)
        moved = milestone(store, chosen["id"])
        assert moved["forecast_date"] < chosen["forecast_date"]
        await pilot.press("d")
        await settle(pilot)
        assert milestone(store, chosen["id"])["actual_date"] == "2022-03-15"  # the status date
        assert log_rows(store, "milestone", chosen["id"], "actual_date")
        assert table.row_count == 2  # done milestones leave the stand-up list
        await pilot.press("n")
        await type_text(pilot, "Training venue booked")
        await pilot.press("enter")
        await settle(pilot)
        assert "Training venue booked" in str(screen.query_one("#standup-notes").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert store.scalar("SELECT text FROM note WHERE workstream_id = 3") == "Training venue booked"


async def test_empty_slip_reason_is_refused_inline(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "right_square_bracket", "enter")
        await settle(pilot)
        assert app.screen.asking_reason
        assert "a reason is required" in app.screen.query_one(ReasonBar).error_text.lower()
        await pilot.press("escape")
        await settle(pilot)
    assert milestone(store, 1)["forecast_date"] == "2022-06-30"


async def test_number_keys_do_not_leave_standup_but_undo_works(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "g", "3")
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Amber"
        assert " Amber " in str(app.screen.query_one("#standup-rag").render())


async def test_a_reason_typed_in_one_burst_after_the_key_is_kept(app, store):
    """`r` then "delayed" then enter, faster than the prompt opens: nothing is lost or misread."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        for character in "rdelayed":  # d and a are stand-up keys too: they must go to the prompt
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
    fcr = workstream(store, "FCR")
    assert fcr["rag"] == "Red" and fcr["rag_reason"] == "delayed"
    assert milestone(store, 1)["actual_date"] is None


async def test_keys_typed_right_after_the_reason_are_standup_keys_again(app, store):
    """enter then space before the save is drawn: the space moves on, it is not more reason."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        for character in "rlate":
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("space", " "))
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        assert not app.screen.asking_reason
        assert "Resource Management" in str(app.screen.query_one("#standup-title").render())
    fcr = workstream(store, "FCR")
    assert fcr["rag"] == "Red" and fcr["rag_reason"] == "late"


async def test_a_slipped_milestone_keeps_its_row_until_the_workstream_is_shown_again(app, store):
    """Vulnerability's first open milestone slips past the second: it stays under the cursor
    (a second ] slips it again) and the list is back in forecast order on the next visit."""
    first, second = store.query(
        "SELECT * FROM milestone_status WHERE workstream_id = 3 AND status NOT IN"
        " ('complete', 'de-scoped') ORDER BY forecast_date, id LIMIT 2"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "space", "space")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#standup-milestones", DataTable)
        for reason in ("venue lost", "trainer ill", "new date agreed"):
            await pilot.press("right_square_bracket")
            await type_text(pilot, reason)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.selected_milestone()["id"] == first["id"]
            assert table.cursor_row == 0
        moved = milestone(store, first["id"])
        assert moved["forecast_date"] > second["forecast_date"]
        assert str(table.get_cell_at((0, 2))) == moved["forecast_date"]
        await pilot.press("backspace", "space")  # away and back: forecast order again
        await settle(pilot)
        assert screen.selected_milestone()["id"] == second["id"]


async def test_s_starts_at_the_first_workstream_whichever_is_selected(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j")  # the fifth workstream selected on the dashboard
        await pilot.press("s")
        await settle(pilot)
        assert "workstream 1 of 5" in str(app.screen.query_one("#standup-progress").render())
        assert "Force Control Room" in str(app.screen.query_one("#standup-title").render())


async def test_a_slip_that_widens_its_cell_is_shown_whole(app, store):
    """Cells are rewritten in place after a slip; one that grows past its column's width (here
    a slip to three digits) widens the column instead of losing its end."""
    from t2025tui.core.services.milestones import set_forecast

    first = store.query_one(
        "SELECT * FROM milestone_status WHERE workstream_id = 3 AND status NOT IN"
        " ('complete', 'de-scoped') ORDER BY forecast_date, id LIMIT 1"
    )
    baseline = date.fromisoformat(first["baseline_date"])
    set_forecast(
        store, first["id"], date.fromordinal(baseline.toordinal() + 98), "re-planned", expected_version=None
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "space", "space")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#standup-milestones", DataTable)
        shown = [row[0] for row in screen._milestones_shown]
        row = shown.index(first["id"])
        for _ in range(row):
            await pilot.press("down")
        assert screen.selected_milestone()["id"] == first["id"]
        slips = [str(table.get_cell_at((r, 3))) for r in range(len(shown))]
        assert max(len(slip) for slip in slips) == len("+98d")  # no wider slip holds the column open
        assert "+98d" in table.render_line(row + 1).text  # line 0 is the header
        await pilot.press("right_square_bracket")
        await type_text(pilot, "venue lost")
        await pilot.press("enter")
        await settle(pilot)
        assert milestone(store, first["id"])["forecast_date"] == (
            date.fromordinal(baseline.toordinal() + 105).isoformat()
        )
        assert screen.selected_milestone()["id"] == first["id"]
        line = table.render_line(table.cursor_row + 1).text
        assert "+105d" in line, line
