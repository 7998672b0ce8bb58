"""The report from the app: ctrl+r (and the palette) opens the export dialog asking for a .docx;
it writes in a worker with a progress bar and says where the report went."""

from datetime import date
from pathlib import Path

import docx
from textual.widgets import Input, ProgressBar

from t2025tui.tui.app import T2025App
from t2025tui.tui.commands import palette_entries
from t2025tui.tui.modals.report import ReportModal
from tests.tui.conftest import SIZE, notifications, settle


async def _write(pilot, app, path: str) -> None:
    app.screen.query_one(Input).value = path
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_ctrl_r_writes_the_report_and_says_where(store, tmp_path):
    app = T2025App(store, poll_seconds=0)
    out = tmp_path / "committee.docx"
    progress_seen = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ReportModal)
        modal = app.screen
        real = modal._show_progress

        def watch(done, total, what):
            progress_seen.append((done, total, what, modal.query_one(ProgressBar).display))
            real(done, total, what)

        modal._show_progress = watch
        await _write(pilot, app, str(out))
        await settle(pilot)
        assert not isinstance(app.screen, ReportModal)
        assert f"Report written to {out}" in notifications(app)[-1]
    assert "1. Purpose" in [p.text for p in docx.Document(str(out)).paragraphs]
    assert progress_seen[-1][:3] == (4, 4, "Done") and all(shown for *_, shown in progress_seen)


async def test_the_palette_offers_the_report(store):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = {title: action for title, _help, _node, action in palette_entries(app, app.screen)}
        assert entries["Committee report"] == "report"


async def test_default_path_is_dated_and_a_wrong_suffix_is_refused_in_the_dialog(store, isolated_user_dirs):
    documents = isolated_user_dirs / "Documents"
    documents.mkdir()
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        value = app.screen.query_one(Input).value
        assert value == str(documents / f"audit-committee-report-{date.today().isoformat()}.docx")
        await _write(pilot, app, str(documents / "report.xlsx"))
        assert isinstance(app.screen, ReportModal)
        assert "give a file name ending in .docx" in _shown_text(app.screen)
        assert not (documents / "report.xlsx").exists()
        await _write(pilot, app, value)
        await settle(pilot)
    assert Path(value).is_file()


async def test_a_failure_is_shown_in_the_dialog_and_nothing_is_written(store, tmp_path):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await _write(pilot, app, str(tmp_path / "no" / "such" / "r.docx"))
        await settle(pilot)
        assert isinstance(app.screen, ReportModal)
        assert "does not exist" in _shown_text(app.screen)


def _shown_text(screen) -> str:
    from textual.widgets import Label, Static

    return " ".join(str(w.render()) for w in screen.query(Static) if isinstance(w, Label | Static))
