"""The lessons log through the keys: the report's own lesson shown; create, edit, remove."""

from t2025tui.tui.modals.lesson_form import LessonForm
from t2025tui.tui.screens.lessons_log import LessonsLogScreen
from tests.tui.logs_helpers import (
    RegisterHarness,
    changes,
    choose,
    filter_to,
    rows_shown,
    settle,
    text_of,
    type_into,
)

SIZE = (120, 40)


async def test_the_reports_lesson_is_shown_with_what_happened(store):
    app = RegisterHarness(store, LessonsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows_shown(app)[0][1].startswith("Developing buy-in for change")
        assert "What happened: Milestones take longer" in text_of(app, "#log-detail")


async def test_create_edit_and_remove_a_lesson(store):
    app = RegisterHarness(store, LessonsLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LessonForm)
        assert app.screen.query_one("#field-lesson_date").value == "2022-03-15"  # the status date
        await type_into(pilot, "#field-lesson", "Book venues early")
        choose(app, "workstream_id", 2)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LessonsLogScreen)
        new = store.query_one("SELECT * FROM lesson WHERE lesson = 'Book venues early'")
        assert (new["workstream_id"], new["lesson_date"]) == (2, "2022-03-15")
        assert rows_shown(app)[0][:4] == [f"L{new['id']}", "Book venues early", "", "RM"]
        await filter_to(pilot, "venues")
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#field-next_time")
        area.focus()
        await pilot.press(*"Book_a_month_ahead")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows_shown(app)[0][2] == "Book_a_month_ahead"
        await pilot.press("delete")
        await pilot.pause()
        await type_into(pilot, "#field-reason", "Merged into L1")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.table.total == 0
    logged = changes(store, "lesson", new["id"])
    assert [(c["action"], c["field"]) for c in logged if c["action"] != "create"] == [
        ("update", "next_time"),
        ("delete", ""),
    ]
    assert logged[-1]["reason"] == "Merged into L1"
