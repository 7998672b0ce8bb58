"""Board decisions: create or edit one (its meeting, what the board is asked, owner, due date,
outcome and note), record its outcome, and remove a board meeting (moving its decisions)."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from t2025tui.core.models import DecisionOutcome
from t2025tui.core.text import display_text
from t2025tui.tui.modals.action_form import DATE_HINT, Choices
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form

# "" stands for not decided yet (stored as none).
OUTCOMES = (("Undecided", ""), *((o, o) for o in get_args(DecisionOutcome)))


def _outcome(row: dict) -> Field:
    return Field("outcome", "Outcome", "options", row.get("outcome") or "", choices=OUTCOMES)


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    if "outcome" in values:
        values = {**values, "outcome": values["outcome"] or None}
    return values


class DecisionForm(Form[dict]):
    """Dismisses the fields to save: all of them for a new decision, only the changed ones for an edit."""

    def __init__(self, row: dict | None, meetings: Choices, *, today: date, meeting_id: int | None = None):
        self.row = row
        self.meetings = meetings
        self.today = today
        self.meeting_id = meeting_id
        self.title_text = (
            f"Edit decision {display_text(row['ref'])}: {display_text(row['title'])}"
            if row
            else "New decision"
        )
        super().__init__()

    def fields(self) -> list[Field]:
        row = self.row or {"board_meeting_id": self.meeting_id}
        return [
            Field(
                "board_meeting_id",
                "Board meeting",
                "choice",
                row.get("board_meeting_id"),
                choices=self.meetings,
                hint="b on the decision log adds a meeting",
            ),
            Field("title", "Decision", value=row.get("title"), required=True, what="the decision"),
            Field("ask", "Board asked", "long", row.get("ask"), hint="what the board is asked to decide"),
            Field("owner", "Owner", value=row.get("owner")),
            Field("due_date", "Due", "date", row.get("due_date"), base=self.today, hint=DATE_HINT),
            _outcome(row),
            Field("notes", "Note", "long", row.get("notes")),
        ]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, _stored(values))


class DecisionOutcomeForm(Form[dict]):
    """The board's outcome and a note on it; dismisses the changed fields."""

    FOCUS = "outcome"

    def __init__(self, row: dict):
        self.row = row
        self.title_text = f"Outcome of decision {display_text(row['ref'])}: {display_text(row['title'])}"
        super().__init__()

    def fields(self) -> list[Field]:
        return [_outcome(self.row), Field("notes", "Note", "long", self.row.get("notes"))]

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.row, _stored(values))


class RemoveMeetingForm(Form[dict]):
    """A reason, and where the meeting's decisions go (required while it has any);
    dismisses {'reason': str, 'move_to': int | None}."""

    FOCUS = "reason"
    REFUSAL_FIELD = "reason"

    def __init__(self, row: dict, others: Choices):
        self.row = row
        self.others = others
        self.title_text = f"Remove board meeting {row['ref']}: {display_text(row['title'])}"
        super().__init__()

    def fields(self) -> list[Field]:
        fields = [Field("reason", "Reason", required=True, what="a reason")]
        if self.row["decisions"] and self.others:  # with no other meeting the service's refusal says why
            count = self.row["decisions"]
            fields.append(
                Field(
                    "move_to",
                    "Move decisions to",
                    "choice",
                    choices=self.others,
                    required=True,
                    hint=f"its {count} decision{'' if count == 1 else 's'} move to this meeting",
                )
            )
        return fields

    def build(self, values: dict[str, Any]) -> dict:
        return {"reason": values["reason"].strip(), "move_to": values.get("move_to")}
