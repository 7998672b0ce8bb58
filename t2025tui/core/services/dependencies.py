"""Dependencies between milestones, also across workstreams: one that would make a loop is
refused, naming the loop."""

from t2025tui.core.changes import edit
from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.governance import dependency_path
from t2025tui.core.services.common import remove, update
from t2025tui.core.store import Store


def _refs(conn, ids: list[int]) -> list[str]:
    found = dict(conn.execute(f"SELECT id, ref FROM milestone WHERE id IN ({','.join('?' * len(ids))})", ids))
    return [str(found.get(i, i)) for i in ids]


def add_dependency(
    store: Store, milestone_id: int, needs_milestone_id: int, *, notes: str = "", reason: str = ""
) -> int:
    """`milestone_id` needs `needs_milestone_id` done first."""
    with edit(store, "Add dependency", reason=reason) as change:
        conn = change.conn
        milestone = change.row("milestone", milestone_id)
        needed = change.row("milestone", needs_milestone_id)
        change.summary = f"{milestone['ref']} needs {needed['ref']}"
        if milestone_id == needs_milestone_id:
            raise ValidationError(f"{milestone['ref']} cannot depend on itself", "needs_milestone_id")
        if conn.execute(
            "SELECT 1 FROM milestone_dependency WHERE milestone_id = ? AND needs_milestone_id = ?",
            (milestone_id, needs_milestone_id),
        ).fetchone():
            raise ValidationError(f"{milestone['ref']} already needs {needed['ref']}; nothing was changed")
        path = dependency_path(conn, needs_milestone_id, milestone_id)
        if path is not None:
            loop = " needs ".join(_refs(conn, [milestone_id, *path]))
            raise ValidationError(
                f"{milestone['ref']} needs {needed['ref']} would make a loop ({loop}); "
                "remove one of those dependencies first; nothing was changed",
                "needs_milestone_id",
            )
        return change.insert(
            "milestone_dependency",
            {"milestone_id": milestone_id, "needs_milestone_id": needs_milestone_id, "notes": notes},
        )


def update_dependency(
    store: Store, dependency_id: int, *, expected_version: int | None, reason: str = "", notes: str
) -> dict:
    return update(
        store,
        "milestone_dependency",
        dependency_id,
        {"notes": notes},
        expected_version=expected_version,
        reason=reason,
    )


def remove_dependency(store: Store, dependency_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(
        store,
        "milestone_dependency",
        dependency_id,
        reason=reason,
        expected_version=expected_version,
        summary="Remove dependency",
    )
