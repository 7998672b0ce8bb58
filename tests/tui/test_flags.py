"""The governance flags on the existing screens, driven by keys: a slip that breaks a dependency
flags the dependant (register, workstream detail, stand-up) and bringing it back clears it; an
action going overdue shows on the dashboard beside the suggested RAG and its rule, and goes when
it is done."""

from textual.widgets import DataTable, Static

from t2025tui.core.services import actions, dependencies, programme
from t2025tui.tui.screens.milestones import MilestonesScreen
from t2025tui.tui.screens.standup import StandupScreen
from t2025tui.tui.screens.workstream import WorkstreamScreen
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.conftest import SIZE, settle
from tests.tui.registers_harness import RegisterHarness, type_into


def _milestone(store, ref: str) -> dict:
    return store.query_one("SELECT * FROM milestone WHERE ref = ?", (ref,))


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _filter(pilot, fragment: str) -> dict:
    """Filter the register down to one milestone; the cursor is on it."""
    await pilot.press("slash")
    await type_into(pilot, "FilterInput", fragment)
    await pilot.press("enter")
    await settle(pilot)
    table = pilot.app.screen.query_one(PagedTable)
    assert table.total == 1, fragment
    return table.current_row


def _depends_cell(app) -> str:
    grid = app.screen.query_one(PagedTable).grid
    return str(grid.get_cell_at((0, len(grid.columns) - 1)))


async def test_a_slip_that_breaks_a_dependency_flags_the_dependant_in_the_register(store):
    # VUL-M03 (forecast 30 Apr 2022) needs VUL-M02 (1 Apr 2022): fine until VUL-M02 slips past it.
    dependencies.add_dependency(store, _milestone(store, "VUL-M03")["id"], _milestone(store, "VUL-M02")["id"])
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = await _filter(pilot, "Niche")
        assert row["waits_on"] is None and _depends_cell(app) == ""

        await _filter(pilot, "Longer term engagement")
        await pilot.press("f")
        await type_into(pilot, "#field-date", "2022-05-13")
        await type_into(pilot, "#field-reason", "trainer unavailable")
        await pilot.press("enter")
        await settle(pilot)
        assert _milestone(store, "VUL-M02")["forecast_date"] == "2022-05-13"

        row = await _filter(pilot, "Niche")
        assert row["waits_on"] == "VUL-M02" and _depends_cell(app) == "at risk"
        assert "Dependency at risk: needs VUL-M02" in _text(app, "#milestones-detail")

        # Brought back before the dependant's date: the flag goes.
        await _filter(pilot, "Longer term engagement")
        await pilot.press("f")
        await type_into(pilot, "#field-date", "2022-04-20")
        await pilot.press("enter")
        await settle(pilot)
        row = await _filter(pilot, "Niche")
        assert row["waits_on"] is None and _depends_cell(app) == ""
        assert "Dependency at risk" not in _text(app, "#milestones-detail")


async def test_detail_and_standup_show_the_dependency_and_it_goes_when_the_slip_is_undone(app, store):
    # VUL-M03 (30 Apr 2022) needs FCR-M01, forecast 30 June 2022: at risk from the start.
    dependencies.add_dependency(store, _milestone(store, "VUL-M03")["id"], _milestone(store, "FCR-M01")["id"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")  # stand-up starts at Force Control Room, which holds it up
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        flags = _text(app, "#standup-flags")
        assert "Suggested  Red  suggests Red: 1 milestone late beyond tolerance" in flags
        assert "Dependency at risk: VUL-M03 needs FCR-M01" in flags and "held up by this workstream" in flags
        await pilot.press("space", "space")  # on to Vulnerability, whose milestone waits
        await settle(pilot)
        flags = _text(app, "#standup-flags")
        assert "suggests Amber: 1 dependency at risk" in flags
        table = app.screen.query_one("#standup-milestones", DataTable)
        niche = [i for i, m in enumerate(app.screen.data["milestones"]) if m["ref"] == "VUL-M03"][0]
        assert str(table.get_cell_at((niche, 5))) == "at risk"
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("2")  # the detail of the workstream stand-up ended on
        await settle(pilot)
        assert isinstance(app.screen, WorkstreamScreen)
        assert "suggests Amber: 1 dependency at risk" in _text(app, "#ws-suggested")
        assert "Dependency at risk: VUL-M03 needs FCR-M01" in _text(app, "#ws-flags")
        table = app.screen.query_one("#ws-milestones", DataTable)
        niche = [i for i, m in enumerate(app.screen.data["milestones"]) if m["ref"] == "VUL-M03"][0]
        assert str(table.get_cell_at((niche, 5))) == "at risk"

        await pilot.press("comma", "comma")  # back to Force Control Room
        await settle(pilot)
        assert app.screen.data["workstream"]["code"] == "FCR"
        for _ in range(9):  # a week earlier each: 30 June -> 28 April, before VUL-M03's 30 April
            await pilot.press("left_square_bracket")
            await settle(pilot, rounds=2)
        assert _milestone(store, "FCR-M01")["forecast_date"] == "2022-04-28"
        assert "Dependency at risk" not in _text(app, "#ws-flags")
        await pilot.press("full_stop", "full_stop")
        await settle(pilot)
        assert app.screen.data["workstream"]["code"] == "VUL"
        assert "Dependency at risk" not in _text(app, "#ws-flags")
        assert "suggests Green" in _text(app, "#ws-suggested")
        table = app.screen.query_one("#ws-milestones", DataTable)
        assert all(str(table.get_cell_at((i, 5))) == "" for i in range(table.row_count))


def _row(app, code: str) -> list[str]:
    table = app.screen.query_one("#workstreams", DataTable)
    index = [row["code"] for row in app.screen.data["workstreams"]].index(code)
    return [str(cell) for cell in table.get_row_at(index)]


async def test_an_action_going_overdue_shows_on_the_dashboard_and_goes_when_done(app, store, other_window):
    ris = store.scalar("SELECT id FROM workstream WHERE code = 'RIS'")
    action = actions.create_action(
        store, title="Chase the crime clinics", owner="ACC", due_date="2022-03-20", workstream_id=ris
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _row(app, "RIS")[0].split() == ["Green", "G"]
        assert _row(app, "RIS")[-1] == "0 / 0 / 0"

        # The status date moves past the due date (in another window): the action is overdue.
        prog = other_window.query_one("SELECT version FROM programme WHERE id = 1")
        programme.update_programme(other_window, status_date="2022-03-25", expected_version=prog["version"])
        app.check_for_outside_changes()
        await settle(pilot)
        assert _row(app, "RIS")[0].split() == ["Green", "A"]  # of record Green, suggested Amber
        assert _row(app, "RIS")[-1] == "0 / 0 / 1"
        await pilot.press("j", "j", "j")  # FCR, RM, VUL, RIS
        await settle(pilot)
        assert "RIS" in _text(app, "#workstream-rule")
        assert "suggests Amber: 1 overdue action" in _text(app, "#workstream-rule")

        actions.set_action_status(other_window, action, "Done", "Clinics booked", expected_version=1)
        app.check_for_outside_changes()
        await settle(pilot)
        assert _row(app, "RIS")[0].split() == ["Green", "G"]
        assert _row(app, "RIS")[-1] == "0 / 0 / 0"
        assert "suggests Green" in _text(app, "#workstream-rule")
