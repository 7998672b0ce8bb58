"""The history screen names who made each change (in view at 80x24) and undoes a selected change:
this window's at once, another's after a question naming who made it and when, refused with the
reason when the record changed since."""

import pytest
from textual.widgets import Label

from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store
from t2025tui.core.who import acting_as
from t2025tui.tui.app import T2025App
from t2025tui.tui.modals.confirm import ConfirmModal
from t2025tui.tui.screens.history import HistoryScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.conftest import notifications, settle, workstream
from tests.tui.test_small_terminals import columns_in_view

SIZE = (120, 40)


@pytest.fixture
def app(store):
    return T2025App(store, poll_seconds=0)


@pytest.fixture
def other_window(seeded_db_path):
    """A second connection to the same file, as another t2025 window would have."""
    second = open_store(seeded_db_path)
    yield second
    second.close()


def _commentary_elsewhere(other_window, who, text, code="RM"):
    row = workstream(other_window, code)
    with acting_as(who):
        set_commentary(other_window, row["id"], text, expected_version=row["version"])


async def _history(pilot) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("8")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_who_column_is_in_view_at_80x24_with_names_giving_way(app, other_window):
    _commentary_elsewhere(other_window, "Roberta Longsurname-Deputy", "Bob's words")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _history(pilot)
        grid = screen.query_one(PagedTable).grid
        shown = columns_in_view(grid)
        # The change itself stays in view; the names gave way for it.
        assert shown == ["When", "Who", "Type", "Record", "Action", "Field", "Old"]
        assert str(grid.get_cell_at((0, 1))) == "Roberta Longsurname-Deputy"
        widths = {str(c.label): c.get_render_width(grid) for c in grid.columns.values()}
        assert widths["Who"] < len("Roberta Longsurname-Deputy") and widths["When"] >= len("2022-03-15 09:00")
        keys = str(screen.query_one(KeyBar).render())
        assert " f1 Help " in keys and " u Undo this " in keys
        assert "by Roberta Longsurname-Deputy" in str(screen.query_one("#history-detail").render())


async def test_undo_of_another_windows_change_asks_who_and_when_then_undoes(app, store, other_window):
    before = workstream(store, "RM")["commentary"]
    _commentary_elsewhere(other_window, "Bob Deputy", "Bob's words")
    at = store.scalar("SELECT at FROM change_batch ORDER BY id DESC LIMIT 1")[:16].replace("T", " ")
    async with app.run_test(size=SIZE) as pilot:
        await _history(pilot)
        await pilot.press("u")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        question = str(modal.query_one("#form-title", Label).render())
        assert question == f"Undo Bob Deputy's change of {at}: commentary of Resource Management?"
        await pilot.press("n")  # kept
        await settle(pilot)
        assert workstream(store, "RM")["commentary"] == "Bob's words"

        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert workstream(store, "RM")["commentary"] == before
        assert notifications(app)[-1] == "Undo: commentary of Resource Management"
        undone = store.query_one("SELECT * FROM change_batch ORDER BY id DESC LIMIT 1")
        assert undone["action"] == "undo" and undone["who"] != "Bob Deputy"
        # the history shows the undo at the top, by whoever made it here
        top = app.screen.query_one(PagedTable).rows[0]
        assert top["batch_action"] == "undo" and top["who"] == undone["who"]


async def test_undo_from_history_is_refused_when_the_record_changed_since(app, store, other_window):
    _commentary_elsewhere(other_window, "Bob Deputy", "Bob's words")
    _commentary_elsewhere(other_window, "Carol Lead", "Carol's words")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _history(pilot)
        await pilot.press("down")  # Bob's change, under Carol's
        await settle(pilot)
        assert screen.query_one(PagedTable).current_row["who"] == "Bob Deputy"
        await pilot.press("u")
        await settle(pilot)
        assert "Bob Deputy's change" in str(app.screen.query_one("#form-title", Label).render())
        await pilot.press("y")
        await settle(pilot)
        assert (
            "Cannot undo: the commentary of Resource Management was changed since by Carol Lead"
            in (notifications(app)[-1])
        )
        assert workstream(store, "RM")["commentary"] == "Carol's words"


async def test_undo_of_this_windows_change_from_history_needs_no_question(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "g", "enter")  # this window: Force Control Room Amber -> Green
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"
        await _history(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        assert workstream(store, "FCR")["rag"] == "Amber"
        assert notifications(app)[-1].startswith("Undo: ")


async def test_undo_of_own_change_made_in_another_window_still_asks(app, store, other_window):
    row = workstream(other_window, "RM")
    set_commentary(other_window, row["id"], "mine, elsewhere", expected_version=row["version"])
    async with app.run_test(size=SIZE) as pilot:
        await _history(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "made in another window" in str(app.screen.query_one("#form-title", Label).render())
        await pilot.press("escape")
        await settle(pilot)
        assert workstream(store, "RM")["commentary"] == "mine, elsewhere"
