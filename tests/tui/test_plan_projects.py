"""Projects kept from the workstream detail: tab to the projects table, then a, e, m, delete
(A adds a project from anywhere on the screen)."""

from textual.widgets import DataTable

from t2025tui.tui.modals.project_form import ProjectForm
from t2025tui.tui.modals.remove_form import RemoveForm
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import SIZE, settle
from tests.tui.plan_helpers import batches, fill, logged, pick, save


def project(store, name: str) -> dict | None:
    return store.query_one("SELECT * FROM project WHERE name = ?", (name,))


def names_shown(screen) -> list[str]:
    table = screen.query_one("#ws-projects", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def on_projects(pilot, *move: str) -> WorkstreamScreen:
    """Workstream detail of Force Control Room, the focus on its projects table."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorkstreamScreen)
    await pilot.press("tab")
    assert screen.focused is screen.query_one("#ws-projects", DataTable)
    await pilot.press(*move)
    return screen


async def test_add_a_project_to_the_workstream_shown(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_projects(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ProjectForm)
        await fill(pilot, "name", "Body-worn video")
        await save(pilot)
        added = project(store, "Body-worn video")
        assert (added["workstream_id"], added["grouping"], added["status"]) == (1, "delivery", "active")
        assert logged(store, "project", added["id"], "create")
        assert "Body-worn video" in names_shown(screen)


async def test_de_scoping_a_project_needs_a_reason_which_is_kept(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_projects(pilot)  # FCMU/L&D Hub implementation
        await pilot.press("e")
        await settle(pilot)
        await pick(pilot, "status", "de-scoped")
        await fill(pilot, "name", "FCMU/L&D Hub")
        await save(pilot)
        assert isinstance(app.screen, ProjectForm)
        assert app.screen.error_of("reason") == "a reason is required for a de-scoped project"
        assert project(store, "FCMU/L&D Hub") is None  # nothing saved

        await fill(pilot, "reason", "Funding withdrawn")
        await save(pilot)
        edited = project(store, "FCMU/L&D Hub")
        assert (edited["status"], edited["status_reason"]) == ("de-scoped", "Funding withdrawn")
        assert len(batches(store, "Edit project%")) == 1  # name and status: one change, one undo
        assert "de-scoped" in str(screen.query_one("#ws-projects", DataTable).get_row_at(0)[2])


async def test_move_a_project_takes_its_milestones_and_undo_brings_both_back(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_projects(pilot, "down")  # FCR technology requirements, with FCR-M01
        await pilot.press("m")
        await settle(pilot)
        await pick(pilot, "to", 2)
        await fill(pilot, "reason", "Oracle carries the technology")
        await save(pilot)
        moved = project(store, "FCR technology requirements")
        assert moved["workstream_id"] == 2
        assert store.scalar("SELECT workstream_id FROM milestone WHERE ref = 'FCR-M01'") == 2
        assert "FCR technology requirements" not in names_shown(screen)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert project(store, "FCR technology requirements")["workstream_id"] == 1
        assert store.scalar("SELECT workstream_id FROM milestone WHERE ref = 'FCR-M01'") == 1


async def test_remove_a_project_with_milestones_refuses_or_moves_them(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_projects(pilot, "down")
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, RemoveForm)
        await fill(pilot, "reason", "Merged")
        await save(pilot)
        assert "has 1 milestone" in app.screen.error_of("move_to")
        assert project(store, "FCR technology requirements") is not None

        await pick(pilot, "move_to", 1)  # FCMU/L&D Hub implementation, same workstream
        await save(pilot)
        assert project(store, "FCR technology requirements") is None
        assert store.scalar("SELECT project_id FROM milestone WHERE ref = 'FCR-M01'") == 1
        removed = logged(store, "project", 2, "delete")
        assert removed[-1]["batch_reason"] == "Merged"
        assert "FCR technology requirements" not in names_shown(screen)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.scalar("SELECT project_id FROM milestone WHERE ref = 'FCR-M01'") == 2
        assert "FCR technology requirements" in names_shown(screen)
