"""The one screen base and the app's one poller: outside changes, forms in front, store errors."""

from textual.widgets import DataTable

from t2025tui.core.errors import T2025Error
from t2025tui.core.services.risks import update_risk
from t2025tui.core.services.workstreams import set_workstream_rag
from t2025tui.tui.modals.form import Form
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.screens.risks import RisksScreen
from tests.tui.conftest import SIZE, notifications, settle, workstream
from tests.tui.registers_harness import RegisterHarness


def rag_cell(app, row: int) -> str:
    """The RAG of record: the cell's first word (the suggested RAG's badge follows it)."""
    return str(app.screen.query_one("#workstreams", DataTable).get_cell_at((row, 0))).split()[0]


async def test_a_screen_under_an_open_form_reloads_when_the_form_closes(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        await pilot.press("c")  # commentary form over the dashboard
        await settle(pilot)
        assert isinstance(app.screen, Form)
        ris = workstream(other_window, "RIS")
        set_workstream_rag(other_window, ris["id"], "Red", "Backlog", expected_version=ris["version"])
        app.check_for_outside_changes()
        await settle(pilot)
        # Nothing redrawn behind the form ...
        assert str(dashboard.query_one("#workstreams", DataTable).get_cell_at((3, 0))).split()[0] == "Green"
        await pilot.press("escape")
        await settle(pilot)
        # ... and the change is shown once it closes.
        assert app.screen is dashboard and rag_cell(app, 3) == "Red"


async def test_a_register_notices_another_window_through_the_app_poller(store, other_window):
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen)
        risk = other_window.query_one("SELECT * FROM risk ORDER BY ref LIMIT 1")
        update_risk(other_window, risk["id"], expected_version=risk["version"], title="Renamed elsewhere")
        app.check_for_outside_changes()
        await settle(pilot)
        titles = [row["title"] for row in app.screen.table.rows]
        assert "Renamed elsewhere" in titles


async def test_a_store_error_in_the_poller_is_shown_once_and_the_app_carries_on(app, store, monkeypatch):
    def replaced(*_args):
        raise T2025Error("The database file was replaced or removed while the app had it open.")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(store, "data_version", replaced)
        app.check_for_outside_changes()
        app.check_for_outside_changes()
        await settle(pilot)
        shown = [n for n in notifications(app) if "replaced or removed" in n]
        assert len(shown) == 1
        monkeypatch.undo()
        await pilot.press("r", "g", "enter")
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"


def test_every_screen_is_built_on_the_base():
    from t2025tui.tui.registry import SCREENS, STANDUP

    for entry in (*SCREENS.values(), STANDUP):
        screen_class = entry.load()
        assert issubclass(screen_class, AppScreen), entry.title
        assert screen_class.read is not AppScreen.read, entry.title
        assert screen_class.show is not AppScreen.show or screen_class.show_header, entry.title
