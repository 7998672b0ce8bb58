"""Strategic objectives: the workstreams (delivery priorities) each serve one."""

from t2025tui.core.services.common import create, remove_with_dependents, update
from t2025tui.core.store import Store

EDITABLE = {"title", "notes", "position"}


def create_objective(store: Store, **fields) -> int:
    if fields.get("position") is None:
        fields["position"] = (store.scalar("SELECT MAX(position) FROM objective") or 0) + 1
    return create(store, "objective", fields)


def update_objective(
    store: Store, objective_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    return update(store, "objective", objective_id, fields, expected_version=expected_version, reason=reason)


def remove_objective(
    store: Store, objective_id: int, reason: str, *, expected_version: int | None, move_to: int | None = None
) -> dict:
    """Remove an objective; the workstreams serving it move to the objective `move_to`, or the
    removal is refused while any does."""
    return remove_with_dependents(
        store,
        "objective",
        objective_id,
        reason=reason,
        expected_version=expected_version,
        move_to=move_to,
        what="objective",
        move_hint="to another objective",
    )
