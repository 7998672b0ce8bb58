"""HMICFRS recommendations and their status flow.

Open -> In progress -> Submitted for closure -> Signed off, or Closed / No longer relevant.
Moving backwards, closing and marking no longer relevant need a reason.
"""

from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, remove, require_reason, update
from t2025tui.core.store import Store

FLOW = ("Open", "In progress", "Submitted for closure", "Signed off")
ENDINGS = ("Closed", "No longer relevant")
EDITABLE = {
    "ref",
    "source_report",
    "source_date",
    "kind",
    "text",
    "owner",
    "workstream_id",
    "target_date",
    "evidence",
    "notes",
}


def allowed_next(status: str) -> tuple[str, ...]:
    """Statuses reachable from `status`: one step either way along the flow, or an ending."""
    if status in ENDINGS:
        return ("Open",)
    position = FLOW.index(status)
    steps = [FLOW[i] for i in (position - 1, position + 1) if 0 <= i < len(FLOW)]
    return tuple(steps) + (ENDINGS if status != "Signed off" else ())


def needs_reason(old: str, new: str) -> bool:
    if new in ENDINGS or old in ENDINGS:
        return True
    return FLOW.index(new) < FLOW.index(old)


def _check_ref_free(store: Store, ref: str | None, rec_id: int | None = None) -> None:
    if ref is not None and store.scalar(
        "SELECT id FROM recommendation WHERE ref = ? AND id IS NOT ?", (ref, rec_id)
    ):
        raise ValidationError(
            f"ref: a recommendation with ref {ref!r} already exists; choose another ref", "ref"
        )


def create_recommendation(store: Store, **fields) -> int:
    _check_ref_free(store, fields.get("ref"))
    return create(store, "recommendation", fields)


def update_recommendation(
    store: Store, rec_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use set_recommendation_status for status; not editable here: {sorted(unknown)}")
    _check_ref_free(store, fields.get("ref"), rec_id)
    return update(store, "recommendation", rec_id, fields, expected_version=expected_version, reason=reason)


def set_recommendation_status(
    store: Store,
    rec_id: int,
    status: str,
    reason: str = "",
    *,
    expected_version: int | None,
    evidence: str | None = None,
) -> dict:
    current = store.query_one("SELECT status, ref FROM recommendation WHERE id = ?", (rec_id,))
    if current is None:
        raise ValidationError(f"recommendation {rec_id} no longer exists")
    if status == current["status"]:
        return {}
    if status not in allowed_next(current["status"]):
        raise ValidationError(
            f"status: {current['ref']} cannot go from {current['status']} to {status}; "
            f"next can be {', '.join(allowed_next(current['status']))}",
            "status",
        )
    if needs_reason(current["status"], status):
        reason = require_reason(reason, f"to move from {current['status']} to {status}")
    changes = {"status": status}
    if evidence is not None:
        changes["evidence"] = evidence
    return update(
        store,
        "recommendation",
        rec_id,
        changes,
        expected_version=expected_version,
        summary=f"Set {current['ref']} to {status}",
        reason=reason.strip(),
    )


def remove_recommendation(
    store: Store, recommendation_id: int, reason: str, *, expected_version: int | None
) -> dict:
    return remove(
        store, "recommendation", recommendation_id, reason=reason, expected_version=expected_version
    )
