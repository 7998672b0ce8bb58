"""The risk register (PRINCE2 / Orange Book fields, inherent and residual 5x5)."""

from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, remove, require_reason, update
from t2025tui.core.store import Store

EDITABLE = {
    "ref",
    "title",
    "cause",
    "event",
    "effect",
    "category",
    "owner",
    "inherent_likelihood",
    "inherent_impact",
    "residual_likelihood",
    "residual_impact",
    "proximity",
    "response",
    "actions",
    "review_date",
    "workstream_id",
    "notes",
}


def _check_ref_free(store: Store, ref: str | None, risk_id: int | None = None) -> None:
    if ref is None:
        return
    other = store.scalar("SELECT id FROM risk WHERE ref = ? AND id IS NOT ?", (ref, risk_id))
    if other is not None:
        raise ValidationError(f"ref: a risk with ref {ref!r} already exists; choose another ref", "ref")


def create_risk(store: Store, reason: str = "", **fields) -> int:
    _check_ref_free(store, fields.get("ref"))
    return create(store, "risk", fields, reason=reason)


def update_risk(
    store: Store, risk_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use close_risk / reopen_risk for status; not editable here: {sorted(unknown)}")
    _check_ref_free(store, fields.get("ref"), risk_id)
    return update(store, "risk", risk_id, fields, expected_version=expected_version, reason=reason)


def close_risk(store: Store, risk_id: int, reason: str, *, expected_version: int | None) -> dict:
    reason = require_reason(reason, "to close a risk")
    return update(
        store,
        "risk",
        risk_id,
        {"status": "Closed"},
        expected_version=expected_version,
        summary="Close risk",
        reason=reason,
    )


def reopen_risk(store: Store, risk_id: int, reason: str, *, expected_version: int | None) -> dict:
    reason = require_reason(reason, "to re-open a risk")
    return update(
        store,
        "risk",
        risk_id,
        {"status": "Open"},
        expected_version=expected_version,
        summary="Re-open risk",
        reason=reason,
    )


def remove_risk(store: Store, risk_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(store, "risk", risk_id, reason=reason, expected_version=expected_version)
