"""Shared building blocks for services: create and update a record in one audited edit."""

from t2025tui.core.changes import edit, label_of
from t2025tui.core.errors import ValidationError
from t2025tui.core.store import Store


def create(store: Store, table: str, values: dict, *, summary: str | None = None, reason: str = "") -> int:
    with edit(
        store, summary or f"Add {table.replace('_', ' ')} {label_of(table, values)}", reason=reason
    ) as change:
        return change.insert(table, values)


def update(
    store: Store,
    table: str,
    row_id: int,
    changes: dict,
    *,
    expected_version: int | None,
    summary: str | None = None,
    reason: str = "",
) -> dict:
    """Apply `changes` to one row; returns {field: (old, new)} of what changed."""
    with edit(store, summary or f"Edit {table.replace('_', ' ')} {row_id}", reason=reason) as change:
        if summary is None:
            change.summary = f"Edit {label_of(table, change.row(table, row_id))}"
        return change.update(table, row_id, changes, expected_version=expected_version)


def require_reason(reason: str | None, why: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"a reason is required {why}", "reason")
    return reason
