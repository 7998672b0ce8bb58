"""The action log: who does what by when, done or dropped with a reason."""

from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, remove, require_reason, update
from t2025tui.core.store import Store

EDITABLE = {
    "title",
    "owner",
    "due_date",
    "workstream_id",
    "risk_id",
    "issue_id",
    "decision_id",
    "board_meeting_id",
    "notes",
}


def create_action(store: Store, reason: str = "", **fields) -> int:
    if fields.get("status", "Open") != "Open":
        raise ValidationError(
            "a new action is Open; add it, then mark it done or dropped with a reason", "status"
        )
    return create(store, "action", fields, reason=reason)


def update_action(
    store: Store, action_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use set_action_status for status; not editable here: {sorted(unknown)}")
    return update(store, "action", action_id, fields, expected_version=expected_version, reason=reason)


def set_action_status(
    store: Store, action_id: int, status: str, reason: str, *, expected_version: int | None
) -> dict:
    """Done, dropped or re-opened. Dropping or re-opening needs a reason; it is kept on the action."""
    if status in ("Dropped", "Open"):
        reason = require_reason(
            reason, "to drop an action" if status == "Dropped" else "to re-open an action"
        )
    reason = (reason or "").strip()
    verb = {"Done": "Complete", "Dropped": "Drop", "Open": "Re-open"}.get(status, "Set status of")
    return update(
        store,
        "action",
        action_id,
        {"status": status, "status_reason": reason},
        expected_version=expected_version,
        summary=f"{verb} action A{action_id}",
        reason=reason,
    )


def remove_action(store: Store, action_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(store, "action", action_id, reason=reason, expected_version=expected_version)
