"""Futures Board meetings and the decisions required from the board."""

from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, update
from t2025tui.core.store import Store


def create_board_meeting(store: Store, **fields) -> int:
    when = str(fields.get("meeting_date", ""))
    if store.scalar("SELECT 1 FROM board_meeting WHERE meeting_date = ?", (when,)):
        raise ValidationError(f"meeting date: a board meeting on {when} already exists", "meeting_date")
    return create(store, "board_meeting", fields)


def update_board_meeting(store: Store, meeting_id: int, *, expected_version: int | None, **fields) -> dict:
    return update(store, "board_meeting", meeting_id, fields, expected_version=expected_version)


def create_decision(store: Store, **fields) -> int:
    return create(store, "decision", fields)


def update_decision(
    store: Store, decision_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    return update(store, "decision", decision_id, fields, expected_version=expected_version, reason=reason)
