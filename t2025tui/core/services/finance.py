"""Finance plan lines: one amount (integer GBP 000s) per line and financial year."""

from t2025tui.core.services.common import create, update
from t2025tui.core.store import Store


def create_finance_line(store: Store, **fields) -> int:
    return create(store, "finance_line", fields)


def set_finance_amount(store: Store, line_id: int, amount: int, reason: str = "", *,
                       expected_version: int | None) -> dict:
    return update(store, "finance_line", line_id, {"amount": amount}, expected_version=expected_version,
                  reason=reason)


def update_finance_line(store: Store, line_id: int, *, expected_version: int | None, **fields) -> dict:
    return update(store, "finance_line", line_id, fields, expected_version=expected_version)
