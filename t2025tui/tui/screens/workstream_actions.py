"""Edits shared by the dashboard, workstream detail and stand-up screens.

A screen using these mixins provides `selected_workstream()` / `selected_milestone()`
returning the row as it was read (with its `version`, so an edit made after another
window changed the row is refused as stale instead of overwriting it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from t2025tui.core.dates import parse_iso_date
from t2025tui.core.errors import StaleEditError, ValidationError
from t2025tui.core.rag import is_worse, rag_scale
from t2025tui.core.text import display_text
from t2025tui.tui.modals.edit_flow import Accepted, accept_fresh, fresh_summary, saving_over
from t2025tui.tui.screens.base import AppScreen

WEEK = 7


class AsksReasons(AppScreen):
    def ask_reason(
        self,
        question: str,
        answer: Callable[[str | None], None],
        *,
        value: str = "",
        error: str | None = None,
    ) -> None:
        """Ask why; `answer` gets the reason, or None if cancelled. Stand-up asks in place."""
        from t2025tui.tui.modals.reason import ReasonPrompt

        prompt = ReasonPrompt(question)
        if error:
            prompt.restore({"reason": value}, ValidationError(error, "reason"))
        self.app.push_screen(prompt, answer)


class WorkstreamActions(AsksReasons):
    def selected_workstream(self) -> dict | None:
        raise NotImplementedError

    def action_set_rag(self, rag: str | None = None) -> None:
        """With `rag` (stand-up r/a/g) set it at once, asking a reason only when it worsens;
        without, open the RAG form."""
        from t2025tui.core.services.workstreams import set_workstream_rag
        from t2025tui.tui.modals.rag_form import RagChoice, RagForm

        row = self.selected_workstream()
        if row is None:
            return
        store, version, name = self.app.store, row["version"], display_text(row["name"])

        def save(choice: RagChoice) -> str:
            set_workstream_rag(store, row["id"], choice.rag, choice.reason, expected_version=version)
            return f"{name}: RAG {row['rag'] or 'none'} → {choice.rag}"

        if rag is None:
            scale = rag_scale(store)
            self.app.edit(lambda: RagForm(name, row["rag"], scale), save)
            return

        accepted: Accepted = {}

        def apply(reason: str) -> None:
            def kept(stale: StaleEditError) -> None:
                accept_fresh(accepted, stale)
                ask(reason, fresh_summary(stale))

            self.app.save(
                lambda: saving_over(accepted, lambda: save(RagChoice(rag, reason))),
                success=lambda message: message,
                on_invalid=lambda exc: ask(reason, str(exc)),
                on_stale=kept if reason else None,  # nothing typed to keep: just reload
            )

        def ask(reason: str = "", error: str | None = None) -> None:
            self.ask_reason(
                f"Why is {name} now {rag} (was {row['rag']})?",
                lambda typed: apply(typed) if typed else None,
                value=reason,
                error=error,
            )

        if rag != row["rag"] and is_worse(row["rag"], rag):
            ask()
        elif rag == row["rag"]:
            self.notify(f"{name} is already {rag}.")
        else:
            apply("")

    def action_commentary(self) -> None:
        from t2025tui.core.services.workstreams import set_commentary
        from t2025tui.tui.modals.commentary import CommentaryForm

        row = self.selected_workstream()
        if row is None:
            return
        store, version, name = self.app.store, row["version"], display_text(row["name"])

        def save(text: str) -> str | None:
            if text == (row["commentary"] or "").strip():
                return None
            set_commentary(store, row["id"], text, expected_version=version)
            return f"Commentary saved for {name}"

        self.app.edit(lambda: CommentaryForm(name, row["commentary"]), save)

    def action_note(self) -> None:
        from t2025tui.core.services.workstreams import add_note
        from t2025tui.tui.modals.note import NoteForm

        row = self.selected_workstream()
        if row is None:
            return
        store, name = self.app.store, display_text(row["name"])

        def save(text: str) -> str:
            add_note(store, row["id"], text)
            return f"Note added to {name}"

        self.app.edit(lambda: NoteForm(name), save)


class MilestoneActions(AsksReasons):
    def selected_milestone(self) -> dict | None:
        raise NotImplementedError

    def _open_milestone(self) -> dict | None:
        milestone = self.selected_milestone()
        if milestone is None:
            self.notify("No milestone selected.", severity="warning")
            return None
        if milestone["actual_date"] or milestone["descoped"]:
            self.notify(
                f"{display_text(milestone['title'])} is {milestone['status']}; nothing to move.",
                severity="warning",
            )
            return None
        return milestone

    def action_slip(self, days: int = WEEK) -> None:
        """Move the forecast by `days`: later asks why (once per slip), earlier just saves."""
        from t2025tui.core.services.milestones import shift_forecast

        milestone = self._open_milestone()
        if milestone is None:
            return
        start = milestone["forecast_date"] or milestone["baseline_date"]
        if start is None:
            self.notify(
                "This milestone has no forecast or baseline date to move; set a forecast first.",
                severity="warning",
            )
            return
        store, version, title = self.app.store, milestone["version"], display_text(milestone["title"])
        new = parse_iso_date(start) + timedelta(days=days)

        accepted: Accepted = {}

        def apply(reason: str) -> None:
            def kept(stale: StaleEditError) -> None:
                accept_fresh(accepted, stale)
                ask(reason, fresh_summary(stale))

            self.app.save(
                lambda: saving_over(
                    accepted,
                    lambda: shift_forecast(store, milestone["id"], days, reason, expected_version=version),
                ),
                success=f"{title}: forecast {start} → {new.isoformat()}",
                on_invalid=lambda exc: ask(reason, str(exc)) if days > 0 else self._refused(exc),
                # A slip with a reason keeps it; an earlier move (no reason typed) just reloads.
                on_stale=kept if reason else None,
            )

        def ask(reason: str = "", error: str | None = None) -> None:
            self.ask_reason(
                f"Why does {title} slip to {new.isoformat()}?",
                lambda typed: apply(typed) if typed else None,
                value=reason,
                error=error,
            )

        if days > 0:
            ask()
        else:
            apply("")

    def _refused(self, exc: Exception) -> None:
        self.notify(f"Not saved: {display_text(exc)}", severity="error", markup=False, timeout=8)

    def action_done(self) -> None:
        from t2025tui.core.services.milestones import mark_done

        milestone = self._open_milestone()
        if milestone is None:
            return
        store, version, title = self.app.store, milestone["version"], display_text(milestone["title"])
        # "Today" is the programme's: its status date when one is fixed in the settings.
        today = self.app.programme_today() or date.today()
        self.app.save(
            lambda: mark_done(store, milestone["id"], today, expected_version=version),
            success=f"{title}: done {today.isoformat()}",
        )
