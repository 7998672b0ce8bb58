"""Editing the report text in the app: ctrl+t opens it (from every screen); drafts survive moving between sections;
ctrl+s saves one logged edit; a stale save keeps the draft; escape with drafts asks first."""

from textual.widgets import Label, OptionList, TextArea

from t2025tui.core.services.report_text import report_text, set_report_text
from t2025tui.tui.app import T2025App
from t2025tui.tui.modals.report_text import ReportTextModal
from tests.tui.conftest import SIZE, settle


def _status(screen) -> str:
    return str(screen.query_one("#report-text-status", Label).render())


async def _pick(pilot, screen, title: str) -> None:
    options = screen.query_one("#sections", OptionList)
    index = next(
        i for i in range(options.option_count) if str(options.get_option_at_index(i).prompt) == title
    )
    options.highlighted = index
    await pilot.pause()


async def _open(pilot, app) -> ReportTextModal:
    await settle(pilot)
    await pilot.press("ctrl+t")
    await settle(pilot)
    assert isinstance(app.screen, ReportTextModal)
    return app.screen


async def test_edit_and_save_a_section(store):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await _pick(pilot, screen, "Purpose")
        body = screen.query_one("#body", TextArea)
        assert body.text.startswith("The purpose of the report is to update members")
        body.load_text("First line\nSecond line")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Saved Purpose." in _status(screen)
    assert report_text(store, "purpose") == "First line\nSecond line"
    assert (
        store.scalar("SELECT summary FROM change_batch ORDER BY id DESC LIMIT 1")
        == "Edit report text: Purpose"
    )


async def test_drafts_survive_switching_and_closing_asks_first(store):
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await _pick(pilot, screen, "Workstream update: Force Control Room")
        screen.query_one("#body", TextArea).load_text("FCR draft")
        await pilot.pause()
        await _pick(pilot, screen, "Purpose")
        await _pick(pilot, screen, "Workstream update: Force Control Room")
        assert screen.query_one("#body", TextArea).text == "FCR draft"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportTextModal)
        assert "Unsaved changes in Workstream update: Force Control Room" in _status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportTextModal)
    assert (
        report_text(store, "workstream", store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")) == ""
    )


async def test_a_stale_save_is_refused_and_the_draft_is_kept(store, seeded_db_path):
    from t2025tui.core.store import open_store

    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app)
        await _pick(pilot, screen, "Conclusions")
        other = open_store(seeded_db_path)
        try:
            version = other.scalar("SELECT version FROM report_text WHERE section = 'conclusions'")
            set_report_text(other, "conclusions", "Other window's words", expected_version=version)
        finally:
            other.close()
        screen.query_one("#body", TextArea).load_text("My words")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Not saved" in _status(screen) and "another window" in _status(screen)
        assert screen.query_one("#body", TextArea).text == "My words"
        await pilot.press("ctrl+s")  # the reloaded version: saving again now succeeds
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert report_text(store, "conclusions") == "My words"


async def test_ctrl_t_opens_the_report_text_from_a_screen_whose_own_t_is_taken(store):
    """The recommendations screen's `t` moves a status; the report text is ctrl+t there too."""
    app = T2025App(store, poll_seconds=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ReportTextModal)
        assert "Report text" in str(app.screen.query_one("#form-title", Label).render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReportTextModal)
