"""Edits shared by the dashboard, workstream detail and stand-up screens.

A screen using these mixins provides `selected_workstream()` / `selected_milestone()`
returning the row as it was read (with its `version`, so an edit made after another
window changed the row is refused as stale instead of overwriting it).
"""

from __future__ import annotations

from datetime import date, timedelta

from t2025tui.core.dates import parse_iso_date
from t2025tui.core.rag import is_worse, rag_scale
from t2025tui.core.text import display_text

WEEK = 7


def error_field(exc: Exception | None, fields: tuple[str, ...], default: str) -> str:
    """The form field a service's ValidationError belongs beside."""
    field = getattr(exc, "field", None) or ""
    return next((name for name in fields if field == name), default)


class AsksReasons:
    def ask_reason(self, question: str, answer, *, value: str = "", error: str | None = None) -> None:
        """Ask why; `answer` gets the reason, or None if cancelled. Stand-up asks in place."""
        from t2025tui.tui.modals.reason import ReasonPrompt

        self.app.push_screen(
            ReasonPrompt(question, value=value, errors={"reason": error} if error else None), answer
        )


class WorkstreamActions(AsksReasons):
    def selected_workstream(self) -> dict | None:
        raise NotImplementedError

    def action_set_rag(self, rag: str | None = None) -> None:
        """With `rag` (stand-up r/a/g) set it at once, asking a reason only when it worsens;
        without, open the RAG form."""
        from t2025tui.core.services.workstreams import set_workstream_rag
        from t2025tui.tui.modals.rag_form import RagForm

        row = self.selected_workstream()
        if row is None:
            return
        store, version, name = self.app.store, row["version"], display_text(row["name"])

        def apply(new_rag: str, reason: str) -> None:
            self.app.save(
                lambda: set_workstream_rag(store, row["id"], new_rag, reason, expected_version=version),
                success=f"{name}: RAG {row['rag'] or 'none'} → {new_rag}",
                on_invalid=lambda exc: ask(new_rag, reason, exc),
            )

        def ask(preselect: str | None = None, reason: str = "", exc: Exception | None = None) -> None:
            errors = {error_field(exc, ("rag",), "reason"): str(exc)} if exc else None
            if rag is None:
                self.app.push_screen(
                    RagForm(
                        name, row["rag"], rag_scale(store), preselect=preselect, reason=reason, errors=errors
                    ),
                    lambda choice: choice and apply(choice.rag, choice.reason),
                )
            else:
                self.ask_reason(
                    f"Why is {name} now {rag} (was {row['rag']})?",
                    lambda typed: typed and apply(rag, typed),
                    value=reason,
                    error=str(exc) if exc else None,
                )

        if rag is None or (rag != row["rag"] and is_worse(row["rag"], rag)):
            ask()
        elif rag == row["rag"]:
            self.notify(f"{name} is already {rag}.")
        else:
            apply(rag, "")

    def action_commentary(self) -> None:
        from t2025tui.core.services.workstreams import set_commentary
        from t2025tui.tui.modals.commentary import CommentaryForm

        row = self.selected_workstream()
        if row is None:
            return
        store, version = self.app.store, row["version"]

        def apply(text: str | None) -> None:
            if text is not None and text != (row["commentary"] or "").strip():
                self.app.save(
                    lambda: set_commentary(store, row["id"], text, expected_version=version),
                    success=f"Commentary saved for {display_text(row['name'])}",
                    on_invalid=lambda exc: ask(text, {"commentary": str(exc)}),
                )

        def ask(text: str, errors: dict | None = None) -> None:
            self.app.push_screen(CommentaryForm(display_text(row["name"]), text, errors=errors), apply)

        ask(row["commentary"])

    def action_note(self) -> None:
        from t2025tui.core.services.workstreams import add_note
        from t2025tui.tui.modals.note import NoteForm

        row = self.selected_workstream()
        if row is None:
            return
        store = self.app.store

        def apply(text: str | None) -> None:
            if text:
                self.app.save(
                    lambda: add_note(store, row["id"], text),
                    success=f"Note added to {display_text(row['name'])}",
                    on_invalid=lambda exc: ask(text, {"note": str(exc)}),
                )

        def ask(text: str = "", errors: dict | None = None) -> None:
            self.app.push_screen(NoteForm(display_text(row["name"]), text, errors=errors), apply)

        ask()


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

        def apply(reason: str) -> None:
            self.app.save(
                lambda: shift_forecast(store, milestone["id"], days, reason, expected_version=version),
                success=f"{title}: forecast {start} → {new.isoformat()}",
                on_invalid=lambda exc: ask(reason, exc) if days > 0 else self._refused(exc),
            )

        def ask(reason: str = "", exc: Exception | None = None) -> None:
            self.ask_reason(
                f"Why does {title} slip to {new.isoformat()}?",
                lambda typed: typed and apply(typed),
                value=reason,
                error=str(exc) if exc else None,
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
        today = date.today()
        self.app.save(
            lambda: mark_done(store, milestone["id"], today, expected_version=version),
            success=f"{title}: done {today.isoformat()}",
        )
