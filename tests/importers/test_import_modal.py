"""The import modal: pick a file, see the preview, confirm; errors stay in the modal."""

import pytest
from textual.app import App
from textual.widgets import Checkbox, Input, Label, Static

from t2025tui.tui.modals.import_file import ImportModal
from tests.importers.builders import messy_risk_log

SIZE = (120, 40)
UNSET = object()


class Host(App):
    CSS_PATH = "../../t2025tui/tui/app.tcss"

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.result = UNSET

    def on_mount(self) -> None:
        self.push_screen(ImportModal(self.store), self._keep)

    def _keep(self, value) -> None:
        self.result = value


async def _settle(pilot):
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _text(modal, selector) -> str:
    widget = modal.query_one(selector)
    return str(widget.render() if isinstance(widget, Label) else widget.visual)


async def _type_path(pilot, modal, path):
    modal.query_one("#field-path", Input).value = str(path)
    await pilot.pause()


async def test_preview_then_confirm_imports_and_dismisses_with_summary(store, tmp_path):
    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        await _type_path(pilot, modal, path)
        await pilot.press("enter")
        await _settle(pilot)
        assert host.result is UNSET
        shown = str(modal.query_one("#import-preview-text", Static).render())
        assert "header row 5" in shown and "+ create Risks row 6: risk R-01" in shown
        assert "Press enter to import" in _text(modal, "#import-status")
        assert store.scalar("SELECT COUNT(*) FROM risk WHERE ref LIKE 'R-0%'") == 0
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
    assert host.result == "Imported log.xlsx: 3 created, 0 changed."
    assert store.scalar("SELECT COUNT(*) FROM risk WHERE ref LIKE 'R-0%'") == 3


async def test_invalid_rows_block_until_skip_is_ticked(store, tmp_path):
    path = messy_risk_log(tmp_path / "log.xlsx")
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        await _type_path(pilot, modal, path)
        await pilot.press("enter")
        await _settle(pilot)
        assert "Risks!C10: likelihood 7 is not 1-5" in str(
            modal.query_one("#import-preview-text", Static).render()
        )
        await pilot.press("enter")
        await _settle(pilot)
        assert host.result is UNSET
        assert "1 invalid row(s): nothing will be written" in _text(modal, "#import-status")
        assert store.scalar("SELECT COUNT(*) FROM risk WHERE ref LIKE 'R-0%'") == 0
        modal.query_one("#skip-invalid", Checkbox).value = True
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
    assert host.result == "Imported log.xlsx: 3 created, 0 changed, 1 invalid rows skipped."


async def test_bad_file_message_shows_beside_the_path_and_escape_cancels(store, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        await _type_path(pilot, modal, path)
        await pilot.press("enter")
        await _settle(pilot)
        assert modal.errors["path"].startswith("old.xls is an old Excel 97-2003 (.xls) workbook")
        await pilot.press("escape")
        await pilot.pause()
    assert host.result is None


async def test_ctrl_o_in_the_app_opens_the_import_and_the_import_reaches_the_register(store, tmp_path):
    from t2025tui.tui.app import T2025App

    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+o")
        await _settle(pilot)
        modal = app.screen
        assert isinstance(modal, ImportModal)
        await _type_path(pilot, modal, path)
        await pilot.press("enter")
        await _settle(pilot)
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        assert not isinstance(app.screen, ImportModal)
        assert any("Imported log.xlsx: 3 created" in str(n.message) for n in app._notifications)
    assert store.scalar("SELECT COUNT(*) FROM change_batch WHERE action = 'import'") == 1


async def test_path_suggestions_offer_spreadsheets_and_folders(tmp_path):
    from t2025tui.tui.modals.import_file import PathSuggester

    (tmp_path / "SIT Risk Log.xlsx").write_bytes(b"")
    (tmp_path / "SIT notes.txt").write_text("")
    (tmp_path / "Sent").mkdir()
    suggester = PathSuggester()
    assert await suggester.get_suggestion(str(tmp_path / "SIT")) == str(tmp_path / "SIT Risk Log.xlsx")
    assert await suggester.get_suggestion(str(tmp_path / "Se")) == str(tmp_path / "Sent") + "/"
    assert await suggester.get_suggestion(str(tmp_path / "nothing")) is None


async def test_the_preview_shows_stored_values_and_a_column_can_be_remapped(store, tmp_path):
    from tests.importers.builders import write_workbook

    rows = [
        ["Ref", "Title", "Likelihood", "Workstream", "Contingency"],
        ["M-1", "Mapped", "High", "Old Control Room", "Plan B"],
    ]
    path = write_workbook(tmp_path / "log.xlsx", {"Risks": rows})
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        await _type_path(pilot, modal, path)
        await pilot.press("enter")
        await _settle(pilot)
        shown = str(modal.query_one("#import-preview-text", Static).render())
        assert "workstream 'Old Control Room' is not known" in shown
        modal.query_one("#field-map-workstreams", Input).value = "Old Control Room=FCR"
        modal.query_one("#field-map-columns", Input).value = "Contingency=ignore"
        await pilot.pause()
        assert not modal.query_one("#import-preview").display  # the old preview is gone
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        shown = str(modal.query_one("#import-preview-text", Static).render())
        assert "E 'Contingency' -> not imported" in shown and "mapped to FCR" in shown
        assert "inherent likelihood: 'High' -> '4'" in shown  # each value as it will be stored
        await pilot.press("enter")
        await _settle(pilot)
    assert host.result == "Imported log.xlsx: 1 created, 0 changed."
    risk = store.query_one("SELECT * FROM risk WHERE ref = 'M-1'")
    assert risk["workstream_id"] == store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    assert "Plan B" not in risk["notes"]


async def test_a_mapping_that_is_not_old_equals_new_is_shown_beside_its_box(store, tmp_path):
    path = messy_risk_log(tmp_path / "log.xlsx", invalid_row=False)
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        await _type_path(pilot, modal, path)
        modal.query_one("#field-map-columns", Input).value = "just words"
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        assert "is not OLD=NEW" in modal.errors["map-columns"]
        modal.query_one("#field-map-columns", Input).value = "ZZ=actions"
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        assert "no column 'ZZ' in the header row" in modal.errors["map-columns"]


@pytest.mark.parametrize(("bomb", "message"), [("merge_bomb", "unmerge the cells"), ("cell_bomb", "cells")])
async def test_a_hostile_file_is_refused_in_the_window_in_bounded_memory(store, tmp_path, bomb, message):
    import tracemalloc

    from tests.importers import hostile

    path = getattr(hostile, bomb)(tmp_path / "hostile.xlsx")
    host = Host(store)
    tracemalloc.start()
    try:
        async with host.run_test(size=SIZE) as pilot:
            await pilot.pause()
            modal = host.screen
            await _type_path(pilot, modal, path)
            await pilot.press("enter")
            await _settle(pilot)
            assert message in modal.errors["path"]
            assert modal.preview is None  # nothing of the file is kept once refused
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 300 * 1024 * 1024, f"peak {peak / 2**20:,.0f} MiB"


async def test_a_plan_imports_from_the_window(store, tmp_path):
    from textual.widgets import RadioButton

    from tests.importers.builders import write_workbook

    rows = [["Workstream", "Deliverable", "Due date"], ["Estates", "HQ lease signed", "31/03/2023"]]
    path = write_workbook(tmp_path / "tracker.xlsx", {"Plan": rows})
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        modal.query_one("#kind-plan", RadioButton).value = True
        await pilot.pause()
        assert not modal.query_one("#row-map-columns").display
        await _type_path(pilot, modal, path)
        modal.query_one("#field-path", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        shown = str(modal.query_one("#import-preview-text", Static).render())
        assert "+ create Plan!A2: workstream ESTA Estates" in shown
        assert "baseline date: '31/03/2023' -> '2023-03-31'" in shown
        await pilot.press("enter")
        await _settle(pilot)
    assert host.result == "Imported tracker.xlsx: 2 created, 0 changed."
    assert store.scalar("SELECT title FROM milestone WHERE title = 'HQ lease signed'")


async def test_a_damaged_file_gets_the_damaged_message_in_the_window(store, tmp_path):
    from tests.importers.test_damaged import ZIP_DAMAGE, _good

    path = tmp_path / "damaged.xlsx"
    path.write_bytes(ZIP_DAMAGE["bad CRC"](_good(tmp_path).read_bytes()))
    host = Host(store)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modal = host.screen
        await _type_path(pilot, modal, path)
        await pilot.press("enter")
        await _settle(pilot)
        message = modal.errors["path"]
        assert message.startswith("damaged.xlsx is damaged") and "save it again" in message
        assert "Could not read the file" not in message
