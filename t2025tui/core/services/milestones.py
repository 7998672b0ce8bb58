"""Milestones: forecast slips (reason required), completion, re-baselining, de-scoping.

Every earlier baseline is kept in `baseline_history` with the reason it was replaced.
"""

from datetime import date, timedelta

from t2025tui.core.changes import edit, label_of
from t2025tui.core.dates import parse_iso_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, require_reason
from t2025tui.core.store import Store

EDITABLE = {"title", "owner", "tolerance_days", "notes", "project_id", "workstream_id"}


def create_milestone(store: Store, **fields) -> int:
    return create(store, "milestone", fields)


def update_milestone(
    store: Store, milestone_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    """Edit descriptive fields. Dates go through set_forecast / mark_done / rebaseline."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here (use the date services): {sorted(unknown)}")
    with edit(store, "Edit milestone", reason=reason) as change:
        change.summary = f"Edit milestone {label_of('milestone', change.row('milestone', milestone_id))}"
        return change.update("milestone", milestone_id, fields, expected_version=expected_version)


def _as_date(value, field: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise ValidationError(f"{field.replace('_', ' ')}: {exc}", field) from None


def set_forecast(
    store: Store,
    milestone_id: int,
    forecast: date | str | None,
    reason: str = "",
    *,
    expected_version: int | None,
) -> dict:
    """Move the forecast date; moving it later (a slip) needs a reason."""
    new = _as_date(forecast, "forecast_date")
    with edit(store, "Change forecast") as change:
        current = change.row("milestone", milestone_id)
        old = _as_date(current["forecast_date"], "forecast_date")
        slipped = new is None or (old is not None and new > old)
        if slipped:
            reason = require_reason(reason, "when a forecast slips later")
        reason = (reason or "").strip()
        change.reason = reason
        verb = "Slip" if slipped else "Bring forward"
        change.summary = f"{verb} {current['title']} to {new.isoformat() if new else 'no date'}"
        changes: dict[str, object] = {"forecast_date": new}
        if reason:
            changes["last_change_reason"] = reason
        return change.update("milestone", milestone_id, changes, expected_version=expected_version)


def shift_forecast(
    store: Store, milestone_id: int, days: int, reason: str = "", *, expected_version: int | None
) -> dict:
    """Move the forecast by `days` (e.g. +7 in stand-up), counting from the baseline if unforecast."""
    current = store.query_one(
        "SELECT forecast_date, baseline_date FROM milestone WHERE id = ?", (milestone_id,)
    )
    if current is None:
        raise ValidationError(f"milestone {milestone_id} no longer exists")
    start = current["forecast_date"] or current["baseline_date"]
    if start is None:
        raise ValidationError(
            "this milestone has no forecast or baseline date to move; set a forecast first", "forecast_date"
        )
    new = parse_iso_date(start) + timedelta(days=days)
    return set_forecast(store, milestone_id, new, reason, expected_version=expected_version)


def mark_done(
    store: Store,
    milestone_id: int,
    actual: date | str | None = None,
    reason: str = "",
    *,
    expected_version: int | None,
) -> dict:
    """Record the actual completion date (today if not given); `reopen` undoes it."""
    actual_date = _as_date(actual if actual is not None else date.today(), "actual_date")
    assert actual_date is not None  # a date was given or today was taken
    with edit(store, "Mark done", reason=reason) as change:
        current = change.row("milestone", milestone_id)
        change.summary = f"Complete {current['title']} on {actual_date.isoformat()}"
        return change.update(
            "milestone", milestone_id, {"actual_date": actual_date}, expected_version=expected_version
        )


def reopen(store: Store, milestone_id: int, reason: str, *, expected_version: int | None) -> dict:
    reason = require_reason(reason, "to re-open a completed milestone")
    with edit(store, "Re-open milestone", reason=reason) as change:
        current = change.row("milestone", milestone_id)
        change.summary = f"Re-open {current['title']}"
        return change.update(
            "milestone",
            milestone_id,
            {"actual_date": None, "last_change_reason": reason},
            expected_version=expected_version,
        )


def rebaseline(
    store: Store, milestone_id: int, baseline: date | str, reason: str, *, expected_version: int | None
) -> dict:
    """Replace the baseline; the old one is kept in the baseline history with the reason."""
    reason = require_reason(reason, "to re-baseline a milestone")
    new = _as_date(baseline, "baseline_date")
    if new is None:
        raise ValidationError(
            "baseline date: a re-baseline needs the new baseline date (YYYY-MM-DD)", "baseline_date"
        )
    with edit(store, "Re-baseline", reason=reason) as change:
        current = change.row("milestone", milestone_id)
        change.summary = f"Re-baseline {current['title']} to {new.isoformat()}"
        diff = change.update(
            "milestone",
            milestone_id,
            {"baseline_date": new, "last_change_reason": reason},
            expected_version=expected_version,
        )
        if "baseline_date" in diff:
            change.insert(
                "baseline_history",
                {
                    "milestone_id": milestone_id,
                    "baseline_date": current["baseline_date"],
                    "replaced_at": change.at,
                    "reason": reason,
                },
            )
        return diff


def set_descoped(
    store: Store, milestone_id: int, descoped: bool, reason: str, *, expected_version: int | None
) -> dict:
    """De-scope (or reinstate) a milestone; it is kept, with the reason."""
    reason = require_reason(reason, "to de-scope or reinstate a milestone")
    with edit(store, "De-scope", reason=reason) as change:
        current = change.row("milestone", milestone_id)
        change.summary = f"{'De-scope' if descoped else 'Reinstate'} {current['title']}"
        return change.update(
            "milestone",
            milestone_id,
            {"descoped": descoped, "last_change_reason": reason},
            expected_version=expected_version,
        )


def baseline_history(store: Store, milestone_id: int) -> list[dict]:
    return store.query("SELECT * FROM baseline_history WHERE milestone_id = ? ORDER BY id", (milestone_id,))
