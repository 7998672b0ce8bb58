"""Programme settings (key 0): each setting edited through keys, saved by the service with its
change-log row, and shown; the key messages added, edited, moved, removed and undone."""

from textual.widgets import DataTable, Static

from t2025tui.core.services.workstreams import set_workstream_rag
from t2025tui.tui.commands import palette_entries
from t2025tui.tui.modals.settings_form import KeyMessageForm, SettingsForm
from t2025tui.tui.screens.help import HelpScreen
from t2025tui.tui.screens.settings import SettingsScreen
from tests.tui.conftest import SIZE, notifications
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into

ROWS = [
    "name",
    "organisation",
    "reporting_period",
    "status_date",
    "rag_scale",
    "default_tolerance_days",
    "bands",
    "marking",
    "user_name",
]


def shown(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def setting_shown(app, key: str) -> str:
    return shown(app, "#settings-table")[ROWS.index(key)][1]


def error_text(app, name: str) -> str:
    return str(app.screen.query_one(f"#error-{name}", Static).render())


async def open_setting(pilot, key: str) -> None:
    table = pilot.app.screen.query_one("#settings-table", DataTable)
    table.focus()
    table.move_cursor(row=0)
    await pilot.pause()
    await pilot.press(*["j"] * ROWS.index(key), "e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsForm)


def message_texts(store) -> list[str]:
    return [r["text"] for r in store.query("SELECT text FROM key_message ORDER BY position, id")]


async def test_key_0_opens_settings_and_help_and_palette_name_it(store):
    from t2025tui.tui.app import T2025App

    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert setting_shown(app, "marking") == "OFFICIAL"
        assert setting_shown(app, "status_date") == "2022-03-15 (fixed, in the past)"
        titles = [entry[0] for entry in palette_entries(app, app.screen)]
        assert "Settings" in titles and "Add message (settings)" in titles
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("#help-text", Static).render())
        assert "app.settings" in help_text and "Add a key message" in help_text


async def test_status_date_fixed_then_following_today(store):
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "status_date")
        await type_into(pilot, "#field-status_date", "31/13/2022")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)  # refused in place, nothing saved
        assert error_text(app, "status_date")
        await type_into(pilot, "#field-status_date", "+2w")
        hint = str(app.screen.query_one("#hint-status_date", Static).render())
        assert "fixed at Tue 29 Mar 2022" in hint  # counted from the current status date
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "status_date") == "2022-03-29 (fixed, in the past)"
        assert store.scalar("SELECT status_date FROM programme") == "2022-03-29"
        row = log_rows(store, "programme", 1, "status_date")[-1]
        assert (row["old"], row["new"]) == ("2022-03-15", "2022-03-29")

        await open_setting(pilot, "status_date")
        await type_into(pilot, "#field-status_date", "today")
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "status_date").startswith("follows today (")
    assert store.scalar("SELECT status_date FROM programme") is None
    assert log_rows(store, "programme", 1, "status_date")[-1]["new"] is None


async def test_text_settings_and_your_name_recorded_as_who(store):
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "name")
        await type_into(pilot, "#field-name", "")
        await pilot.press("enter")
        await pilot.pause()
        assert "required" in error_text(app, "name")
        await type_into(pilot, "#field-name", "T2026 Change Programme")
        await pilot.press("enter")
        await settle(pilot)
        await open_setting(pilot, "reporting_period")
        await type_into(pilot, "#field-reporting_period", "2022/23 Q1")
        await pilot.press("enter")
        await settle(pilot)
        await open_setting(pilot, "user_name")
        await type_into(pilot, "#field-user_name", "Supt A. Smith")
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "name") == "T2026 Change Programme"
        assert setting_shown(app, "reporting_period") == "2022/23 Q1"
        assert setting_shown(app, "user_name") == "Supt A. Smith"
        await open_setting(pilot, "organisation")
        await type_into(pilot, "#field-organisation", "Durham Constabulary")
        await pilot.press("enter")
        await settle(pilot)
    programme = store.query_one("SELECT * FROM programme")
    assert (programme["name"], programme["organisation"]) == ("T2026 Change Programme", "Durham Constabulary")
    assert log_rows(store, "programme", 1, "name")[-1]["new"] == "T2026 Change Programme"
    # Changes after the name was set are recorded as made by that person.
    last = store.query_one("SELECT * FROM change_batch ORDER BY id DESC LIMIT 1")
    assert log_rows(store, "programme", 1, "organisation")[-1]["batch_id"] == last["id"]
    assert last["who"] == "Supt A. Smith"


async def test_numbers_are_checked_where_typed(store):
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "default_tolerance_days")
        await type_into(pilot, "#field-default_tolerance_days", "-3")
        await pilot.press("enter")
        await pilot.pause()
        assert "between 0 and 3650" in error_text(app, "default_tolerance_days")
        await type_into(pilot, "#field-default_tolerance_days", "10")
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "default_tolerance_days") == "10 days (default)"

        await open_setting(pilot, "bands")
        await type_into(pilot, "#field-band_amber_min", "16")
        await pilot.press("enter")
        await pilot.pause()
        assert "Amber must start below Red" in error_text(app, "band_red_min")
        assert store.scalar("SELECT band_amber_min FROM programme") == 5
        await type_into(pilot, "#field-band_amber_min", "6")
        await type_into(pilot, "#field-band_red_min", "16")
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "bands").startswith("Green 1-5, Amber 6-15, Red 16-25")
    programme = store.query_one("SELECT * FROM programme")
    assert (programme["default_tolerance_days"], programme["band_amber_min"], programme["band_red_min"]) == (
        10,
        6,
        16,
    )
    assert log_rows(store, "programme", 1, "band_red_min")[-1]["old"] == 15


async def test_marking_offers_the_usual_values(store):
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "marking")
        await type_into(pilot, "#field-marking", "OFFICIAL-S")
        await pilot.pause(0.2)  # the suggestion is looked up in a worker
        await pilot.press("right")  # takes the suggestion
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "marking") == "OFFICIAL-SENSITIVE"
        await open_setting(pilot, "marking")
        await type_into(pilot, "#field-marking", "OFFICIAL - Police use only")  # free text too
        await pilot.press("enter")
        await settle(pilot)
    assert store.scalar("SELECT marking FROM programme") == "OFFICIAL - Police use only"
    assert log_rows(store, "programme", 1, "marking")[-1]["old"] == "OFFICIAL-SENSITIVE"


async def test_rag_scale_shows_definitions_and_refuses_3_point_while_a_record_is_5_point_only(store):
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "rag_scale")
        await pilot.press("right", "space")  # the 5-point scale
        await pilot.pause()
        intro = str(app.screen.query_one("#form-intro", Static).render())
        assert "Amber/Green: Successful delivery appears probable" in intro
        await pilot.press("enter")
        await settle(pilot)
        assert setting_shown(app, "rag_scale").startswith("5-point")
        assert "Amber/Red: Successful delivery is in doubt" in str(
            app.screen.query_one("#rag-definitions", Static).render()
        )
        fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
        set_workstream_rag(store, fcr["id"], "Amber/Red", "Supplier slipped", expected_version=fcr["version"])

        await open_setting(pilot, "rag_scale")
        await pilot.press("left", "enter")  # the 3-point scale, and save
        await settle(pilot)
        # Refused: the form is open again, the records named beside the field.
        assert isinstance(app.screen, SettingsForm)
        message = error_text(app, "rag_scale")
        assert "workstream FCR (Amber/Red)" in message and "Red, Amber or Green first" in message
        await pilot.press("escape")
        await settle(pilot)
        assert setting_shown(app, "rag_scale").startswith("5-point")
    assert store.scalar("SELECT rag_scale FROM programme") == 5
    assert [r["new"] for r in log_rows(store, "programme", 1, "rag_scale")] == [5]


async def test_key_messages_add_edit_move_remove_and_undo(store):
    before = message_texts(store)
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, KeyMessageForm)
        await type_into(pilot, "#field-text", "Body-worn video is live in two districts")
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#key-messages")[-1] == ["6", "Body-worn video is live in two districts"]
        assert message_texts(store)[-1] == "Body-worn video is live in two districts"

        await pilot.press("e")  # the new message is selected and the list has the focus
        await pilot.pause()
        await type_into(pilot, "#field-text", "Body-worn video is live in all {workstreams} districts")
        await pilot.press("enter")
        await settle(pilot)
        new_id = store.scalar("SELECT id FROM key_message WHERE text LIKE 'Body-worn%'")
        assert log_rows(store, "key_message", new_id, "text")[-1]["old"] == (
            "Body-worn video is live in two districts"
        )

        await pilot.press("K")
        await settle(pilot)
        assert message_texts(store)[4].startswith("Body-worn")
        await pilot.press("m")
        await pilot.pause()
        await type_into(pilot, "#field-position", "9")
        await pilot.press("enter")
        await pilot.pause()
        assert "between 1 and 6" in error_text(app, "position")
        await type_into(pilot, "#field-position", "1")
        await pilot.press("enter")
        await settle(pilot)
        assert message_texts(store)[0].startswith("Body-worn") and message_texts(store)[1:] == before
        assert shown(app, "#key-messages")[0][1].startswith("Body-worn")
        assert app.screen.query_one("#key-messages", DataTable).cursor_row == 0

        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "required" in error_text(app, "reason")  # a removal needs a reason
        await type_into(pilot, "#field-reason", "Not agreed for the board")
        await pilot.press("enter")
        await settle(pilot)
        assert message_texts(store) == before
        assert len(shown(app, "#key-messages")) == 5
        removed = log_rows(store, "key_message", new_id, "")
        assert removed[-1]["action"] == "delete" and removed[-1]["reason"] == "Not agreed for the board"

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert message_texts(store)[0].startswith("Body-worn video is live in all")
        assert shown(app, "#key-messages")[0][1].startswith("Body-worn")
        assert any("Undid" in note or "undo" in note.lower() for note in notifications(app))


async def test_empty_programme_says_how_to_add_the_first_message(tmp_path):
    from t2025tui.commands.init import create_programme

    empty = create_programme(tmp_path / "empty.db", empty_name="Change Programme")
    try:
        app = RegisterHarness(empty, SettingsScreen)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            heading = str(app.screen.query_one("#key-messages-heading").render())
            assert "none yet (n adds one)" in heading
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, SettingsScreen)
            assert any("press n to add one" in note for note in notifications(app))
    finally:
        empty.close()


async def test_at_80x24_the_key_line_keeps_f1_and_the_values_fit(store):
    from t2025tui.tui.widgets.key_bar import KeyBar

    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = str(app.screen.query_one(KeyBar).render())
        assert " f1 Help " in keys and "e Edit" in keys
        table = app.screen.query_one("#settings-table", DataTable)
        width = sum(column.get_render_width(table) for column in table.columns.values())
        assert width <= table.scrollable_content_region.width  # no sideways scrolling for a value


async def test_a_setting_changed_in_another_window_is_not_overwritten_unasked(store, other_window):
    from t2025tui.core.services.programme import update_programme

    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "marking")
        update_programme(other_window, expected_version=None, marking="OFFICIAL-SENSITIVE")
        await type_into(pilot, "#field-marking", "SECRET")
        await pilot.press("enter")
        await settle(pilot)
        # Refused: the form is open again with what was typed and the other window's value.
        assert any("changed elsewhere" in note.lower() for note in notifications(app))
        assert isinstance(app.screen, SettingsForm)
        assert app.screen.query_one("#field-marking").value == "SECRET"
        assert "now: OFFICIAL-SENSITIVE" in str(app.screen.query_one("#hint-marking", Static).render())
        assert store.scalar("SELECT marking FROM programme") == "OFFICIAL-SENSITIVE"
        await pilot.press("enter")  # saved over it, knowingly
        await settle(pilot)
        assert setting_shown(app, "marking") == "SECRET"
    assert log_rows(store, "programme", 1, "marking")[-1]["old"] == "OFFICIAL-SENSITIVE"


async def test_an_arrow_then_enter_saves_the_choice_arrived_at(store):
    """The class: a choice's enter right after an arrow saves the new choice, not the old one
    (the button set's own bookkeeping comes a message later)."""
    app = RegisterHarness(store, SettingsScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_setting(pilot, "rag_scale")
        await pilot.press("right", "enter")
        await settle(pilot)
        assert setting_shown(app, "rag_scale").startswith("5-point")
    assert store.scalar("SELECT rag_scale FROM programme") == 5
    assert log_rows(store, "programme", 1, "rag_scale")[-1]["old"] == 3
