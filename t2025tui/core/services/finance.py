"""Finance plan lines: one amount (integer GBP 000s) per line and financial year."""

from t2025tui.core.changes import edit
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.common import create, update
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
