"""Pick a date range for the history: from and to, either may be blank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from t2025tui.core.errors import ValidationError
from t2025tui.tui.modals.form import Field, Form

DATE_HINT = "e.g. 2022-03-15, 15/03/2022, today, -2w; blank for no limit"


@dataclass(frozen=True)
class DateRange:
    since: date | None
    until: date | None


class DateRangeForm(Form[DateRange]):
    title_text = "Show changes between"

    def __init__(self, since: date | None, until: date | None):
        self.since, self.until = since, until
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field("since", "From (inclusive)", "date", self.since, hint=DATE_HINT),
            Field("until", "To (inclusive)", "date", self.until, hint=DATE_HINT),
        ]

    def check(self, values: dict[str, Any]) -> None:
        if values["since"] and values["until"] and values["since"] > values["until"]:
            raise ValidationError("the end date is before the start date; swap them", "until")

    def build(self, values: dict[str, Any]) -> DateRange:
        return DateRange(values["since"], values["until"])
