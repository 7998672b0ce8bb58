"""The decision log, grouped by board meeting: each meeting heads its decisions (what the board
was asked, owner, due date, outcome and note, the actions it raised). Meetings are added,
edited and removed here too."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from t2025tui.core.queries import logs
from t2025tui.core.services import actions, board
from t2025tui.core.text import display_text
from t2025tui.tui.modals.action_form import ActionForm
from t2025tui.tui.modals.board_meeting import BoardMeetingForm
from t2025tui.tui.modals.decision_form import DecisionForm, DecisionOutcomeForm, RemoveMeetingForm
from t2025tui.tui.screens.log_screen import LogScreen
from t2025tui.tui.screens.register_cells import status_text
from t2025tui.tui.widgets.paged_table import PagedColumn

OUTCOME_TONES = {"Agreed": "Green", "Deferred": "Amber", "Rejected": "Red"}


class DecisionsLogScreen(LogScreen):
    LOG = "decisions"
    TITLE_TEXT = "Decision log"
    TABLE_ID = "decisions-table"
    ROW_NOUN = "decision or meeting"
    ROW_KIND = "decision"
    PALETTE_GROUP = "decision log"
    EMPTY = "No board meetings or decisions yet: b adds a meeting, n a decision"
    FILTER_PLACEHOLDER = "Filter by meeting date, decision, what was asked or owner"
    KEY_FIELD = "key"  # a meeting and a decision may share an id

    BINDINGS = [
        Binding(
            "n", "new", "New decision", id="decisions.new", tooltip="Add a decision to the selected meeting"
        ),
        Binding("b", "new_meeting", "New meeting", id="decisions.new_meeting", tooltip="Add a board meeting"),
        Binding("e", "edit", "Edit", id="decisions.edit", tooltip="Edit the selected decision or meeting"),
        Binding(
            "c",
            "outcome",
            "Outcome",
            id="decisions.outcome",
            tooltip="Record the selected decision's outcome (agreed / deferred / rejected / noted) and a note",
        ),
        Binding(
            "a",
            "new_action",
            "Action",
            id="decisions.action",
            tooltip="Add an action raised by the selected decision",
        ),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="decisions.remove",
            key_display="del",
            tooltip="Remove the selected decision or meeting, with a reason (ctrl+z undoes)",
        ),
    ]

    def columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 12, self._ref),
            PagedColumn("title", "Decision", 48, self._title, flex=True),
            PagedColumn("owner", "Owner", 8, flex=True),
            PagedColumn("due_date", "Due", 10),
            PagedColumn("outcome", "Outcome", 9, self._outcome),
            PagedColumn("action_refs", "Actions", 10, flex=True),
        ]

    @staticmethod
    def _ref(row: dict) -> Text:
        return Text(display_text(row["ref"]), style="bold" if row["kind"] == "meeting" else "", no_wrap=True)

    @staticmethod
    def _title(row: dict) -> Text:
        if row["kind"] == "meeting":
            count = row["decisions"]
            return Text(
                f"{display_text(row['title'])} ({count} decision{'' if count == 1 else 's'})",
                style="bold",
                no_wrap=True,
                overflow="ellipsis",
            )
        return Text("  " + display_text(row["title"]), no_wrap=True, overflow="ellipsis")

    def _outcome(self, row: dict) -> Text | str:
        if row["kind"] == "meeting":
            return ""
        outcome = row["outcome"] or "-"
        return status_text(self.app, outcome, OUTCOME_TONES.get(outcome))

    def row_key(self, record_id: int) -> str:
        return f"decision:{record_id}"

    def position_of(self, record_id: int) -> int | None:
        return logs.decision_position(self.store, self.row_key(record_id))

    def fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return logs.decisions(self.store, search=search or None, limit=limit, offset=offset)

    def count(self, search: str) -> int:
        return logs.count_decisions(self.store, search=search or None)

    def read(self) -> dict[str, int]:
        return logs.decision_counts(self.store)

    def summary(self, data: dict[str, int] | None) -> str:
        if not data:
            return ""
        return (
            f"Board meetings {data['meetings']:,}   Decisions {data['decisions']:,}"
            f" (no outcome yet {data['undecided']:,})"
        )

    def detail(self, row: dict) -> str:
        if row["kind"] == "meeting":
            return f"Notes: {display_text(row['notes'])}" if row["notes"] else ""
        parts = [
            f"Asked: {display_text(row['ask'])}" if row["ask"] else "",
            f"Note: {display_text(row['notes'])}" if row["notes"] else "",
            f"Actions raised: {display_text(row['actions_raised'])}" if row["actions_raised"] else "",
        ]
        return "   ".join(p for p in parts if p)

    def _selected_decision(self) -> dict | None:
        row = self.selected_row()
        if row is not None and row["kind"] != "decision":
            self.notify("Select a decision (the rows under a meeting)", severity="warning")
            return None
        return row

    # Decisions ---------------------------------------------------------------------
    def action_new(self) -> None:
        row = self.table.current_row
        meeting_id = row["board_meeting_id"] if row else None
        meetings, today = logs.meeting_choices(self.store), self.today()

        def save(fields: dict) -> str:
            board.create_decision(self.store, **fields)
            return f"Decision added: {display_text(fields['title'])}"

        self.edit(lambda: DecisionForm(None, meetings, today=today, meeting_id=meeting_id), save)

    def action_edit(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row["kind"] == "meeting":
            self._edit_meeting(row)
            return
        meetings, today = logs.meeting_choices(self.store), self.today()

        def save(fields: dict) -> str | None:
            if not fields:
                return None
            board.update_decision(self.store, row["id"], expected_version=row["version"], **fields)
            return f"Decision {row['ref']} saved"

        self.edit(lambda: DecisionForm(row, meetings, today=today), save)

    def action_outcome(self) -> None:
        row = self._selected_decision()
        if row is None:
            return

        def save(fields: dict) -> str | None:
            if not fields:
                return None
            board.update_decision(self.store, row["id"], expected_version=row["version"], **fields)
            outcome = fields.get("outcome", row["outcome"]) or "undecided"
            return f"Decision {row['ref']}: {outcome.lower()}"

        self.edit(lambda: DecisionOutcomeForm(row), save)

    def action_new_action(self) -> None:
        row = self._selected_decision()
        if row is None:
            return
        links, today = self.links(), self.today()
        preset = {"decision_id": row["id"], "board_meeting_id": row["board_meeting_id"]}

        def save(fields: dict) -> str:
            new_id = actions.create_action(self.store, **fields)
            return f"Action A{new_id} added, raised by decision {row['ref']}"

        self.edit(lambda: ActionForm(None, links, today=today, preset=preset), save)

    def action_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row["kind"] == "meeting":
            self._remove_meeting(row)
            return
        self.remove_with_reason(
            f"decision {row['ref']}: {display_text(row['title'])}",
            lambda reason: board.remove_decision(
                self.store, row["id"], reason, expected_version=row["version"]
            ),
            linked=f"The actions it raised ({row['action_refs']})" if row["action_refs"] else "",
        )

    # Meetings ----------------------------------------------------------------------
    def action_new_meeting(self) -> None:
        def save(values: dict) -> str:
            board.create_board_meeting(self.store, **values)
            return f"Board meeting {values['meeting_date'].isoformat()} added"

        self.edit(BoardMeetingForm, save)

    def _edit_meeting(self, row: dict) -> None:
        meeting = {"meeting_date": row["meeting_date"], "title": row["title"], "notes": row["notes"]}

        def save(values: dict) -> str:
            board.update_board_meeting(self.store, row["id"], expected_version=row["version"], **values)
            return "Board meeting saved"

        self.edit(lambda: BoardMeetingForm(meeting), save)

    def _remove_meeting(self, row: dict) -> None:
        others = tuple((shown, i) for shown, i in logs.meeting_choices(self.store) if i != row["id"])

        def save(answer: dict) -> str:
            board.remove_board_meeting(
                self.store,
                row["id"],
                answer["reason"],
                expected_version=row["version"],
                move_to=answer["move_to"],
            )
            return f"Removed board meeting {row['ref']} (ctrl+z undoes)"

        self.edit(lambda: RemoveMeetingForm(row, others), save)
