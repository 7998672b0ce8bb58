"""Each form on its own: typed results, inline errors, escape cancels, date forms."""

from datetime import date, timedelta

from t2025tui.tui.modals.board_meeting import BoardMeetingForm
from t2025tui.tui.modals.commentary import CommentaryForm
from t2025tui.tui.modals.confirm import ConfirmModal
from t2025tui.tui.modals.note import NoteForm
from t2025tui.tui.modals.rag_form import ProgrammeRagForm, RagChoice, RagForm
from t2025tui.tui.modals.reason import ReasonPrompt
from tests.tui.conftest import SIZE, type_text
from tests.tui.modal_host import UNSET, Host

RAG_3 = ("Red", "Amber", "Green")


async def run(modal, *keys: str, text: str = "", then: tuple[str, ...] = ()):
    host = Host(modal)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        if text:
            await type_text(pilot, text)
        await pilot.press(*then)
        await pilot.pause()
        errors = dict(getattr(modal, "errors", {}))
    return host.result, errors


async def test_rag_form_returns_the_choice_and_reason():
    result, _ = await run(RagForm("FCR", "Amber", RAG_3), "r", text="Supplier failed", then=("enter",))
    assert result == RagChoice("Red", "Supplier failed")


async def test_rag_form_refuses_a_worsening_without_reason_inline():
    result, errors = await run(RagForm("FCR", "Amber", RAG_3), "r", "enter")
    assert result is UNSET
    assert errors["reason"].startswith("a reason is required when the RAG worsens from Amber to Red")


async def test_rag_form_better_needs_no_reason_and_arrows_work():
    result, _ = await run(RagForm("FCR", "Amber", RAG_3, preselect=None), "right", "space", "tab", "enter")
    assert result == RagChoice("Green", "")


async def test_rag_form_with_five_point_scale():
    scale = ("Red", "Amber/Red", "Amber", "Amber/Green", "Green")
    result, _ = await run(RagForm("FCR", "Amber", scale), "right", "space", "tab", "enter")
    assert result == RagChoice("Amber/Green", "")


async def test_rag_form_escape_cancels():
    result, _ = await run(RagForm("FCR", "Amber", RAG_3), "r", text="half", then=("escape",))
    assert result is None


async def test_programme_rag_form_judges_worse_against_the_chosen_rag():
    form = ProgrammeRagForm({"overall": "Red", "risk": "Green"}, RAG_3)
    result, errors = await run(form, "shift+tab", "right", "space", "tab", "a", "enter")
    assert result is UNSET and "from Green to Amber" in errors["reason"]
    form = ProgrammeRagForm({"overall": "Red", "risk": "Green"}, RAG_3)
    result, _ = await run(form, "a", "enter")  # overall Red -> Amber is better
    assert result == RagChoice("Amber", "", "overall")


async def test_reason_prompt_required_and_optional():
    result, errors = await run(ReasonPrompt("Why?"), "enter")
    assert result is UNSET and errors["reason"] == "a reason is required; it cannot be blank"
    result, _ = await run(ReasonPrompt("Why?"), text="  Because  ", then=("enter",))
    assert result == "Because"
    result, _ = await run(ReasonPrompt("Why?", required=False), "enter")
    assert result == ""


async def test_note_form():
    result, _ = await run(NoteForm("FCR"), text="Call the supplier", then=("enter",))
    assert result == "Call the supplier"


async def test_commentary_form_keeps_lines_and_saves_with_ctrl_s():
    result, _ = await run(
        CommentaryForm("FCR", "Line one"), "end", "enter", text="Line two", then=("ctrl+s",)
    )
    assert result == "Line one\nLine two"
    result, _ = await run(CommentaryForm("FCR", "Line one"), "escape")
    assert result is None


async def test_board_meeting_accepts_each_date_form():
    today = date.today()
    for typed, expected in (
        ("2022-06-14", date(2022, 6, 14)),
        ("14/06/2022", date(2022, 6, 14)),
        ("+7", today + timedelta(days=7)),
        ("+2w", today + timedelta(days=14)),
    ):
        result, _ = await run(BoardMeetingForm(), text=typed, then=("enter",))
        assert result == {"meeting_date": expected, "title": "Futures Board", "notes": ""}, typed


async def test_board_meeting_shows_date_and_title_errors_together():
    result, errors = await run(
        BoardMeetingForm({"meeting_date": "", "title": ""}), text="soon", then=("enter",)
    )
    assert result is UNSET
    assert "'soon' is not a date" in errors["meeting_date"]
    assert errors["title"] == "the title is required; it cannot be blank"


async def test_confirm_modal_yes_and_no():
    assert (await run(ConfirmModal("Sure?"), "y"))[0] is True
    assert (await run(ConfirmModal("Sure?"), "n"))[0] is False
    assert (await run(ConfirmModal("Sure?"), "escape"))[0] is False
    assert (await run(ConfirmModal("Sure?"), "enter"))[0] is True  # the focused Yes button


async def test_rag_keys_typed_in_a_burst_pick_and_save_the_typed_rag():
    """A fast `g` then enter arrive before focus moves; enter must not re-pick the old RAG."""
    from textual import events

    for form in (RagForm("FCR", "Amber", RAG_3), ProgrammeRagForm({"overall": "Red", "risk": "Red"}, RAG_3)):
        host = Host(form)
        async with host.run_test(size=SIZE) as pilot:
            await pilot.pause()
            host.post_message(events.Key("g", "g"))
            host.post_message(events.Key("enter", "\r"))
            await pilot.pause(0.3)
        assert host.result is not UNSET and host.result.rag == "Green", type(form).__name__
