"""A save refused because another window changed the record keeps what was typed: the form
stays open with the draft, says who changed the record and when, shows the fresh values, and
saving again writes over that version; escape cancels. Stand-up's reason line does the same."""

import pytest
from textual.widgets import Static

from t2025tui.core.services.workstreams import set_commentary, set_workstream_rag, update_workstream
from t2025tui.core.store import open_store
from t2025tui.core.who import acting_as
from t2025tui.tui.app import T2025App
from t2025tui.tui.modals.commentary import CommentaryForm
from t2025tui.tui.modals.rag_form import RagForm
from t2025tui.tui.screens.standup import StandupScreen
from tests.tui.conftest import log_rows, notifications, settle, type_text, workstream

SIZE = (120, 40)


@pytest.fixture
def app(store):
    return T2025App(store, poll_seconds=0)


@pytest.fixture
def other_window(seeded_db_path):
    """A second connection to the same file, as another t2025 window would have."""
    second = open_store(seeded_db_path)
    yield second
    second.close()


def _edit_elsewhere(other_window, code, **fields):
    """Another window (Bob's) saves the workstream while this one has it open."""
    row = workstream(other_window, code)
    with acting_as("Bob Deputy"):
        update_workstream(other_window, row["id"], expected_version=row["version"], **fields)


async def test_refused_commentary_keeps_the_typed_text_and_shows_the_fresh_one(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")  # commentary of the first workstream, Force Control Room
        await settle(pilot)
        assert isinstance(app.screen, CommentaryForm)
        _edit_elsewhere(other_window, "FCR", commentary="Bob's fresh words")
        await type_text(pilot, " plus my long careful paragraph")
        await pilot.press("ctrl+s")
        await settle(pilot)

        form = app.screen
        assert isinstance(form, CommentaryForm), "the form closed and the typed text was lost"
        typed = form.raw_text("commentary")
        assert typed.startswith(" plus my long careful paragraph") and "wider scope" in typed
        stale = str(form.query_one("#form-stale", Static).render())
        assert "Force Control Room was changed by Bob Deputy at " in stale and "(commentary)" in stale
        assert "now: Bob's fresh words (changed by Bob Deputy" in str(
            form.query_one("#hint-commentary").render()
        )
        assert "Changed elsewhere by Bob Deputy" in notifications(app)[-1]
        assert workstream(store, "FCR")["commentary"] == "Bob's fresh words"  # nothing of ours yet

        await pilot.press("ctrl+s")  # save ours over the fresh version
        await settle(pilot)
        assert not isinstance(app.screen, CommentaryForm)
        saved = workstream(store, "FCR")["commentary"]
        assert saved == typed.strip() and "Bob" not in saved
        last = log_rows(store, "workstream", workstream(store, "FCR")["id"], "commentary")[-1]
        assert last["old"] == '"Bob\'s fresh words"'  # replaced exactly what Bob saved


async def test_escape_on_the_kept_draft_cancels_and_keeps_the_other_windows_change(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        _edit_elsewhere(other_window, "FCR", commentary="Bob's fresh words")
        await type_text(pilot, " mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommentaryForm)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CommentaryForm)
        assert workstream(store, "FCR")["commentary"] == "Bob's fresh words"


async def test_saving_the_kept_draft_is_refused_again_if_the_record_changed_once_more(
    app, store, other_window
):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "g")  # RAG form for Force Control Room, Green picked
        await settle(pilot)
        assert isinstance(app.screen, RagForm)
        fcr = workstream(other_window, "FCR")
        with acting_as("Bob Deputy"):
            set_workstream_rag(
                other_window, fcr["id"], "Red", "vendor failed", expected_version=fcr["version"]
            )
        await type_text(pilot, "back on track")  # picking g moved on to the reason
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RagForm) and form.raw_text("reason") == "back on track"
        assert form.raw_text("rag") == "Green"
        assert "now: Red (changed by Bob Deputy" in str(form.query_one("#hint-rag").render())

        _edit_elsewhere(other_window, "FCR", commentary="and again")  # changed once more
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RagForm), "a save over a version the user never saw went ahead"
        assert workstream(store, "FCR")["rag"] == "Red"
        assert "(commentary, RAG reason, RAG)" in str(app.screen.query_one("#form-stale", Static).render())

        await pilot.press("enter")  # this time over the version shown
        await settle(pilot)
        row = workstream(store, "FCR")
        assert (row["rag"], row["commentary"]) == ("Green", "and again")


async def test_standup_reason_line_keeps_the_typed_reason_after_a_stale_refusal(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")  # stand-up, on Force Control Room (Amber)
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        await pilot.press("r")  # worse: asks why on the reason line
        await settle(pilot)
        fcr = workstream(other_window, "FCR")
        with acting_as("Bob Deputy"):
            set_commentary(other_window, fcr["id"], "Bob was here", expected_version=fcr["version"])
        await type_text(pilot, "control room vendor pulled out")
        await pilot.press("enter")
        await settle(pilot)

        box = app.screen.query_one("#reason-input")
        assert app.screen.asking_reason, "the reason line closed and the typed reason was lost"
        assert box.value == "control room vendor pulled out"
        line = str(app.screen.query_one("#reason-question").render())
        assert "Changed by Bob Deputy at " in line and "escape cancels" in line
        assert workstream(store, "FCR")["rag"] == "Amber"

        await pilot.press("enter")
        await settle(pilot)
        row = workstream(store, "FCR")
        assert (row["rag"], row["rag_reason"], row["commentary"]) == (
            "Red",
            "control room vendor pulled out",
            "Bob was here",
        )


async def test_refused_forecast_in_the_milestones_register_keeps_the_typed_date(store, other_window):
    from t2025tui.core.services.milestones import shift_forecast
    from t2025tui.tui.modals.milestone_form import MilestoneForm
    from t2025tui.tui.screens.milestones import MilestonesScreen
    from tests.tui.registers_harness import RegisterHarness, type_into

    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Longer term", "enter")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MilestoneForm)
        target = store.query_one("SELECT * FROM milestone WHERE id = ?", (form.row["id"],))
        with acting_as("Bob Deputy"):
            moved = shift_forecast(
                other_window, target["id"], 14, "supplier late", expected_version=target["version"]
            )
        await type_into(pilot, "#field-date", "2030-01-31")
        await pilot.press("tab")
        await type_text(pilot, "board asked for a later date")
        await pilot.press("enter")
        await settle(pilot)

        form = app.screen
        assert isinstance(form, MilestoneForm), "the form closed and the typed date was lost"
        assert (form.raw_text("date"), form.raw_text("reason")) == (
            "2030-01-31",
            "board asked for a later date",
        )
        fresh = str(form.query_one("#hint-date").render())
        assert f"now: {moved['forecast_date'][1]}" in fresh
        assert "changed by Bob Deputy" in fresh
        assert "now:" not in str(form.query_one("#hint-reason").render())

        await pilot.press("enter")
        await settle(pilot)
        row = store.query_one("SELECT * FROM milestone WHERE id = ?", (target["id"],))
        assert (row["forecast_date"], row["last_change_reason"]) == (
            "2030-01-31",
            "board asked for a later date",
        )


async def test_standup_slip_keeps_the_typed_reason_after_a_stale_refusal(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StandupScreen)
        milestone = screen.selected_milestone()
        assert milestone is not None
        await pilot.press("right_square_bracket")  # slip a week: asks why
        await settle(pilot)
        assert screen.asking_reason
        fresh = store.query_one("SELECT * FROM milestone WHERE id = ?", (milestone["id"],))
        from t2025tui.core.services.milestones import shift_forecast

        with acting_as("Bob Deputy"):
            shift_forecast(other_window, fresh["id"], 14, "supplier late", expected_version=fresh["version"])
        await type_text(pilot, "kit arrives late")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.asking_reason and screen.query_one("#reason-input").value == "kit arrives late"
        assert "Changed by Bob Deputy" in str(screen.query_one("#reason-question").render())
        await pilot.press("enter")
        await settle(pilot)
        row = store.query_one("SELECT * FROM milestone WHERE id = ?", (milestone["id"],))
        assert row["last_change_reason"] == "kit arrives late"
        assert row["forecast_date"] > fresh["forecast_date"]  # Bob's two weeks, then this week


async def test_standup_change_with_nothing_typed_just_reloads_when_stale(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        _edit_elsewhere(other_window, "FCR", commentary="Bob was here")
        await pilot.press("g")  # better (Amber -> Green): no reason asked, so none to keep
        await settle(pilot)
        assert not app.screen.asking_reason
        assert notifications(app)[-1].startswith("Changed elsewhere, reloaded.")
        assert workstream(store, "FCR")["rag"] == "Amber"
        await pilot.press("g")  # the reload picked up Bob's version
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"


async def test_a_record_removed_elsewhere_keeps_the_typed_text_to_copy(store, other_window):
    from t2025tui.core.services.milestones import remove_milestone
    from t2025tui.tui.modals.milestone_form import MilestoneForm
    from t2025tui.tui.screens.milestones import MilestonesScreen
    from tests.tui.registers_harness import RegisterHarness, type_into

    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Longer term", "enter")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MilestoneForm)
        target = store.query_one("SELECT * FROM milestone WHERE id = ?", (form.row["id"],))
        with acting_as("Bob Deputy"):
            remove_milestone(
                other_window, target["id"], "merged into another", expected_version=target["version"]
            )
        await type_into(pilot, "#field-date", "2030-01-31")
        await pilot.press("tab")
        await type_text(pilot, "a long reason worth keeping")
        await pilot.press("enter")
        await settle(pilot)

        form = app.screen
        assert isinstance(form, MilestoneForm), "the form closed and the typed text was lost"
        assert form.raw_text("reason") == "a long reason worth keeping"
        line = str(form.query_one("#form-stale", Static).render())
        assert "no longer exists" in line and "What you typed is kept" in line
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MilestoneForm)
        assert store.query_one("SELECT id FROM milestone WHERE id = ?", (target["id"],)) is None
