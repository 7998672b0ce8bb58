"""Dashboard: what it shows, and each edit made from it through keys (saved and logged)."""

from textual.widgets import DataTable

from t2025tui.tui.modals.board_meeting import BoardMeetingForm
from t2025tui.tui.modals.commentary import CommentaryForm
from t2025tui.tui.modals.rag_form import ProgrammeRagForm, RagForm
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import SIZE, log_rows, notifications, settle, type_text, workstream


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_dashboard_shows_programme_workstreams_and_tiles(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "T2025 Service Improvement Programme" in text_of(app, "#programme-title")
        assert "last board 2022-03-15" in text_of(app, "#programme-period")
        assert text_of(app, "#overall-rag").startswith("Overall  Red  Reporting Red")
        assert "Risk" in text_of(app, "#risk-rag") and " Red " in text_of(app, "#risk-rag")
        table = app.screen.query_one("#workstreams", DataTable)
        assert table.row_count == 5
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0].split() == ["Amber", "R"]  # of record, then the suggested one
        assert first[1] == "→ same" and first[2] == "Force Control Room"
        assert (
            first[3] == "DCC" and first[5] == "2022-06-30" and first[6] == "late" and first[7] == "1 / 0 / 0"
        )
        assert "11/30" in text_of(app, "#tile-recommendations")
        assert "0 of 7 open" in text_of(app, "#tile-risks")
        assert "This year 2021/22: 0" in text_of(app, "#tile-finance")
        assert "Worst 2025/26: 3,432" in text_of(app, "#tile-finance")
        assert "2 of the 5 workstreams are on track" in text_of(app, "#conclusion")


async def test_worse_rag_needs_a_reason_shown_inline_then_saves_and_logs(app, store):
    rm_before = workstream(store, "RM")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "r")  # Vulnerability (Green)
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RagForm)
        await pilot.press("a", "enter")
        await settle(pilot)
        assert app.screen is form
        assert "a reason is required when the RAG worsens from Green to Amber" in form.error_of("reason")
        assert "reason is required" in str(form.query_one("#error-reason").render())
        await type_text(pilot, "Niche module slipped")
        await pilot.press("enter")
        await settle(pilot)
        vul = workstream(store, "VUL")
        assert vul["rag"] == "Amber" and vul["rag_reason"] == "Niche module slipped"
        rows = log_rows(store, "workstream", vul["id"], "rag")
        assert rows[-1]["reason"] == "Niche module slipped" and rows[-1]["new"] == '"Amber"'
        assert workstream(store, "RM") == rm_before
        assert str(app.screen.query_one("#workstreams", DataTable).get_cell_at((2, 1))) == "↓ worse"


async def test_escape_cancels_a_form_and_saves_nothing(app, store):
    batches = store.scalar("SELECT COUNT(*) FROM change_batch")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "r")
        await type_text(pilot, "half typed")
        await pilot.press("escape")
        await settle(pilot)
    assert store.scalar("SELECT COUNT(*) FROM change_batch") == batches
    assert workstream(store, "FCR")["rag"] == "Amber"


async def test_commentary_edit(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("k", "c")  # k at the top stays on FCR
        await settle(pilot)
        assert isinstance(app.screen, CommentaryForm)
        await pilot.press("ctrl+a")
        await type_text(pilot, "New text")
        await pilot.press("ctrl+s")
        await settle(pilot)
        fcr = workstream(store, "FCR")
        assert fcr["commentary"].startswith("New textThe wider scope")  # typed at the cursor (start)
        assert log_rows(store, "workstream", fcr["id"], "commentary")


async def test_note_from_the_dashboard(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "n", "enter")  # empty note refused inline
        await settle(pilot)
        assert "the note is required" in app.screen.error_of("note")
        await type_text(pilot, "Chase HR for vacancies")
        await pilot.press("enter")
        await settle(pilot)
    rm = workstream(store, "RM")
    note = store.query_one("SELECT * FROM note WHERE workstream_id = ?", (rm["id"],))
    assert note["text"] == "Chase HR for vacancies"
    assert store.query_one(
        "SELECT * FROM change_log WHERE entity = 'note' AND entity_id = ? AND action = 'create'",
        (note["id"],),
    )


async def test_programme_risk_rag(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProgrammeRagForm)
        await pilot.press("shift+tab", "right", "space")  # choose "Risk management RAG"
        assert form.which() == "risk"
        await pilot.press("tab", "a")  # Red -> Amber is better: no reason needed
        await type_text(pilot, "Risk review done")
        await pilot.press("enter")
        await settle(pilot)
    programme = store.query_one("SELECT * FROM programme")
    assert programme["risk_rag"] == "Amber" and programme["overall_rag"] == "Red"
    assert programme["risk_rag_reason"] == "Risk review done"
    assert log_rows(store, "programme", 1, "risk_rag")


async def test_board_meeting_create_with_validation_and_edit(app, store):
    # Following today, a meeting added for June 2022 has been held, so B edits it.
    store.conn.execute("UPDATE programme SET status_date = NULL")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BoardMeetingForm)
        await type_text(pilot, "31/02/2022")
        await pilot.press("enter")
        await settle(pilot)
        assert "not a real calendar date" in app.screen.error_of("meeting_date")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "14/06/2022")
        await pilot.press("enter")
        await settle(pilot)
        meeting = store.query_one("SELECT * FROM board_meeting WHERE meeting_date = '2022-06-14'")
        assert meeting is not None and meeting["title"] == "Futures Board"
        assert store.query_one(
            "SELECT 1 FROM change_log WHERE entity = 'board_meeting' AND entity_id = ?", (meeting["id"],)
        )
        await pilot.press("B")  # edits the latest meeting held: the one just added
        await settle(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, "Papers issued")
        await pilot.press("enter")
        await settle(pilot)
    june = store.query_one("SELECT * FROM board_meeting WHERE meeting_date = '2022-06-14'")
    assert june["notes"] == "Papers issued" and june["version"] == meeting["version"] + 1


async def test_enter_opens_the_selected_workstream(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkstreamScreen)
        assert "Resource Management" in str(app.screen.query_one("#ws-title").render())
        assert "2022-06-30" not in notifications(app)


async def test_a_refused_value_reopens_the_form_with_what_was_typed(app, store):
    meetings = store.scalar("SELECT COUNT(*) FROM board_meeting")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await type_text(pilot, "15/03/2022")  # the board already met that day
        await pilot.press("tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "Extra board")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, BoardMeetingForm)
        assert "a board meeting on 2022-03-15 already exists" in form.error_of("meeting_date")
        assert form.query_one("#field-meeting_date").value == "2022-03-15"
        assert form.query_one("#field-title").value == "Extra board"
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "2022-04-12")
        await pilot.press("enter")
        await settle(pilot)
    assert store.scalar("SELECT COUNT(*) FROM board_meeting") == meetings + 1
    assert store.scalar("SELECT title FROM board_meeting WHERE meeting_date = '2022-04-12'") == "Extra board"
