"""Finance plan amounts in GBP 000s: change one year's amount, or add a line for every year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from t2025tui.core.models import FinanceKind
from t2025tui.core.queries.finance import format_gbp000
from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form

KINDS = get_args(FinanceKind)
SIGN_HINT = "GBP 000s; funding and savings are credits, e.g. (1,234) or -1234"
_BRACKETED = re.compile(r"^\((.*)\)$")
LIMIT = 1_000_000_000


def parse_gbp000(text: str) -> int:
    """`12,345`, `-12345` or the report's `(12,345)` as a whole number of GBP 000s."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned:
        raise ValueError("is required; type a whole number of GBP 000s, e.g. 1,234 or (1,234)")
    negative = False
    bracketed = _BRACKETED.match(cleaned)
    if bracketed:
        cleaned, negative = bracketed.group(1), True
    try:
        amount = int(cleaned)
    except ValueError:
        raise ValueError(
            f"{text.strip()!r} is not a whole number of GBP 000s; e.g. 1,234 or (1,234)"
        ) from None
    amount = -amount if negative else amount
    if abs(amount) > LIMIT:
        raise ValueError(f"must be between -{LIMIT:,} and {LIMIT:,}")
    return amount


@dataclass(frozen=True)
class AmountChange:
    amount: int
    reason: str


class FinanceAmountForm(Form[AmountChange]):
    def __init__(self, line: str, year: str, amount: int | None):
        self.line, self.year, self.amount = line, year, amount
        self.title_text = f"{display_text(line)}, {year}"
        self.intro_text = f"Now: {format_gbp000(amount) if amount is not None else 'no amount'} (GBP 000s)"
        super().__init__()

    def fields(self) -> list[Field]:
        current = format_gbp000(self.amount) if self.amount is not None else ""
        return [
            Field("amount", "Amount", value=current, required=True, hint=SIGN_HINT, parse=parse_gbp000),
            Field("reason", "Reason", hint="optional; shown in the history"),
        ]

    def build(self, values: dict[str, Any]) -> AmountChange:
        return AmountChange(values["amount"], values["reason"].strip())


@dataclass(frozen=True)
class NewFinanceLine:
    line: str
    kind: str
    amounts: dict[str, int]


class FinanceLineForm(Form[NewFinanceLine]):
    """A new line of the plan, with an amount for each year the plan covers."""

    title_text = "New finance line"

    def __init__(self, years: list[str]):
        self.years = years
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field("line", "Line", required=True, hint="e.g. Capital financing"),
            Field(
                "kind", "Kind", "choice", "expenditure", required=True, choices=tuple((k, k) for k in KINDS)
            ),
            *[
                Field(
                    f"year_{index}",
                    year,
                    value="0",
                    required=True,
                    hint=SIGN_HINT if index == 0 else "",
                    parse=parse_gbp000,
                )
                for index, year in enumerate(self.years)
            ],
        ]

    def build(self, values: dict[str, Any]) -> NewFinanceLine:
        amounts = {year: values[f"year_{index}"] for index, year in enumerate(self.years)}
        return NewFinanceLine(values["line"], values["kind"], amounts)
