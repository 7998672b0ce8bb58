"""The change log, newest first, paged from SQLite: filter by record type, dates, or since the last board."""

from __future__ import annotations

import json
from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from t2025tui.core.queries import lists, status
from t2025tui.core.text import display_text
from t2025tui.tui.modals.date_range_form import DateRange, DateRangeForm
from t2025tui.tui.screens.register_screen import RegisterScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedColumn, PagedTable

ENTITIES = (
    None,
    "programme",
    "workstream",
    "project",
    "milestone",
    "baseline_history",
    "risk",
    "recommendation",
    "finance_line",
    "health_check",
    "health_measure",
    "health_rating",
    "board_meeting",
    "decision",
    "note",
)


def record_label(row: dict) -> str:
    """The record as the log names it, a milestone with its ref first (`FCR-M03 Go live`)."""
    label = display_text(row["entity_label"])
    ref = row.get("milestone_ref")
    return f"{display_text(ref)} {label}" if ref and not label.startswith(ref) else label


def shown_value(encoded: str | None) -> str:
    """A logged value as a person reads it; whole records (created / deleted) are summarised."""
    if encoded is None:
        return "-"
    value = json.loads(encoded)
    if isinstance(value, dict):
        return "(record)"
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return display_text(value)


class HistoryScreen(RegisterScreen):
    CSS_PATH = "history.tcss"
    TABLE_ID = "history-table"

    BINDINGS = [
        # First, so it keeps its place on the key line at 80 columns.
        Binding(
            "u",
            "undo_change",
            "Undo this",
            id="history.undo",
            tooltip="Undo the selected change (asks first when someone else or another window made it)",
        ),
        Binding(
            "b",
            "since_last_board",
            "Since last board",
            id="history.since_board",
            tooltip="Show only changes after the last Futures Board (press again to show all dates)",
        ),
        Binding("d", "date_range", "Dates", id="history.dates", tooltip="Show changes between two dates"),
        Binding(
            "e",
            "next_entity",
            "Record type",
            id="history.entity",
            tooltip="Show one kind of record (milestone, risk, ...); cycles back to all",
        ),
        Binding("c", "clear_filters", "Clear", id="history.clear", tooltip="Show every change again"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entity_index = 0
        self.since: date | None = None
        self.until: date | None = None
        self.board: dict | None = None

    @property
    def entity(self) -> str | None:
        return ENTITIES[self.entity_index]

    def compose(self) -> ComposeResult:
        yield Static("History: every change, newest first", classes="screen-title", markup=False)
        yield Static("", id="history-filters", markup=False)
        yield PagedTable(
            self._columns(),
            self._fetch,
            self._count,
            id="history-table",
            empty_message="No changes match these filters",
            filter_placeholder="Filter by record name, field or reason",
        )
        yield Static("", id="history-detail", markup=False)
        yield KeyBar()

    def _columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("at", "When", 16, lambda r: r["at"][:16].replace("T", " ")),
            # Names (who, the record type and name) give way on a narrow terminal, so that at
            # 80 columns the change itself (action, field, old value) stays in view. At 120 the
            # whole row fits beside the scrollbar (PagedTable fits before the rows arrive).
            PagedColumn("who", "Who", 10, flex=True),
            PagedColumn("entity", "Type", 10, flex=True),
            PagedColumn("entity_label", "Record", 14, record_label, flex=True),
            PagedColumn("action", "Action", 6),
            PagedColumn("field", "Field", 12),
            PagedColumn("old", "Old", 12, lambda r: "" if r["action"] == "create" else shown_value(r["old"])),
            PagedColumn(
                "new", "New", 12, lambda r: "(new)" if r["action"] == "create" else shown_value(r["new"])
            ),
            PagedColumn("reason", "Reason", 8, flex=True),
        ]

    def _filters(self) -> dict:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "entity": self.entity,
        }

    def _fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return lists.history(self.store, **self._filters(), search=search or None, limit=limit, offset=offset)

    def _count(self, search: str) -> int:
        return lists.count_history(self.store, **self._filters(), search=search or None)

    def on_mount(self) -> None:
        self.table.focus()

    def read(self) -> dict | None:
        return status.last_board(self.store)

    def show_header(self, data: dict | None) -> None:
        self.board = data
        self._show_filters()

    def _since_board(self) -> date | None:
        # Changes after the board's day: its state at the end of that day is what the board saw.
        if self.board is None:
            return None
        return date.fromisoformat(self.board["meeting_date"]) + timedelta(days=1)

    def _show_filters(self) -> None:
        parts = [f"Record type: {self.entity or 'all'} (e)"]
        if self.board and self.since and self.since == self._since_board() and self.until is None:
            parts.append(f"Since last board ({self.board['meeting_date']}) (b)")
        elif self.since or self.until:
            parts.append(f"Dates: {self.since or 'start'} to {self.until or 'now'} (d)")
        else:
            board = (
                f" (last board {self.board['meeting_date']})" if self.board else " (no board meetings yet)"
            )
            parts.append(f"Dates: all (d, b since last board{board})")
        self.query_one("#history-filters", Static).update("   ".join(parts))

    def _refilter(self) -> None:
        self._show_filters()
        self.table.reload(reset=True)

    @on(PagedTable.Highlighted, "#history-table")
    def _show_detail(self, event: PagedTable.Highlighted) -> None:
        row = event.row
        text = ""
        if row is not None:
            change = (
                f"{display_text(row['field'])}: {shown_value(row['old'])} -> {shown_value(row['new'])}"
                if row["action"] == "update"
                else f"{row['action']} {record_label(row)}"
            )
            reason = f"   Reason: {display_text(row['reason'])}" if row["reason"] else ""
            by = f" by {display_text(row['who'])}" if row["who"] else ""
            text = f"{display_text(row['summary'])} ({row['batch_action']}{by})   {change}{reason}"
        self.query_one("#history-detail", Static).update(text)

    def action_next_entity(self) -> None:
        self.entity_index = (self.entity_index + 1) % len(ENTITIES)
        self._refilter()

    def action_since_last_board(self) -> None:
        since = self._since_board()
        if since is None:
            self.notify("No Futures Board meeting is recorded yet.", severity="warning")
            return
        if self.since == since and self.until is None:
            self.since = None
        else:
            self.since, self.until = since, None
        self._refilter()

    def action_date_range(self) -> None:
        def chosen(result: DateRange | None) -> None:
            if result is not None:
                self.since, self.until = result.since, result.until
                self._refilter()

        self.app.push_screen(DateRangeForm(self.since, self.until), chosen)

    def action_clear_filters(self) -> None:
        self.entity_index, self.since, self.until = 0, None, None
        self.table.filter_text = ""
        self._refilter()

    def action_undo_change(self) -> None:
        """Undo the selected row's whole change: at once if this window made it, else after a
        question naming who made it and when. Refused, with the reason, if a record it would
        put back was changed since (core/services/undo.py)."""
        from t2025tui.core.changes import written_by
        from t2025tui.core.errors import T2025Error
        from t2025tui.core.services.undo import Mine, undo, undo_check
        from t2025tui.tui.modals.confirm import ConfirmModal

        row = self.selected_row()
        if row is None:
            return
        store, batch_id = self.store, row["batch_id"]
        mine = Mine(batch_ids=written_by(store))
        try:
            question = undo_check(store, mine, batch_id)  # a few rows by key, read in answer to the key
        except T2025Error as exc:
            self.notify(display_text(exc), severity="warning", markup=False)
            return

        def go(confirmed: bool) -> None:
            self.app.save(
                lambda: undo(store, mine, batch_id=batch_id, confirmed=confirmed),
                success=lambda description: description,
            )

        if question is None:
            go(False)
            return
        self.app.push_screen(
            ConfirmModal(question, yes="Undo it", no="Keep it"), lambda yes: go(True) if yes else None
        )
