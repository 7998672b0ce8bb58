"""Dependencies through the keys: added from the log and from a milestone in workstream detail
(across workstreams), a loop refused beside the field with the loop named, flagged when at risk,
removed with a reason."""

from t2025tui.core.services import dependencies
from t2025tui.tui.modals.dependency_form import DependencyForm
from t2025tui.tui.modals.reason import ReasonPrompt
from t2025tui.tui.screens.dependencies_log import DependenciesLogScreen
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import notifications
from tests.tui.logs_helpers import (
    RegisterHarness,
    changes,
    error_text,
    rows_shown,
    settle,
    text_of,
    type_into,
)

SIZE = (120, 40)


def milestone(store, ref: str) -> dict:
    return store.query_one("SELECT * FROM milestone WHERE ref = ?", (ref,))


def links(store) -> list[tuple[str, str]]:
    return [
        (r["m"], r["n"])
        for r in store.query(
            "SELECT m.ref AS m, n.ref AS n FROM milestone_dependency d JOIN milestone m ON m.id = d.milestone_id"
            " JOIN milestone n ON n.id = d.needs_milestone_id ORDER BY d.id"
        )
    ]


async def add_through_form(pilot, first: str, needs: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DependencyForm)
    await type_into(pilot, "#field-milestone", first)
    await type_into(pilot, "#field-needs", needs)
    await pilot.press("enter")
    await settle(pilot)


async def test_add_across_workstreams_then_a_loop_is_refused_naming_it(store):
    app = RegisterHarness(store, DependenciesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_through_form(pilot, "FCR-M01", "RM-M01")
        assert isinstance(app.screen, DependenciesLogScreen)
        shown = rows_shown(app)
        assert [(r[0], r[3]) for r in shown] == [("FCR-M01", "RM-M01")]
        assert "FCR-M01 (FCR) needs RM-M01 (RM) done first" in text_of(app, "#log-detail")
        await add_through_form(pilot, "VUL-M01", "FCR-M01")  # a chain: VUL-M01 -> FCR-M01 -> RM-M01
        await add_through_form(pilot, "RM-M01", "VUL-M01")  # would close the loop
        assert isinstance(app.screen, DependencyForm)  # still open, with what was typed
        message = error_text(app, "needs")
        assert "would make a loop (RM-M01 needs VUL-M01 needs FCR-M01 needs RM-M01)" in message
        assert app.screen.query_one("#field-milestone").value == "RM-M01"
        await pilot.press("escape")
        await settle(pilot)
        assert len(rows_shown(app)) == 2
    assert links(store) == [("FCR-M01", "RM-M01"), ("VUL-M01", "FCR-M01")]
    dependency_id = store.scalar("SELECT MIN(id) FROM milestone_dependency")
    assert changes(store, "milestone_dependency", dependency_id)[0]["action"] == "create"


async def test_an_unknown_ref_is_refused_beside_its_field_with_close_matches(store):
    app = RegisterHarness(store, DependenciesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_through_form(pilot, "FCR-M1", "RM-M01")
        assert isinstance(app.screen, DependencyForm)
        assert "did you mean FCR-M01" in error_text(app, "milestone")
        assert app.screen.query_one("#field-needs").value == "RM-M01"
    assert links(store) == []


async def test_itself_is_refused(store):
    app = RegisterHarness(store, DependenciesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_through_form(pilot, "FCR-M01", "FCR-M01")
        assert isinstance(app.screen, DependencyForm)
        assert "cannot depend on itself" in error_text(app, "needs")
    assert links(store) == []


async def test_a_dependency_needing_a_later_milestone_is_flagged_at_risk(store):
    first, later = milestone(store, "VUL-M01"), milestone(store, "VUL-M03")
    assert (first["forecast_date"] or first["baseline_date"]) < (
        later["forecast_date"] or later["baseline_date"]
    )
    app = RegisterHarness(store, DependenciesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await add_through_form(pilot, "VUL-M01", "VUL-M03")
        assert rows_shown(app)[0][6] == "at risk"
        assert "At risk 1" in text_of(app, "#log-summary")
        assert any("dependency at risk" in n for n in notifications(app))


async def test_remove_with_a_reason_and_undo(store):
    dependencies.add_dependency(store, milestone(store, "FCR-M01")["id"], milestone(store, "RM-M01")["id"])
    app = RegisterHarness(store, DependenciesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ReasonPrompt)
        assert "FCR-M01 needs RM-M01" in app.screen.title_text
        await type_into(pilot, "#field-reason", "Technology no longer waits on it")
        await pilot.press("enter")
        await settle(pilot)
        assert links(store) == [] and app.screen.table.total == 0
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert links(store) == [("FCR-M01", "RM-M01")] and app.screen.table.total == 1


async def test_from_a_milestone_in_workstream_detail(store):
    app = RegisterHarness(store, WorkstreamScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        selected = app.screen.selected_milestone()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DependencyForm)
        assert app.screen.query_one("#field-milestone").value == selected["ref"]
        await pilot.press(*"RM-M01", "enter")  # the needed milestone has the focus
        await settle(pilot)
        assert isinstance(app.screen, WorkstreamScreen)
        assert any(f"{selected['ref']} now needs RM-M01" in n for n in notifications(app))
    assert links(store) == [(selected["ref"], "RM-M01")]
