"""The search screen: `/` on the dashboard and ctrl+f everywhere open it; results come as you
type; enter opens the record on its screen with the cursor on it, found even by a word in the
reason given for one of its changes."""

from textual.widgets import DataTable, Input, OptionList, Static

from t2025tui.core.services import milestones, projects, risks
from t2025tui.tui.screens.search import SearchScreen
from tests.tui.conftest import SIZE, settle, type_text


def ws_id(store, code):
    return store.scalar("SELECT id FROM workstream WHERE code = ?", (code,))


def version(store, table, row_id):
    return store.scalar(f"SELECT version FROM {table} WHERE id = ?", (row_id,))


async def search_for(pilot, text: str, key: str = "slash") -> SearchScreen:
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(pilot, text)
    await pilot.pause(0.3)  # the pause after typing
    await settle(pilot)
    return screen


def results(screen: SearchScreen) -> list[str]:
    options = screen.query_one("#search-results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_word_in_a_change_reason_finds_the_milestone_and_enter_opens_it(app, store):
    # Many milestones, so the one found is far down the register, past its first page.
    fcr = ws_id(store, "FCR")
    for n in range(150):
        milestones.create_milestone(store, workstream_id=fcr, title=f"Step {n}", forecast_date="2022-04-01")
    target = milestones.create_milestone(
        store, workstream_id=fcr, title="Radio cut-over", forecast_date="2030-01-01"
    )
    milestones.set_forecast(
        store,
        target,
        "2030-03-01",
        "Ofcom licence wrangle",
        expected_version=version(store, "milestone", target),
    )
    milestones.set_forecast(
        store, target, "2030-04-01", "Another month", expected_version=version(store, "milestone", target)
    )
    assert "wrangle" not in store.scalar("SELECT last_change_reason FROM milestone WHERE id = ?", (target,))

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await search_for(pilot, "wrangle")
        (shown,) = results(screen)
        assert "Radio cut-over" in shown and "change reason" in shown and "wrangle" in shown
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert app.current_mode == "milestones"
        row = app.screen.table.current_row
        assert row is not None and row["id"] == target
        assert app.screen.table.position > 100  # not on the first rows: the page around it was loaded


async def test_results_update_as_you_type_and_escape_closes(app, store):
    risks.create_risk(store, ref="R55", title="Quetzal supplier failure")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await search_for(pilot, "quetz", key="ctrl+f")
        assert any("R55" in line and "Quetzal" in line for line in results(screen))
        await type_text(pilot, "zzz")
        await pilot.pause(0.3)
        await settle(pilot)
        assert results(screen) == []
        assert "Nothing found" in str(screen.query_one("#search-status", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen) and app.current_mode == "dashboard"


async def test_a_closed_risk_opens_on_the_register_showing_all(app, store):
    risk_id = risks.create_risk(store, ref="R56", title="Ibis data breach")
    risks.close_risk(store, risk_id, "Treated", expected_version=version(store, "risk", risk_id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")  # the register shows open risks only, at first
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await type_text(pilot, "ibis")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert app.current_mode == "risks"
        assert app.screen.table.current_row["ref"] == "R56"


async def test_a_project_opens_on_its_workstream_with_the_cursor_on_it(app, store):
    rm = ws_id(store, "RM")
    project_id = projects.create_project(store, workstream_id=rm, name="Heron rota review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "heron")
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert app.current_mode == "workstream" and app.current_workstream_id == rm
        table = app.screen.query_one("#ws-projects", DataTable)
        assert app.screen.focused is table
        assert app.screen.data["projects"][table.cursor_row]["id"] == project_id


async def test_down_moves_through_the_results_while_typing_stays_in_the_box(app, store):
    fcr = ws_id(store, "FCR")
    first = milestones.create_milestone(store, workstream_id=fcr, title="Egret one")
    second = milestones.create_milestone(store, workstream_id=fcr, title="Egret two")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await search_for(pilot, "egret")
        assert isinstance(screen.focused, Input)
        await pilot.press("down")
        chosen = screen.hits[screen.query_one("#search-results", OptionList).highlighted]
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert app.screen.table.current_row["id"] == chosen.id
        assert {first, second} >= {chosen.id}


async def test_enter_straight_after_typing_opens_the_best_match_once_found(app, store):
    risk_id = risks.create_risk(store, ref="R57", title="Kittiwake vendor exit")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await type_text(pilot, "kittiwake")
        await pilot.press("enter")  # before the pause after typing has passed
        await pilot.pause(0.3)
        await settle(pilot, rounds=5)
        assert app.current_mode == "risks"
        assert app.screen.table.current_row["id"] == risk_id


async def test_a_note_and_a_workstream_open_on_workstream_detail(app, store):
    from t2025tui.core.services.workstreams import add_note

    ivm = ws_id(store, "IOM")
    note_id = add_note(store, ivm, "Spoke to the Plover team about caseloads")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "plover")
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert app.current_mode == "workstream" and app.current_workstream_id == ivm
        notes = app.screen.query_one("#ws-notes", DataTable)
        assert app.screen.focused is notes
        assert app.screen.data["notes"][notes.cursor_row]["id"] == note_id
        await pilot.press("1")
        await settle(pilot)
        name = store.scalar("SELECT name FROM workstream WHERE code = 'RM'")
        await search_for(pilot, name)
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert app.current_workstream_id == ws_id(store, "RM")


async def test_words_typed_in_a_burst_after_the_key_reach_the_box(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "r", "a", "d", "i", "o")  # r on the dashboard would set a RAG
        await pilot.pause(0.3)
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "radio"
