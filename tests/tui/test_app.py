"""The app shell: screens by key, undo/redo, outside changes, stale edits, signals, 80x24."""

import os
import signal

from textual.widgets import DataTable

from t2025tui.core.services.workstreams import set_workstream_rag, update_workstream
from t2025tui.tui.app import T2025App
from t2025tui.tui.commands import palette_entries
from t2025tui.tui.modals.rag_form import RagForm
from t2025tui.tui.registry import DIALOGS, SCREENS
from t2025tui.tui.screens.dashboard import DashboardScreen
from t2025tui.tui.screens.help import HelpScreen
from t2025tui.tui.screens.standup import StandupScreen
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import SIZE, notifications, settle, type_text, workstream


async def test_opens_on_the_dashboard_and_logs_time_to_first_screen(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.first_screen_seconds is not None and app.first_screen_seconds > 0
    log = (store.path.parent / "t2025-app.log").read_text()
    assert "first screen in" in log


async def test_number_keys_switch_screens(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, WorkstreamScreen)
        for name, entry in list(SCREENS.items())[2:]:
            await pilot.press(entry.key)
            await settle(pilot)
            assert type(app.screen) is entry.load(), name
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_undo_and_redo_a_rag_change_with_notifications(app, store):
    fcr = workstream(store, "FCR")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "g", "enter")  # Amber -> Green: better, no reason needed
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == fcr["rag"]
        assert notifications(app)[-1].startswith("Undo: Set RAG of Force Control Room to Green")
        table = app.screen.query_one("#workstreams", DataTable)
        assert str(table.get_cell_at((0, 0))).split()[0] == "Amber"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"
        assert notifications(app)[-1].startswith("Redo: Set RAG")
        assert store.scalar("SELECT COUNT(*) FROM change_batch WHERE action IN ('undo', 'redo')") == 2


async def test_undo_with_nothing_to_undo_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notifications(app)[-1] == "Nothing of this window's to undo."


async def test_outside_change_reloads_the_dashboard(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fcr = workstream(other_window, "FCR")
        set_workstream_rag(other_window, fcr["id"], "Red", "Supplier failed", expected_version=fcr["version"])
        app.check_for_outside_changes()  # what the 1.5 s timer does
        await settle(pilot)
        table = app.screen.query_one("#workstreams", DataTable)
        assert str(table.get_cell_at((0, 0))).split()[0] == "Red"


async def test_outside_change_is_noticed_by_the_timer(store, other_window):
    app = T2025App(store, poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ris = workstream(other_window, "RIS")
        set_workstream_rag(other_window, ris["id"], "Amber", "Backlog", expected_version=ris["version"])
        await pilot.pause(0.6)
        await settle(pilot)
        table = app.screen.query_one("#workstreams", DataTable)
        assert str(table.get_cell_at((3, 0))).split()[0] == "Amber"


async def test_busy_database_gives_a_friendly_message_and_saves_nothing(app, store, other_window):
    store.conn.execute("PRAGMA busy_timeout = 100")  # fail fast instead of waiting 5 s
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other_window.conn.execute("BEGIN IMMEDIATE")  # the other window is mid-save
        try:
            await pilot.press("r", "g", "enter")
            await settle(pilot)
        finally:
            other_window.conn.execute("ROLLBACK")
        assert notifications(app)[-1].startswith("The database is busy")
        assert workstream(store, "FCR")["rag"] == "Amber"


async def test_stale_edit_from_a_second_window_reloads_and_overwrites_nothing(app, store, other_window):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fcr = workstream(other_window, "FCR")
        update_workstream(
            other_window, fcr["id"], commentary="Written in the other window", expected_version=fcr["version"]
        )
        await pilot.press("r", "g", "enter")  # this window still shows the old version
        await settle(pilot)
        assert notifications(app)[-1].startswith("Changed elsewhere")
        row = workstream(store, "FCR")
        assert row["rag"] == "Amber" and row["commentary"] == "Written in the other window"
        await pilot.press("escape")  # the kept draft (tests/who/test_kept_draft.py) is not wanted
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Amber"
        # The reload picked up the new version, so doing it again now works.
        await pilot.press("r", "g", "enter")
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"


async def test_markup_and_control_characters_in_data_are_shown_literally(store):
    fcr = workstream(store, "FCR")
    update_workstream(store, fcr["id"], name="[bold]x[/]", lead="[/]", expected_version=fcr["version"])
    rm = workstream(store, "RM")
    update_workstream(store, rm["id"], commentary="[red]alarm[/red] \x1b[31m", expected_version=rm["version"])
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#workstreams", DataTable)
        assert str(table.get_cell_at((0, 2))) == "[bold]x[/]"
        assert str(table.get_cell_at((0, 3))) == "[/]"
        assert not table.get_cell_at((0, 2)).spans and not table.get_cell_at((0, 2)).style
        await pilot.press("r", "r")
        await type_text(pilot, "[/] broke")
        await pilot.press("enter")
        await settle(pilot)
        assert workstream(store, "FCR")["rag_reason"] == "[/] broke"
        assert "[bold]x[/]: RAG Amber → Red" in notifications(app)[-1]
        await pilot.press("2")  # detail: name, lead and reason drawn literally
        await settle(pilot)
        assert "[bold]x[/]" in str(app.screen.query_one("#ws-title").render())
        await pilot.press("full_stop")
        await settle(pilot)
        commentary = str(app.screen.query_one("#ws-commentary").render())
        assert "[red]alarm[/red]" in commentary and "\x1b" not in commentary


async def test_sigterm_exits_cleanly_with_128_plus_signal(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        os.kill(os.getpid(), signal.SIGTERM)
        await pilot.pause(0.2)
    assert app.return_code == 128 + signal.SIGTERM


async def test_works_at_80_by_24(app, store):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#workstreams", DataTable)
        assert table.region.height >= 6 and table.region.y + 3 < 24
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.asking_reason
        reason_box = app.screen.query_one("#reason-input")
        assert reason_box.region.height == 1 and reason_box.region.bottom <= 24
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RagForm)
        assert app.screen.query_one("#field-reason").region.bottom <= 24


async def test_help_lists_every_binding(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        from t2025tui.tui.modals.confirm import ConfirmModal
        from t2025tui.tui.modals.form import Form
        from t2025tui.tui.widgets.choice_set import ChoiceSet
        from t2025tui.tui.widgets.key_table import KeyTable
        from t2025tui.tui.widgets.paged_table import FilterInput, PageGrid
        from t2025tui.tui.widgets.reason_bar import ReasonBar

        for screen_class in (
            T2025App,
            DashboardScreen,
            WorkstreamScreen,
            StandupScreen,
            Form,
            RagForm,
            ConfirmModal,
            HelpScreen,
            PageGrid,
            FilterInput,
            KeyTable,
            ChoiceSet,
            ReasonBar,
        ):
            for binding in screen_class.BINDINGS:
                assert binding.description in text, binding.id
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


def test_every_binding_has_an_id_and_a_description():
    from t2025tui.tui.modals.confirm import ConfirmModal
    from t2025tui.tui.modals.form import Form
    from t2025tui.tui.widgets.reason_bar import ReasonBar

    for owner in (
        T2025App,
        DashboardScreen,
        WorkstreamScreen,
        StandupScreen,
        HelpScreen,
        Form,
        RagForm,
        ConfirmModal,
        ReasonBar,
    ):
        for binding in owner.BINDINGS:
            assert binding.id and binding.description, (owner.__name__, binding.key)


async def _run_from_palette(pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await type_text(pilot, text)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(pilot)


async def test_command_palette_lists_every_action_and_runs_them(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [entry[0] for entry in palette_entries(app, app.screen)]
        for binding in [*T2025App.BINDINGS, *DashboardScreen.BINDINGS]:
            assert any(title.startswith(binding.description) for title in titles), binding.id
        await _run_from_palette(pilot, "programme rag")
        assert type(app.screen).__name__ == "ProgrammeRagForm"  # a dashboard action, run on the dashboard
        await pilot.press("escape")
        await _run_from_palette(pilot, "stand-up")
        assert isinstance(app.screen, StandupScreen)


async def test_the_palette_offers_the_screens_actions_and_the_apps_even_where_a_key_is_shared(app):
    """On the recommendations screen, whose own keys are in front, the palette still lists and runs
    the app's actions (the committee report's text) beside the screen's (its status move)."""
    from t2025tui.tui.modals.report_text import ReportTextModal

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        titles = [entry[0] for entry in palette_entries(app, app.screen)]
        assert "Status (Recommendations)" in titles and "Report text" in titles
        assert "Dashboard" in titles  # a number key's screen, blocked only while a dialog is up
        await _run_from_palette(pilot, "report text")
        assert isinstance(app.screen, ReportTextModal)


async def test_export_and_import_keys_open_their_dialogs(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, name in (("ctrl+e", "export"), ("ctrl+o", "import")):
            await pilot.press(key)
            await settle(pilot)
            assert type(app.screen) is DIALOGS[name].load()
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)


def test_start_up_does_not_import_heavy_modules(seeded_db_path):
    """openpyxl and the registers load only when used, so the first screen comes quickly."""
    import subprocess
    import sys

    script = (
        "import asyncio, sys\n"
        "from t2025tui.core.store import open_store\n"
        "from t2025tui.tui.app import T2025App\n"
        "async def main():\n"
        f"    app = T2025App(open_store({str(seeded_db_path)!r}), poll_seconds=0)\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        assert app.first_screen_seconds is not None\n"
        "asyncio.run(main())\n"
        "heavy = [m for m in ('openpyxl', 'python_calamine', 't2025tui.tui.screens.risks',"
        " 't2025tui.tui.screens.standup') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


async def test_an_empty_programme_opens_and_every_screen_copes(tmp_path):
    from t2025tui.commands.init import create_programme

    empty = create_programme(tmp_path / "empty.db", empty_name="[b]New[/b] programme")
    try:
        app = T2025App(empty, poll_seconds=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "[b]New[/b] programme" in str(app.screen.query_one("#programme-title").render())
            assert app.screen.query_one("#workstreams", DataTable).row_count == 0
            await pilot.press("r", "c", "n", "enter")  # nothing selected: nothing opens
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("2")
            await settle(pilot)
            assert "No workstreams yet" in str(app.screen.query_one("#ws-title").render())
            await pilot.press("1", "s")
            await settle(pilot)
            assert "No workstreams" in str(app.screen.query_one("#standup-title").render())
            await pilot.press("r", "]", "d", "space")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
    finally:
        empty.close()


async def test_an_unexpected_error_in_a_save_is_one_line_and_the_app_carries_on(app, store):
    def broken():
        raise RuntimeError("disk gremlin")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.save(broken, success="never")
        await settle(pilot)
        assert (
            notifications(app)[-1]
            == "Not saved: unexpected error RuntimeError: disk gremlin. Please report it."
        )
        await pilot.press("r", "g", "enter")
        await settle(pilot)
        assert workstream(store, "FCR")["rag"] == "Green"
