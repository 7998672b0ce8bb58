"""The in-app export: ExportModal(store) asks for the path, writes the pack in a worker and
dismisses with where it went; problems are shown in the modal."""

from datetime import date
from pathlib import Path

import openpyxl
from textual.app import App
from textual.widgets import Input, Label, ProgressBar

from t2025tui.tui.modals.export import ExportModal

UNSET = object()


class Host(App):
    """Stands in for the t2025 app: it has a `.store` and pushes the modal."""

    def __init__(self, store):
        super().__init__()
        self.store = store
        self.result = UNSET

    def on_mount(self) -> None:
        self.push_screen(ExportModal(self.store), callback=self.finished)

    def finished(self, result) -> None:
        self.result = result


async def _run_export(pilot, app, path: str) -> None:
    app.screen.query_one("#field-path", Input).value = path
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_writes_the_pack_and_reports_where(store, tmp_path):
    app = Host(store)
    out = tmp_path / "board.xlsx"
    async with app.run_test(size=(120, 40)) as pilot:
        await _run_export(pilot, app, str(out))
    assert app.result == f"Pack written to {out}"
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Summary", "Workstreams"]


async def test_default_path_is_dated_in_the_documents_folder(store, isolated_user_dirs):
    documents = isolated_user_dirs / "Documents"
    documents.mkdir()
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        value = app.screen.query_one("#field-path", Input).value
        assert value == str(documents / f"futures-board-pack-{date.today().isoformat()}.xlsx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.result == f"Pack written to {value}"
    assert Path(value).is_file()


async def test_error_is_shown_in_the_modal_which_stays_open(store, tmp_path):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run_export(pilot, app, str(tmp_path / "missing" / "pack.xlsx"))
        assert isinstance(app.screen, ExportModal)
        error = str(app.screen.query_one("#error-path", Label).render())
        assert "does not exist; create it or choose another path" in error
        assert not app.screen.query_one("#field-path", Input).disabled
        # A corrected path then works.
        await _run_export(pilot, app, str(tmp_path / "pack.xlsx"))
    assert app.result == f"Pack written to {tmp_path / 'pack.xlsx'}"


async def test_not_xlsx_is_refused_before_exporting(store, tmp_path):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run_export(pilot, app, str(tmp_path / "pack.pdf"))
        assert "ending in .xlsx" in str(app.screen.query_one("#error-path", Label).render())
    assert not (tmp_path / "pack.pdf").exists()
    assert app.result is UNSET


async def test_escape_cancels_without_writing(store, tmp_path):
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "pack.xlsx")
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None
    assert not (tmp_path / "pack.xlsx").exists()


async def test_progress_bar_reaches_the_end(store, tmp_path):
    app = Host(store)
    seen = []
    async with app.run_test(size=(120, 40)) as pilot:
        modal = app.screen
        bar = modal.query_one("#export-progress", ProgressBar)
        original = modal._show_progress

        def spy(done, total, what):
            original(done, total, what)
            seen.append((bar.progress, bar.total, what))

        modal._show_progress = spy
        await _run_export(pilot, app, str(tmp_path / "pack.xlsx"))
    assert seen[0] == (0, 20, "Reading the programme")
    assert ("Writing Finance") in [what for _, _, what in seen]
    assert seen[-1] == (20, 20, "Done")


async def test_escape_while_writing_waits_for_the_pack(store, tmp_path, monkeypatch):
    import threading

    from t2025tui.core.export import export_pack as real_export

    release = threading.Event()

    def slow_export(store_, target, **kwargs):
        release.wait(5)
        return real_export(store_, target, **kwargs)

    monkeypatch.setattr("t2025tui.tui.modals.export.export_pack", slow_export)
    app = Host(store)
    out = tmp_path / "pack.xlsx"
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#field-path", Input).value = str(out)
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)  # not dismissed while the file is being written
        assert "Finishing the export" in str(app.screen.query_one("#export-status", Label).render())
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.result == f"Pack written to {out}"


async def test_an_unexpected_failure_is_shown_not_raised(store, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("t2025tui.tui.modals.export.export_pack", broken)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run_export(pilot, app, str(tmp_path / "pack.xlsx"))
        assert isinstance(app.screen, ExportModal)
        assert "Export failed unexpectedly: RuntimeError: boom" in str(
            app.screen.query_one("#error-path", Label).render()
        )
    assert app.result is UNSET
