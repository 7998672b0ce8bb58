"""The programme's key messages: an ordered list the pack and the report print."""

from t2025tui.core.changes import edit
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import remove, update
from t2025tui.core.store import Store


def _renumber(change, order: list[int]) -> None:
    for position, message_id in enumerate(order, start=1):
        change.update("key_message", message_id, {"position": position}, expected_version=None)


def _order(store: Store) -> list[int]:
    return [r["id"] for r in store.query("SELECT id FROM key_message ORDER BY position, id")]


def add_key_message(store: Store, text: str, *, position: int | None = None) -> int:
    """Add a message at `position` (1 is first; default: last)."""
    order = _order(store)
    at = len(order) + 1 if position is None else position
    if not 1 <= at <= len(order) + 1:
        raise ValidationError(f"position: must be between 1 and {len(order) + 1}", "position")
    with edit(store, f"Add key message {text[:60]}") as change:
        new_id = change.insert("key_message", {"text": text, "position": at})
        _renumber(change, [*order[: at - 1], new_id, *order[at - 1 :]])
        return new_id


def update_key_message(
    store: Store, message_id: int, *, expected_version: int | None, text: str, reason: str = ""
) -> dict:
    return update(
        store, "key_message", message_id, {"text": text}, expected_version=expected_version, reason=reason
    )


def move_key_message(store: Store, message_id: int, position: int) -> None:
    """Put a message at `position` (1 is first), the others keeping their order."""
    order = _order(store)
    if message_id not in order:
        raise ValidationError("that key message no longer exists; the list will reload")
    if not 1 <= position <= len(order):
        raise ValidationError(f"position: must be between 1 and {len(order)}", "position")
    order.remove(message_id)
    order.insert(position - 1, message_id)
    with edit(store, "Reorder key messages") as change:
        _renumber(change, order)


def remove_key_message(store: Store, message_id: int, reason: str, *, expected_version: int | None) -> dict:
    """Remove a message (undoable); the others keep their order."""
    return remove(store, "key_message", message_id, reason=reason, expected_version=expected_version)
