"""Stand-up's A (shift+a): an action for the workstream on screen in a few keys, while a
stays Amber."""

from t2025tui.tui.modals.action_form import QuickActionForm
from t2025tui.tui.screens.standup import StandupScreen
from tests.tui.conftest import SIZE, notifications, settle, type_text, workstream
from tests.tui.logs_helpers import changes


async def test_shift_a_adds_an_action_for_the_workstream_on_screen(app, store):
    rag_before = workstream(store, "RM")["rag"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("space")  # on to the second workstream, Resource Management
        await settle(pilot)
        assert "Resource Management" in str(app.screen.query_one("#standup-title").render())
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, QuickActionForm)
        assert "Resource Management" in app.screen.title_text
        await type_text(pilot, "Confirm the resourcing approach")
        await pilot.press("tab")
        await type_text(pilot, "DCC")
        await pilot.press("tab")
        await type_text(pilot, "+1w")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)  # back in the stand-up, same workstream
        assert "Resource Management" in str(app.screen.query_one("#standup-title").render())
        assert any("Action A1 added for RM" in n for n in notifications(app))
    rm = workstream(store, "RM")
    saved = store.query_one("SELECT * FROM action WHERE id = 1")
    assert (saved["title"], saved["owner"], saved["due_date"], saved["workstream_id"], saved["status"]) == (
        "Confirm the resourcing approach",
        "DCC",
        "2022-03-22",
        rm["id"],
        "Open",
    )
    assert [c["action"] for c in changes(store, "action", 1)] == ["create"]
    assert rm["rag"] == rag_before  # shift+a is not a (Amber)


async def test_shift_a_then_enter_with_no_title_is_refused_and_nothing_saved(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("A", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QuickActionForm)
        assert "required" in str(app.screen.query_one("#error-title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
    assert store.scalar("SELECT COUNT(*) FROM action") == 0
