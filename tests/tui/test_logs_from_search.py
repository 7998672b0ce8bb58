"""Enter on a search result for a log record opens its log with the cursor on it, in every view
(a done action, a closed issue), a decision under its meeting, a lesson."""

from t2025tui.core.services import actions, board, issues, lessons
from t2025tui.tui.screens.search import SearchScreen
from tests.tui.conftest import SIZE, settle, type_text


def version(store, table, row_id):
    return store.scalar(f"SELECT version FROM {table} WHERE id = ?", (row_id,))


async def open_from_search(pilot, text: str) -> None:
    await pilot.press("ctrl+f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)
    await type_text(pilot, text)
    await pilot.pause(0.3)  # the search waits for a pause in the typing
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot, rounds=5)


async def test_a_done_action_far_down_the_log_opens_with_the_cursor_on_it(app, store):
    for n in range(150):  # past the first page of the log
        actions.create_action(store, title=f"Routine {n}", due_date="2022-04-01")
    target = actions.create_action(store, title="Pelican contract signature", due_date="2030-01-01")
    actions.set_action_status(store, target, "Done", "", expected_version=version(store, "action", target))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_from_search(pilot, "pelican")
        assert app.current_mode == "actions"
        assert app.screen.table.current_row["id"] == target
        assert app.screen.view is None  # every action shown: the done one is not in the open view
        assert "Showing: all" in str(app.screen.query_one("#log-summary").render())


async def test_a_closed_issue_a_decision_and_a_lesson_each_open_on_their_log(app, store):
    issue_id = issues.create_issue(store, title="Cormorant vendor exit")
    issues.close_issue(store, issue_id, "Replaced", expected_version=version(store, "issue", issue_id))
    lesson_id = lessons.create_lesson(store, lesson="Kestrel pilots need a sponsor")
    for day in ("2022-04-12", "2022-05-10", "2022-06-14"):  # meetings 2-4: a meeting 4 exists
        board.create_board_meeting(store, meeting_date=day)
    decision_id = store.scalar("SELECT id FROM decision WHERE title LIKE 'Ratification%'")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_from_search(pilot, "cormorant")
        assert app.current_mode == "issues" and app.screen.table.current_row["id"] == issue_id
        await open_from_search(pilot, "kestrel")
        assert app.current_mode == "lessons" and app.screen.table.current_row["id"] == lesson_id
        await open_from_search(pilot, "ratification")
        assert app.current_mode == "decisions"
        row = app.screen.table.current_row
        assert decision_id == 4 and store.scalar("SELECT id FROM board_meeting WHERE id = 4") == 4
        assert (row["kind"], row["id"]) == ("decision", 4)  # the decision, not meeting 4
        await pilot.press("9")  # the log opened from the search is where 9 goes on from
        await settle(pilot)
        assert app.current_mode == "dependencies"
