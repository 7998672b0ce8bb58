"""Compare a form's values with the stored row, so an edit sends only what the user changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from t2025tui.core.queries import lists


def as_stored(value: Any) -> Any:
    """The value as the database holds it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def changed_fields(row: dict | None, values: dict[str, Any]) -> dict[str, Any]:
    """Everything for a new record; otherwise only the fields whose value differs from `row`."""
    if row is None:
        return dict(values)
    changes = {}
    for name, value in values.items():
        stored = row.get(name)
        if as_stored(value) != stored and not (value in ("", None) and stored in ("", None)):
            changes[name] = value
    return changes


def workstream_choices(store) -> tuple[tuple[str, int], ...]:
    return tuple((row["name"], row["id"]) for row in lists.workstream_names(store))
