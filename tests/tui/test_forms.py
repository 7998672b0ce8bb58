"""The one form base: focus stays in the form, enter saves from any field, limits hold while typing."""

from textual.widgets import Select

from t2025tui.tui.modals.form import Field, Form
from t2025tui.tui.modals.recommendation_form import RecommendationStatusForm
from t2025tui.tui.screens.recommendations import RecommendationsScreen
from t2025tui.tui.screens.workstream import WorkstreamScreen
from tests.tui.conftest import SIZE, settle, type_text
from tests.tui.modal_host import UNSET, Host
from tests.tui.registers_harness import RegisterHarness


async def test_tab_from_the_last_field_cycles_back_to_the_first_and_typing_lands(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, WorkstreamScreen)
        await pilot.press("f", "ctrl+a", "ctrl+k")
        await type_text(pilot, "+1w")
        await pilot.press("enter")  # a slip needs a reason: refused, focus on the reason
        await settle(pilot)
        form = app.screen
        assert isinstance(form, Form) and form.focused is form.widget("reason")
        await pilot.press("tab")
        assert form.focused is form.widget("date")
        await pilot.press("tab")
        await type_text(pilot, "late vendor")
        assert form.widget("reason").value == "late vendor"
        await pilot.press("enter")
        await settle(pilot)
        assert store.scalar("SELECT last_change_reason FROM milestone WHERE id = 1") == "late vendor"


async def test_status_form_preselects_the_next_forward_step_and_enter_saves_from_it(store):
    target = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' ORDER BY ref LIMIT 1")
    from t2025tui.core.services.recommendations import set_recommendation_status

    set_recommendation_status(store, target["id"], "In progress", "", expected_version=target["version"])
    app = RegisterHarness(store, RecommendationsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *target["ref"], "enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecommendationStatusForm)
        status = form.query_one("#field-status", Select)
        assert status.value == "Submitted for closure"  # forward, not back to Open
        assert form.focused is status
        await pilot.press("enter")  # from the drop-down itself
        await settle(pilot)
        assert not isinstance(app.screen, RecommendationStatusForm)
    assert store.scalar("SELECT status FROM recommendation WHERE id = ?", (target["id"],)) == (
        "Submitted for closure"
    )


class TwoFields(Form[dict]):
    title_text = "Two fields"

    def fields(self) -> list[Field]:
        return [Field("name", "Name", max_length=10), Field("notes", "Notes", "long", max_length=20)]

    def build(self, values: dict) -> dict:
        return values


async def test_field_limits_hold_while_typing():
    form = TwoFields()
    host = Host(form)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "abcdefghijklmnop")
        assert form.widget("name").value == "abcdefghij"
        await pilot.press("tab")
        await type_text(pilot, "x" * 25)
        assert len(form.widget("notes").text) == 20
        assert "limit is 20" in form.error_of("notes")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.result == {"name": "abcdefghij", "notes": "x" * 20}


async def test_keys_typed_before_the_form_has_focus_reach_its_first_field():
    from textual import events

    form = TwoFields()
    host = Host(form)
    async with host.run_test(size=SIZE) as pilot:
        form.set_focus(None)
        for key, character in (("a", "a"), ("b", "b"), ("enter", "\r")):
            host.post_message(events.Key(key, character))
        await pilot.pause(0.2)
    assert host.result is not UNSET and host.result["name"] == "ab"


async def test_a_tab_among_keys_that_arrive_together_moves_on_before_the_keys_after_it():
    """ "abc<tab>def" in one read from the terminal (a fast typist, a paste, a script): the keys
    after the tab go to the next field; after a shift+tab, back to the first (whose text a field
    reached by tab has selected, so what is typed replaces it, as everywhere in Textual)."""
    from textual import events

    form = TwoFields()
    host = Host(form)
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst = [("a", "a"), ("b", "b"), ("c", "c"), ("tab", "\t"), ("d", "d"), ("e", "e")]
        burst += [("shift+tab", None), ("x", "x")]
        for key, character in burst:
            host.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert form.widget("notes").text == "de"
        assert form.widget("name").value == "x"
        assert form.focused is form.widget("name")


async def test_a_long_burst_of_keys_in_a_text_box_is_one_edit_and_keeps_its_order(monkeypatch):
    """Keys arriving faster than they are drawn (a paste without bracketed paste) are inserted
    together: each TextArea edit re-wraps the line, so one edit per key costs the square."""
    from textual import events
    from textual.widgets import TextArea

    from t2025tui.tui.modals.commentary import CommentaryForm

    edits = []
    original = TextArea.edit
    monkeypatch.setattr(TextArea, "edit", lambda self, edit: edits.append(edit) or original(self, edit))
    form = CommentaryForm("FCR", "")
    host = Host(form)
    typed = "".join(chr(ord("a") + i % 26) for i in range(3000))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for character in typed:
            host.post_message(events.Key(character, character))
        await pilot.pause(0.5)
        assert form.widget("commentary").text == typed
        assert len(edits) < 10
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.result == typed
