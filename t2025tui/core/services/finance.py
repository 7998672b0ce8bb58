"""Finance plan lines: one amount (integer GBP 000s) per line and financial year."""

from t2025tui.core.changes import edit
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, require_reason, update
from t2025tui.core.store import Store


def create_finance_line(store: Store, **fields) -> int:
    return create(store, "finance_line", fields)


def set_finance_amount(
    store: Store, line_id: int, amount: int, reason: str = "", *, expected_version: int | None
) -> dict:
    return update(
        store, "finance_line", line_id, {"amount": amount}, expected_version=expected_version, reason=reason
    )


def update_finance_line(store: Store, line_id: int, *, expected_version: int | None, **fields) -> dict:
    return update(store, "finance_line", line_id, fields, expected_version=expected_version)


def add_finance_line(
    store: Store, line: str, kind: str, amounts: dict[str, int], *, position: int | None = None
) -> list[int]:
    """A new plan line with an amount for each year, as one undoable change."""
    if store.scalar("SELECT 1 FROM finance_line WHERE line = ?", (line,)):
        raise ValidationError(
            f"line: a finance line called {line!r} already exists; choose another name", "line"
        )
    with edit(store, f"Add finance line {line}") as change:
        if position is None:
            position = (store.conn.execute("SELECT MAX(position) FROM finance_line").fetchone()[0] or 0) + 1
        return [
            change.insert(
                "finance_line",
                {"line": line, "kind": kind, "year": year, "amount": amount, "position": position},
            )
            for year, amount in amounts.items()
        ]


def remove_finance_line(store: Store, line: str, reason: str) -> list[dict]:
    """Remove a plan line: its amount in every year, as one undoable change."""
    reason = require_reason(reason, "to remove a finance line")
    with edit(store, f"Remove finance line {line}", reason=reason) as change:
        ids = [
            r[0]
            for r in change.conn.execute("SELECT id FROM finance_line WHERE line = ? ORDER BY year", (line,))
        ]
        if not ids:
            raise ValidationError(f"there is no finance line called {line!r}", "line")
        return [change.delete("finance_line", row_id, expected_version=None) for row_id in ids]


def rename_finance_line(store: Store, line: str, new_name: str, *, kind: str | None = None) -> None:
    """Rename a plan line (and optionally change its kind) in every year, as one change."""
    if new_name != line and store.scalar("SELECT 1 FROM finance_line WHERE line = ?", (new_name,)):
        raise ValidationError(f"line: a finance line called {new_name!r} already exists", "line")
    with edit(store, f"Rename finance line {line}") as change:
        ids = [r[0] for r in change.conn.execute("SELECT id FROM finance_line WHERE line = ?", (line,))]
        changes: dict = {"line": new_name}
        if kind is not None:
            changes["kind"] = kind
        for row_id in ids:
            change.update("finance_line", row_id, changes, expected_version=None)


def set_finance_amounts(store: Store, line: str, amounts: dict[str, int], reason: str = "") -> dict:
    """Set a plan line's amounts for some years, as one change; a year the line has no amount for
    yet is added."""
    with edit(store, f"Set amounts of {line}", reason=reason.strip()) as change:
        rows = {
            r[1]: r
            for r in change.conn.execute(
                "SELECT id, year, kind, position FROM finance_line WHERE line = ?", (line,)
            ).fetchall()
        }
        if not rows:
            raise ValidationError(f"there is no finance line called {line!r}", "line")
        kind, position = next(iter(rows.values()))[2:]
        diff: dict = {}
        for year, amount in amounts.items():
            if year in rows:
                diff.update(
                    change.update("finance_line", rows[year][0], {"amount": amount}, expected_version=None)
                )
            else:
                change.insert(
                    "finance_line",
                    {"line": line, "kind": kind, "year": year, "amount": amount, "position": position},
                )
                diff[f"amount {year}"] = (None, amount)
        return diff
