"""The lessons log: what was learnt, what happened, what to do next time."""

from t2025tui.core.services.common import create, remove, update
from t2025tui.core.store import Store


def create_lesson(store: Store, reason: str = "", **fields) -> int:
    return create(store, "lesson", fields, reason=reason)


def update_lesson(
    store: Store, lesson_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    return update(store, "lesson", lesson_id, fields, expected_version=expected_version, reason=reason)


def remove_lesson(store: Store, lesson_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(store, "lesson", lesson_id, reason=reason, expected_version=expected_version)
