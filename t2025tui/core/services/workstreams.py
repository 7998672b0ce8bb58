"""Workstreams: RAG with its reason, lead, commentary, and stand-up notes."""

from t2025tui.core.changes import edit, now_iso
from t2025tui.core.rag import check_rag, is_worse
from t2025tui.core.services.common import create, remove_with_dependents, require_reason, update
from t2025tui.core.store import Store

EDITABLE = {"code", "name", "lead", "objective_id", "commentary", "position"}


def create_workstream(store: Store, **fields) -> int:
    """A new workstream; with no position it goes after the others."""
    check_rag(store, fields.get("rag"))
    if fields.get("position") is None:
        fields["position"] = (store.scalar("SELECT MAX(position) FROM workstream") or 0) + 1
    return create(store, "workstream", fields)


def update_workstream(
    store: Store, workstream_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use set_workstream_rag for RAG; not editable here: {sorted(unknown)}")
    return update(
        store, "workstream", workstream_id, fields, expected_version=expected_version, reason=reason
    )


def set_workstream_rag(
    store: Store, workstream_id: int, rag: str, reason: str = "", *, expected_version: int | None
) -> dict:
    """Set a workstream's RAG; a worsening needs a reason, which becomes the RAG reason."""
    check_rag(store, rag)
    with edit(store, "Set RAG") as change:
        current = change.row("workstream", workstream_id)
        if is_worse(current["rag"], rag):
            reason = require_reason(reason, f"when the RAG worsens from {current['rag']} to {rag}")
        reason = (reason or "").strip()
        change.reason = reason
        change.summary = f"Set RAG of {current['name']} to {rag}"
        changes = {"rag": rag}
        if reason:
            changes["rag_reason"] = reason
        return change.update("workstream", workstream_id, changes, expected_version=expected_version)


def set_commentary(
    store: Store, workstream_id: int, commentary: str, *, expected_version: int | None
) -> dict:
    return update(
        store,
        "workstream",
        workstream_id,
        {"commentary": commentary},
        expected_version=expected_version,
        summary="Edit commentary",
    )


def add_note(store: Store, workstream_id: int | None, text: str) -> int:
    return create(
        store,
        "note",
        {"workstream_id": workstream_id, "created_at": now_iso(), "text": text},
        summary="Add note",
    )


def remove_workstream(
    store: Store, workstream_id: int, reason: str, *, expected_version: int | None, move_to: int | None = None
) -> dict:
    """Remove a workstream; its projects, milestones, risks, recommendations and notes move to
    the workstream `move_to`, or the removal is refused while it has any."""
    return remove_with_dependents(
        store,
        "workstream",
        workstream_id,
        reason=reason,
        expected_version=expected_version,
        move_to=move_to,
        what="workstream",
        move_hint="to another workstream",
    )
