"""Delivery projects, IT & enabling projects and BAU work, with de-scope / re-scope reasons."""

from t2025tui.core.changes import edit, label_of
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, remove_with_dependents, require_reason, update
from t2025tui.core.store import Store

NEEDS_REASON = {"de-scoped", "re-scoped", "on hold"}
EDITABLE = {"name", "workstream_id", "grouping", "notes", "position"}


def create_project(store: Store, **fields) -> int:
    if fields.get("status") in NEEDS_REASON:
        require_reason(fields.get("status_reason"), f"for a {fields['status']} project")
    return create(store, "project", fields)


def update_project(
    store: Store, project_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use set_project_status for status; not editable here: {sorted(unknown)}")
    if "workstream_id" in fields:
        _check_milestones_follow(store, project_id, fields["workstream_id"])
    return update(store, "project", project_id, fields, expected_version=expected_version, reason=reason)


def _check_milestones_follow(store: Store, project_id: int, workstream_id: int | None) -> None:
    """A project moved to another workstream would leave its milestones in the old one."""
    if workstream_id is None:
        return
    stranded = store.scalar(
        "SELECT COUNT(*) FROM milestone WHERE project_id = ? AND workstream_id IS NOT ?",
        (project_id, workstream_id),
    )
    if stranded:
        raise ValidationError(
            f"workstream: the project has {stranded} milestone{'' if stranded == 1 else 's'} in its present "
            "workstream; move them with the project first, or to another project",
            "workstream_id",
        )


def remove_project(
    store: Store, project_id: int, reason: str, *, expected_version: int | None, move_to: int | None = None
) -> dict:
    """Remove a project; its milestones move to the project `move_to` (of the same workstream),
    or the removal is refused while it has any."""
    if move_to is not None:
        moving = store.query(
            "SELECT DISTINCT workstream_id FROM milestone WHERE project_id = ?", (project_id,)
        )
        target = store.query_one("SELECT name, workstream_id FROM project WHERE id = ?", (move_to,))
        if (
            target is not None
            and target["workstream_id"] is not None
            and any(row["workstream_id"] != target["workstream_id"] for row in moving)
        ):
            raise ValidationError(
                f"move to: project {target['name']!r} is in another workstream than these milestones; "
                "choose a project of the same workstream",
                "move_to",
            )
    return remove_with_dependents(
        store,
        "project",
        project_id,
        reason=reason,
        expected_version=expected_version,
        move_to=move_to,
        what="project",
        move_hint="to another project",
    )


def set_project_status(
    store: Store, project_id: int, status: str, reason: str = "", *, expected_version: int | None
) -> dict:
    if status in NEEDS_REASON:
        reason = require_reason(reason, f"to mark a project {status}")
    changes = {"status": status}
    if reason.strip():
        changes["status_reason"] = reason.strip()
    return update(
        store,
        "project",
        project_id,
        changes,
        expected_version=expected_version,
        summary=f"Set project status to {status}",
        reason=reason.strip(),
    )


def edit_project(
    store: Store,
    project_id: int,
    *,
    expected_version: int | None,
    reason: str = "",
    status: str | None = None,
    **fields,
) -> dict:
    """The app's project form in one undoable change: name, group, notes, a status (with its
    reason where one is needed) and a move to another workstream, which takes the project's
    milestones along (each move logged) instead of leaving them behind."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    reason = (reason or "").strip()
    with edit(store, "Edit project", reason=reason) as change:
        current = change.row("project", project_id)
        change.summary = f"Edit project {label_of('project', current)}"
        changes = dict(fields)
        if status is not None and status != current["status"]:
            if status in NEEDS_REASON:
                reason = require_reason(reason, f"to mark a project {status}")
            changes["status"] = status
            if reason:
                changes["status_reason"] = reason
        target = changes.get("workstream_id", current["workstream_id"])
        if target != current["workstream_id"]:
            if (
                target is not None
                and change.conn.execute("SELECT 1 FROM workstream WHERE id = ?", (target,)).fetchone() is None
            ):
                raise ValidationError(f"workstream {target} does not exist", "workstream_id")
            change.summary = f"Move project {label_of('project', current)} with its milestones"
            for (milestone_id,) in change.conn.execute(
                "SELECT id FROM milestone WHERE project_id = ? ORDER BY id", (project_id,)
            ).fetchall():
                if target is None:
                    change.update("milestone", milestone_id, {"project_id": None}, expected_version=None)
                else:
                    change.update("milestone", milestone_id, {"workstream_id": target}, expected_version=None)
        return change.update("project", project_id, changes, expected_version=expected_version)


def move_project(
    store: Store, project_id: int, workstream_id: int, *, reason: str = "", expected_version: int | None
) -> dict:
    """Move a project, with its milestones, to another workstream (one undoable change)."""
    return edit_project(
        store, project_id, expected_version=expected_version, reason=reason, workstream_id=workstream_id
    )
