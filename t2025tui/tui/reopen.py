"""Reopening the database when the file the app opened was moved, replaced or copied over.

The store refuses every save once its path names another file (core/store.py); here the app
offers to reopen what is at the path now (`Store.reopen`: the same checks as at start, so a
damaged, foreign or newer file is refused the same way), and then reloads every screen. A save that was refused on the way keeps its draft:
the form opens again afterwards, to be saved to the file now there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from t2025tui.core.errors import T2025Error, ValidationError
from t2025tui.core.text import display_text

if TYPE_CHECKING:
    from t2025tui.tui.app import T2025App

Redo = Callable[[ValidationError], None]

AFTER_REOPEN = "Not saved before the file was reopened; check it, then save it again to the file now there."
DRAFT_KEPT = " Your last edit was not saved: its form opens again afterwards."


class Reopener:
    """One offer at a time; the drafts of saves refused meanwhile wait for its answer."""

    def __init__(self, app: T2025App):
        self.app = app
        self.asking = False
        self.drafts: list[Redo] = []

    def offer(self, problem: str, redo: Redo | None = None) -> None:
        if redo is not None:
            self.drafts.append(redo)
        if self.asking:
            return
        from t2025tui.tui.modals.confirm import ConfirmModal

        self.asking = True
        path = self.app.store.path
        intro = display_text(problem) + (DRAFT_KEPT if self.drafts else "")
        self.app.push_screen(
            ConfirmModal(f"Reopen {display_text(str(path))} now?", yes="Reopen", no="Not now", intro=intro),
            self._answered,
        )

    def _answered(self, yes: bool | None) -> None:
        self.asking = False
        if yes:
            self.reopen()
        drafts, self.drafts = self.drafts, []
        for redo in drafts:
            redo(ValidationError(AFTER_REOPEN))

    def reopen(self) -> bool:
        """Open the path again; on failure say why and keep refusing saves (try again later)."""
        app = self.app
        store = app.store
        try:
            kept = store.reopen()  # waits for a save or read in a worker to finish first
        except T2025Error as exc:
            app.notify(
                f"Could not reopen {store.path}: {exc} Nothing is saved until it opens: put a good "
                "file there and press F5 (or ctrl+p: Reopen the database file).",
                title="Database not reopened",
                severity="error",
                timeout=3600,
            )
            return False
        app.store_reopened()
        note = f" A copy of the replaced file as this window last saw it is kept in {kept}." if kept else ""
        app.notify(
            f"Reopened {store.path}: every screen now shows the file there.{note}",
            title="Database reopened",
            timeout=30 if kept else 8,
        )
        return True
