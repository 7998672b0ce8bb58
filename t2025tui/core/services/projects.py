"""Delivery projects, IT & enabling projects and BAU work, with de-scope / re-scope reasons."""

from t2025tui.core.services.common import create, require_reason, update
from t2025tui.core.store import Store

NEEDS_REASON = {"de-scoped", "re-scoped", "on hold"}
EDITABLE = {"name", "workstream_id", "grouping", "notes", "position"}


def create_project(store: Store, **fields) -> int:
    if fields.get("status") in NEEDS_REASON:
        require_reason(fields.get("status_reason"), f"for a {fields['status']} project")
    return create(store, "project", fields)


def update_project(store: Store, project_id: int, *, expected_version: int | None, **fields) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use set_project_status for status; not editable here: {sorted(unknown)}")
    return update(store, "project", project_id, fields, expected_version=expected_version)


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
