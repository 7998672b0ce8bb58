"""What the five governance log screens share (actions, issues, decisions, dependencies,
lessons): a title, a summary line, the paged log, a detail line, the pick lists their forms
offer and removal with a reason. `9` shows the logs; pressed again it goes to the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from t2025tui.core.queries import logs, status
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import workstream_choices
from t2025tui.tui.modals.form import Form
from t2025tui.tui.modals.reason import ReasonPrompt
from t2025tui.tui.screens.register_cells import status_text
from t2025tui.tui.screens.register_screen import RegisterScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedColumn, PagedTable


class LogScreen(RegisterScreen):
    """Subclasses give the log's `LOG` (its registry name), `TITLE_TEXT`, `columns()`,
    `fetch`/`count` (a page of the log, with the view and filter), `read()` (counts) and the
    texts of the summary and detail lines; `VIEWS` are the views `v` cycles through."""

    CSS_PATH = "logs.tcss"
    LOG: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = ""
    EMPTY: ClassVar[str] = "Nothing logged yet"
    FILTER_PLACEHOLDER: ClassVar[str] = "Filter (enter keeps it, escape clears)"
    VIEWS: ClassVar[tuple[str | None, ...]] = (None,)
    KEY_FIELD: ClassVar[str] = "id"  # what identifies a row, so the cursor follows it on reload

    def __init__(self) -> None:
        super().__init__()
        self.view_index = 0
        self.header: Any = None

    @property
    def view(self) -> str | None:
        return self.VIEWS[self.view_index]

    def compose(self) -> ComposeResult:
        yield Static(self.TITLE_TEXT, classes="screen-title", markup=False)
        yield Static("", id="log-summary", markup=False)
        yield PagedTable(
            self.columns(),
            self.fetch,
            self.count,
            id=self.TABLE_ID,
            empty_message=self.EMPTY,
            filter_placeholder=self.FILTER_PLACEHOLDER,
            key_field=self.KEY_FIELD,
        )
        yield Static("", id="log-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.focus()

    # For subclasses ------------------------------------------------------------
    def columns(self) -> list[PagedColumn]:
        raise NotImplementedError

    def fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        raise NotImplementedError

    def count(self, search: str) -> int:
        raise NotImplementedError

    def summary(self, data: Any) -> str:
        return ""

    def detail(self, row: dict) -> str:
        return ""

    def action_edit(self) -> None:
        """What enter on a row does."""

    # Drawing ---------------------------------------------------------------------
    def show_header(self, data: Any) -> None:
        self.header = data
        self._show_summary()

    def _show_summary(self) -> None:
        from t2025tui.tui.registry import SCREENS, next_log

        parts = [self.summary(self.header)]
        if len(self.VIEWS) > 1:
            parts.append(f"Showing: {(self.view or 'all').lower()} (v)")
        parts.append(f"9: {SCREENS[next_log(self.LOG)].title.lower()}")
        self.query_one("#log-summary", Static).update("   ".join(p for p in parts if p))

    @on(PagedTable.Highlighted)
    def _show_detail(self, event: PagedTable.Highlighted) -> None:
        self.query_one("#log-detail", Static).update(self.detail(event.row) if event.row else "")

    @on(PagedTable.Chosen)
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self.action_edit()

    # Asked to show one record (the search's enter): every view, the cursor on it
    def show_everything(self) -> None:
        self.view_index = self.VIEWS.index(None)
        self._show_summary()

    def action_next_view(self) -> None:
        self.view_index = (self.view_index + 1) % len(self.VIEWS)
        self._show_summary()
        self.table.reload(reset=True)

    # What the forms need -----------------------------------------------------------
    def today(self) -> date:
        return status.status_date(self.store)

    def links(self, row: dict | None = None) -> dict[str, tuple[tuple[str, int], ...]]:
        """The pick lists of a record's links (a closed risk or issue it already names stays)."""
        row = row or {}
        return {
            "workstream": workstream_choices(self.store),
            "risk": logs.risk_choices(self.store, row.get("risk_id")),
            "issue": logs.issue_choices(self.store, row.get("issue_id")),
            "decision": logs.decision_choices(self.store),
            "meeting": logs.meeting_choices(self.store),
        }

    def add_record(
        self, noun: str, prefix: str, make_form: Callable[[], Form[Any]], create: Callable[..., int]
    ) -> None:
        """The form, then `create(store, **fields)`; the notice names the new ref ("Action A4 added")."""

        def save(fields: dict) -> str:
            return f"{noun} {prefix}{create(self.store, **fields)} added"

        self.edit(make_form, save)

    def edit_record(
        self, noun: str, row: dict, make_form: Callable[[], Form[Any]], update: Callable[..., object]
    ) -> None:
        """The form, then `update(store, id, expected_version=..., **changed)`; nothing changed
        saves nothing."""

        def save(fields: dict) -> str | None:
            if not fields:
                return None
            update(self.store, row["id"], expected_version=row["version"], **fields)
            return f"{noun} {row['ref']} saved"

        self.edit(make_form, save)

    def remove_with_reason(self, what: str, remove: Callable[[str], object], *, linked: str = "") -> None:
        """Ask why, then remove; the record's last values stay in the history and ctrl+z brings it
        back. `linked` names the records that point at it (they stay, no longer linked)."""
        question = f"Remove {what}?" + (f" {linked} stay, no longer linked to it." if linked else "")

        def save(reason: str) -> str:
            remove(reason)
            return f"Removed {what} (ctrl+z undoes)"

        self.edit(lambda: ReasonPrompt(question), save)


def flag(app: Any, on: bool, word: str) -> Any:
    """A flag column's cell: the word in its warning colour, or blank."""
    return status_text(app, word) if on else ""


def shown(value: object) -> str:
    return display_text(value) if value not in (None, "") else "-"
