"""What reaches the terminal: plain notices, a full redraw after SIGCONT, no bidi controls."""

from textual.widgets import DataTable

from t2025tui.core.services.workstreams import update_workstream
from t2025tui.tui.app import T2025App
from tests.tui.conftest import SIZE, notifications, settle, workstream


async def test_ctrl_c_says_how_to_quit_without_markup(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        notice = notifications(app)[-1]
        assert notice == "Press ctrl+q to quit the app"
        assert "[" not in notice


async def test_the_whole_screen_is_painted_again_after_resume(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        painted = []
        screen = app.screen
        original = screen.refresh
        screen.refresh = lambda *regions, **kwargs: painted.append(regions) or original(*regions, **kwargs)
        app.app_resume_signal.publish(app)  # what Textual's driver does on SIGCONT
        await pilot.pause()
        assert any(screen.region in regions for regions in painted)


async def test_bidirectional_controls_in_names_never_reach_the_terminal(store):
    fcr = workstream(store, "FCR")
    update_workstream(store, fcr["id"], name="Force\u202eControl\u2066Room", expected_version=fcr["version"])
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        cell = str(app.screen.query_one("#workstreams", DataTable).get_cell_at((0, 2)))
        assert cell == "ForceControlRoom"
        await pilot.press("2")
        await settle(pilot)
        title = str(app.screen.query_one("#ws-title").render())
        assert "ForceControlRoom" in title and "\u202e" not in title
