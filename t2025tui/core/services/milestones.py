"""Milestones: forecast slips (reason required), completion, re-baselining, de-scoping.

Every earlier baseline is kept in `baseline_history` with the reason it was replaced.
"""

from datetime import date, timedelta

from t2025tui.core.changes import edit, label_of
from t2025tui.core.dates import parse_iso_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.status import status_date
from t2025tui.core.services.common import require_reason
from t2025tui.core.store import Store

EDITABLE = {"title", "owner", "tolerance_days", "notes", "project_id", "workstream_id"}


def next_ref(conn, workstream_id: int) -> str:
    """The next free ref of a workstream's code: FCR-M01, FCR-M02, ... (as the schema's trigger
    gives one to a milestone written without a ref)."""
    code = conn.execute("SELECT code FROM workstream WHERE id = ?", (workstream_id,)).fetchone()
    if code is None:
        raise ValidationError(f"workstream {workstream_id} does not exist", "workstream_id")
    prefix = f"{code[0]}-M"
    numbers = [
        int(ref[len(prefix) :])
        for (ref,) in conn.execute(
            # Every ref starting `<code>-M` sorts between it and `<code>-N`: a seek on the ref index.
            "SELECT ref FROM milestone WHERE ref > ? AND ref < ?",
            (prefix, prefix[:-1] + "N"),
        ).fetchall()
        if ref[len(prefix) :].isascii() and ref[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def _check_project_fits(conn, workstream_id, project_id) -> None:
    """A milestone's project must be one of its workstream's, or one outside any workstream."""
    if project_id is None:
        return
    row = conn.execute(
        "SELECT p.name, p.workstream_id, w.code FROM project p LEFT JOIN workstream w ON w.id = p.workstream_id"
        " WHERE p.id = ?",
        (project_id,),
    ).fetchone()
    if row is None:
        raise ValidationError(f"project {project_id} does not exist", "project_id")
    name, project_workstream, code = row
    if project_workstream is not None and project_workstream != workstream_id:
        raise ValidationError(
            f"project: {name!r} belongs to workstream {code}; choose one of this workstream's projects, "
            "or move the milestone to that workstream",
            "project_id",
        )


def create_milestone(store: Store, **fields) -> int:
    """A new milestone with the next ref of its workstream; the tolerance defaults to the
    programme's default tolerance."""
    with edit(store, f"Add milestone {fields.get('title', '')}") as change:
        workstream_id = fields.get("workstream_id")
        if not isinstance(workstream_id, int):
            raise ValidationError("workstream: a milestone needs a workstream", "workstream_id")
        _check_project_fits(change.conn, workstream_id, fields.get("project_id"))
        values = dict(fields)
        if values.get("tolerance_days") is None:
            values["tolerance_days"] = change.conn.execute(
                "SELECT default_tolerance_days FROM programme WHERE id = 1"
            ).fetchone()[0]
        values.setdefault("ref", next_ref(change.conn, workstream_id))
        return change.insert("milestone", values)


def move_milestone(
    store: Store,
    milestone_id: int,
    *,
    workstream_id: int | None = None,
    project_id: int | None = None,
    clear_project: bool = False,
    reason: str = "",
    expected_version: int | None,
) -> dict:
    """Move a milestone to another workstream and/or project; its ref stays as it is. Given only
    a project, the milestone follows the project's workstream; moved to another workstream, it
    leaves a project of the old one."""
    with edit(store, "Move milestone", reason=reason.strip()) as change:
        current = change.row("milestone", milestone_id)
        target_project = (
            None if clear_project else (project_id if project_id is not None else current["project_id"])
        )
        target_workstream = workstream_id
        if target_workstream is None and project_id is not None:
            owner = change.conn.execute(
                "SELECT workstream_id FROM project WHERE id = ?", (project_id,)
            ).fetchone()
            if owner is None:
                raise ValidationError(f"project {project_id} does not exist", "project_id")
            target_workstream = owner[0]
        if target_workstream is None:
            target_workstream = current["workstream_id"]
        if project_id is None and target_project is not None:
            owner = change.conn.execute(
                "SELECT workstream_id FROM project WHERE id = ?", (target_project,)
            ).fetchone()
            if owner is not None and owner[0] not in (None, target_workstream):
                target_project = None  # the old workstream's project does not come along
        _check_project_fits(change.conn, target_workstream, target_project)
        change.summary = f"Move milestone {current['ref'] or current['title']}"
        return change.update(
            "milestone",
            milestone_id,
            {"workstream_id": target_workstream, "project_id": target_project},
            expected_version=expected_version,
        )


def remove_milestone(store: Store, milestone_id: int, reason: str, *, expected_version: int | None) -> dict:
    """Remove a milestone with its baseline history, as one undoable change logged with the last
    values of each and the reason."""
    reason = require_reason(reason, "to remove a milestone")
    with edit(store, "Remove milestone", reason=reason) as change:
        current = change.row("milestone", milestone_id)
        change.summary = f"Remove milestone {current['ref']} {current['title']}"
        for (history_id,) in change.conn.execute(
            "SELECT id FROM baseline_history WHERE milestone_id = ? ORDER BY id DESC", (milestone_id,)
        ).fetchall():
            change.delete("baseline_history", history_id, expected_version=None)
        # Logged one by one (not left to the cascade), so undoing the removal brings them back.
        for (dependency_id,) in change.conn.execute(
            "SELECT id FROM milestone_dependency WHERE ? IN (milestone_id, needs_milestone_id) ORDER BY id DESC",
            (milestone_id,),
        ).fetchall():
            change.delete("milestone_dependency", dependency_id, expected_version=None)
        return change.delete("milestone", milestone_id, expected_version=expected_version)


def update_milestone(
    store: Store, milestone_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    """Edit descriptive fields. Dates go through set_forecast / mark_done / rebaseline."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here (use the date services): {sorted(unknown)}")
    with edit(store, "Edit milestone", reason=reason) as change:
        current = change.row("milestone", milestone_id)
        if "workstream_id" in fields or "project_id" in fields:
            _check_project_fits(
                change.conn,
                fields.get("workstream_id", current["workstream_id"]),
                fields.get("project_id", current["project_id"]),
            )
        change.summary = f"Edit milestone {label_of('milestone', current)}"
        return change.update("milestone", milestone_id, fields, expected_version=expected_version)


def _as_date(value, field: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise ValidationError(f"{field.replace('_', ' ')}: {exc}", field) from None


class ForecastChange(dict):
    """{field: (old, new)} of a forecast move, and `affects`: the dependants it puts at risk
    (rows of the dependency_at_risk view), for the slip's notice to name."""

    affects: list[dict]


def set_forecast(
    store: Store,
    milestone_id: int,
    forecast: date | str | None,
    reason: str = "",
    *,
    expected_version: int | None,
) -> ForecastChange:
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
        result = ForecastChange(
            change.update("milestone", milestone_id, changes, expected_version=expected_version)
        )
        result.affects = [
            dict(zip(("milestone_ref", "milestone_title", "milestone_date", "needs_date"), row, strict=True))
            for row in change.conn.execute(
                "SELECT milestone_ref, milestone_title, milestone_date, needs_date FROM dependency_at_risk"
                " WHERE needs_id = ? ORDER BY milestone_ref",
                (milestone_id,),
            )
        ]
        return result


def shift_forecast(
    store: Store, milestone_id: int, days: int, reason: str = "", *, expected_version: int | None
) -> ForecastChange:
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
    actual_date = _as_date(actual if actual is not None else status_date(store), "actual_date")
    if actual_date is None:
        raise ValidationError("actual date: give the date it was done (YYYY-MM-DD)", "actual_date")
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
