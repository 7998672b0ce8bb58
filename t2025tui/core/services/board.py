"""Futures Board meetings and the decisions required from the board."""

from t2025tui.core.changes import edit
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, remove, remove_with_dependents, update
from t2025tui.core.store import Store


def create_board_meeting(store: Store, **fields) -> int:
    when = str(fields.get("meeting_date", ""))
    if store.scalar("SELECT 1 FROM board_meeting WHERE meeting_date = ?", (when,)):
        raise ValidationError(f"meeting date: a board meeting on {when} already exists", "meeting_date")
    return create(store, "board_meeting", fields)


def update_board_meeting(
    store: Store, meeting_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    return update(
        store, "board_meeting", meeting_id, fields, expected_version=expected_version, reason=reason
    )


def create_decision(store: Store, **fields) -> int:
    """A decision for the board, numbered after the meeting's others."""
    with edit(store, f"Add decision {fields.get('title', '')}") as change:
        values = dict(fields)
        if values.get("position") is None:
            values["position"] = (
                1
                + change.conn.execute(
                    "SELECT COALESCE(MAX(position), 0) FROM decision WHERE board_meeting_id IS ?",
                    (values.get("board_meeting_id"),),
                ).fetchone()[0]
            )
        return change.insert("decision", values)


def update_decision(
    store: Store, decision_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    """Edit a decision; moved to another meeting, it is numbered after that meeting's own."""
    with edit(store, "Edit decision", reason=reason) as change:
        current = change.row("decision", decision_id)
        change.summary = f"Edit decision {current['title']}"
        moving = "board_meeting_id" in fields and fields["board_meeting_id"] != current["board_meeting_id"]
        if moving and fields.get("position") is None:
            fields["position"] = (
                1
                + change.conn.execute(
                    "SELECT COALESCE(MAX(position), 0) FROM decision WHERE board_meeting_id IS ?",
                    (fields["board_meeting_id"],),
                ).fetchone()[0]
            )
        return change.update("decision", decision_id, fields, expected_version=expected_version)


def remove_board_meeting(
    store: Store, meeting_id: int, reason: str, *, expected_version: int | None, move_to: int | None = None
) -> dict:
    """Remove a meeting; its decisions move to the meeting `move_to`, or it is refused."""
    return remove_with_dependents(
        store,
        "board_meeting",
        meeting_id,
        reason=reason,
        expected_version=expected_version,
        move_to=move_to,
        what="board meeting",
        move_hint="to another meeting",
    )


def remove_decision(store: Store, decision_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(store, "decision", decision_id, reason=reason, expected_version=expected_version)
