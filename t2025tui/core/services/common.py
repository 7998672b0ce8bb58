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


def remove(
    store: Store,
    table: str,
    row_id: int,
    *,
    reason: str,
    expected_version: int | None,
    summary: str | None = None,
) -> dict:
    """Delete one row as an undoable edit; its last values are kept in the change log with the
    reason. Returns the row as it was. Callers first deal with any record that depends on it."""
    reason = require_reason(reason, f"to remove a {table.replace('_', ' ')}")
    with edit(store, summary or f"Remove {table.replace('_', ' ')}", reason=reason) as change:
        current = change.row(table, row_id)
        if summary is None:
            change.summary = f"Remove {table.replace('_', ' ')} {label_of(table, current)}"
        return change.delete(table, row_id, expected_version=expected_version)


# What depends on a record, as (table, column, what it is called): removing the record either
# moves these to another record of its kind, or is refused while any remain. Never a cascade.
DEPENDENTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "objective": (("workstream", "objective_id", "workstream"),),
    "workstream": (
        ("project", "workstream_id", "project"),
        ("milestone", "workstream_id", "milestone"),
        ("risk", "workstream_id", "risk"),
        ("recommendation", "workstream_id", "recommendation"),
        ("note", "workstream_id", "note"),
        ("action", "workstream_id", "action"),
        ("issue", "workstream_id", "issue"),
        ("lesson", "workstream_id", "lesson"),
    ),
    "project": (("milestone", "project_id", "milestone"),),
    "board_meeting": (("decision", "board_meeting_id", "decision"),),
}


NUMBERED_WITHIN_PARENT = frozenset({"decision"})


def dependents(conn, table: str, row_id: int) -> list[tuple[str, str, list[int]]]:
    """[(table, column, ids)] of the records that point at this one."""
    found = []
    for child, column, _ in DEPENDENTS.get(table, ()):
        ids = [
            r[0] for r in conn.execute(f"SELECT id FROM {child} WHERE {column} = ? ORDER BY id", (row_id,))
        ]
        if ids:
            found.append((child, column, ids))
    return found


def describe_dependents(table: str, found: list[tuple[str, str, list[int]]]) -> str:
    names = dict((child, name) for child, _, name in DEPENDENTS.get(table, ()))
    parts = [f"{len(ids)} {names[child]}{'' if len(ids) == 1 else 's'}" for child, _, ids in found]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def remove_with_dependents(
    store: Store,
    table: str,
    row_id: int,
    *,
    reason: str,
    expected_version: int | None,
    move_to: int | None = None,
    what: str,
    move_hint: str,
) -> dict:
    """Remove a record that others may point at: they are moved to `move_to` in the same undoable
    change (each move logged), or, with no `move_to`, the removal is refused naming them."""
    reason = require_reason(reason, f"to remove a {what}")
    with edit(store, f"Remove {what}", reason=reason) as change:
        current = change.row(table, row_id)
        label = label_of(table, current)
        change.summary = f"Remove {what} {label}"
        found = dependents(change.conn, table, row_id)
        if found and move_to is None:
            raise ValidationError(
                f"{what} {label} has {describe_dependents(table, found)}; move them first ({move_hint}) "
                "or remove them; nothing was changed",
                "move_to",
            )
        if found and move_to is not None:
            if move_to == row_id:
                raise ValidationError(
                    f"cannot move the {what}'s records onto the {what} being removed", "move_to"
                )
            target = change.row(table, move_to)  # refuses a target that does not exist
            change.summary = f"Remove {what} {label}, moving its records to {label_of(table, target)}"
            for child, column, ids in found:
                # Decisions are numbered within their meeting (2022-03-15#2): moved ones follow on.
                after = 0
                if child in NUMBERED_WITHIN_PARENT:
                    after = change.conn.execute(
                        f"SELECT COALESCE(MAX(position), 0) FROM {child} WHERE {column} = ?", (move_to,)
                    ).fetchone()[0]
                for number, child_id in enumerate(ids, start=1):
                    values: dict = {column: move_to}
                    if child in NUMBERED_WITHIN_PARENT:
                        values["position"] = after + number
                    change.update(child, child_id, values, expected_version=None)
        return change.delete(table, row_id, expected_version=expected_version)
