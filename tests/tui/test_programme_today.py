"""Quick dates and "done today" count from the programme's today: its status date when one is
fixed in the settings (the seeded programme's is 2022-03-15), else the calendar's."""

from datetime import date, timedelta

from t2025tui.core.services.programme import get_programme, update_programme
from tests.tui.conftest import SIZE, settle, type_text


async def add_board_in_a_week(app, pilot) -> None:
    await settle(pilot)
    await pilot.press("b")  # a new board meeting: its date is a quick date with no base
    await settle(pilot)
    await type_text(pilot, "+1w")


async def test_quick_dates_in_a_form_count_from_the_status_date(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await add_board_in_a_week(app, pilot)
        assert "Tue 22 Mar 2022" in str(app.screen.query_one("#hint-meeting_date").render())
        await pilot.press("enter")
        await settle(pilot)
    assert store.scalar("SELECT COUNT(*) FROM board_meeting WHERE meeting_date = '2022-03-22'") == 1


async def test_quick_dates_follow_the_calendar_when_no_status_date_is_fixed(app, store):
    update_programme(store, expected_version=get_programme(store)["version"], status_date=None)
    in_a_week = (date.today() + timedelta(days=7)).isoformat()
    async with app.run_test(size=SIZE) as pilot:
        await add_board_in_a_week(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert store.scalar("SELECT COUNT(*) FROM board_meeting WHERE meeting_date = ?", (in_a_week,)) == 1


async def test_done_today_is_the_status_date(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "2022-03-15" in str(app.screen.query_one("#form-title").render())
        await pilot.press("y")
        await settle(pilot)
    assert store.scalar("SELECT actual_date FROM milestone WHERE id = 1") == "2022-03-15"


async def test_done_today_follows_the_calendar_when_no_status_date_is_fixed(app, store):
    update_programme(store, expected_version=get_programme(store)["version"], status_date=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")  # stand-up's d marks done at once
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
    done = store.query("SELECT actual_date FROM milestone WHERE actual_date = ?", (date.today().isoformat(),))
    assert len(done) == 1
