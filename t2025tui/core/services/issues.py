"""The issue log: a risk that has happened, or a problem now."""

from datetime import date

from t2025tui.core.changes import edit
from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.status import status_date
from t2025tui.core.services.common import create, remove, require_reason, update
from t2025tui.core.store import Store

EDITABLE = {
    "title",
    "description",
    "owner",
    "priority",
    "raised_date",
    "workstream_id",
    "risk_id",
    "notes",
}


def create_issue(store: Store, reason: str = "", **fields) -> int:
    if fields.get("status", "Open") != "Open":
        raise ValidationError("a new issue is Open; add it, then close it with a reason", "status")
    values = dict(fields)
    if values.get("raised_date") is None:
        values["raised_date"] = status_date(store)
    return create(store, "issue", values, reason=reason)


def issue_from_risk(store: Store, risk_id: int, reason: str, **fields) -> int:
    """The risk has happened: a new issue carrying the risk's title, owner, workstream and
    event (unless given), and the risk closed, in one change. The risk and its history stay."""
    reason = require_reason(reason, "to turn a risk into an issue (what happened?)")
    with edit(store, "Turn risk into issue", reason=reason) as change:
        risk = change.row("risk", risk_id)
        if risk["status"] != "Open":
            raise ValidationError(
                f"risk {risk['ref']} is closed; re-open it first or add the issue alone", "risk_id"
            )
        change.summary = f"Risk {risk['ref']} became an issue"
        values = {
            "title": risk["title"],
            "owner": risk["owner"],
            "workstream_id": risk["workstream_id"],
            "description": risk["event"],
            "raised_date": status_date(store),
            **{k: v for k, v in fields.items() if v is not None},
            "risk_id": risk_id,
        }
        change.update("risk", risk_id, {"status": "Closed"}, expected_version=None)
        return change.insert("issue", values)


def update_issue(
    store: Store, issue_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"use close_issue / reopen_issue for status; not editable here: {sorted(unknown)}")
    return update(store, "issue", issue_id, fields, expected_version=expected_version, reason=reason)


def close_issue(
    store: Store,
    issue_id: int,
    reason: str,
    *,
    expected_version: int | None,
    closed_on: date | None = None,
) -> dict:
    reason = require_reason(reason, "to close an issue")
    return update(
        store,
        "issue",
        issue_id,
        {"status": "Closed", "closed_date": closed_on or status_date(store)},
        expected_version=expected_version,
        summary=f"Close issue I{issue_id}",
        reason=reason,
    )


def reopen_issue(store: Store, issue_id: int, reason: str, *, expected_version: int | None) -> dict:
    reason = require_reason(reason, "to re-open an issue")
    return update(
        store,
        "issue",
        issue_id,
        {"status": "Open", "closed_date": None},
        expected_version=expected_version,
        summary=f"Re-open issue I{issue_id}",
        reason=reason,
    )


def remove_issue(store: Store, issue_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(store, "issue", issue_id, reason=reason, expected_version=expected_version)
