"""Milestone date changes: forecast, actual (done), re-baseline, de-scope / reinstate.

`MilestoneForm(row, mode)` dismisses a `MilestoneChange`; `apply_milestone_change` hands it to
the milestone service. The workstream detail screen reuses both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from t2025tui.core.dates import parse_iso_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.services import milestones
from t2025tui.core.store import Store
from t2025tui.core.text import display_text
from t2025tui.tui.modals.form import Field, Form

MODES = ("forecast", "actual", "rebaseline", "descope")
DATE_HINT = "e.g. 2022-06-30, 30/06/2022, +7, +2w"


@dataclass(frozen=True)
class MilestoneChange:
    mode: str
    date: date | None
    reason: str


def _date_or_none(text: str | None) -> date | None:
    return parse_iso_date(text) if text else None


class MilestoneForm(Form[MilestoneChange]):
    """One of the four milestone changes, with a reason wherever the service requires one."""

    def __init__(self, milestone_row: dict, mode: str):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.row = milestone_row
        self.mode = mode
        self.forecast = _date_or_none(milestone_row.get("forecast_date"))
        self.baseline = _date_or_none(milestone_row.get("baseline_date"))
        self.actual = _date_or_none(milestone_row.get("actual_date"))
        self.descoped = bool(milestone_row.get("descoped"))
        title = display_text(milestone_row.get("title"))
        self.title_text = {
            "forecast": f"Forecast: {title}",
            "actual": f"Completion: {title}",
            "rebaseline": f"Re-baseline: {title}",
            "descope": f"{'Reinstate' if self.descoped else 'De-scope'}: {title}",
        }[mode]
        self.intro_text = (
            f"Baseline {self.baseline or 'none'} · forecast {self.forecast or 'none'}"
            f" · actual {self.actual or 'none'}"
        )
        super().__init__()

    def fresh_columns(self) -> dict[str, str]:
        column = {"forecast": "forecast_date", "actual": "actual_date", "rebaseline": "baseline_date"}
        return {"date": column[self.mode]} if self.mode in column else {}

    def fields(self) -> list[Field]:
        relative_base = self.forecast or self.baseline
        if self.mode == "forecast":
            return [
                Field(
                    "date",
                    "New forecast date",
                    "date",
                    self.forecast,
                    required=True,
                    base=relative_base,
                    hint=f"{DATE_HINT}; +N counts from the current forecast",
                ),
                Field("reason", "Reason", hint="required when the forecast slips later"),
            ]
        if self.mode == "actual":
            return [
                Field(
                    "date",
                    "Actual completion date",
                    "date",
                    self.actual or "today",
                    base=relative_base,
                    hint=f"{DATE_HINT}, today; leave blank to re-open",
                ),
                Field("reason", "Reason", hint="required to re-open a completed milestone"),
            ]
        if self.mode == "rebaseline":
            return [
                Field(
                    "date",
                    "New baseline date",
                    "date",
                    None,
                    required=True,
                    base=self.baseline or relative_base,
                    hint=f"{DATE_HINT}; the old baseline is kept in the history",
                ),
                Field("reason", "Reason", required=True),
            ]
        return [Field("reason", "Reason", required=True, hint="the milestone is kept, with this reason")]

    def check(self, values: dict[str, Any]) -> None:
        new = values.get("date")
        reason = (values.get("reason") or "").strip()
        slips = (
            self.mode == "forecast" and new is not None and self.forecast is not None and new > self.forecast
        )
        if slips and not reason:
            raise ValidationError(
                f"a reason is required when a forecast slips later (from {self.forecast})", "reason"
            )
        if self.mode == "actual" and new is None and self.actual is not None and not reason:
            raise ValidationError("a reason is required to re-open a completed milestone", "reason")
        if self.mode == "actual" and new is None and self.actual is None:
            raise ValidationError("give the completion date (e.g. today)", "date")

    def build(self, values: dict[str, Any]) -> MilestoneChange:
        return MilestoneChange(self.mode, values.get("date"), (values.get("reason") or "").strip())


def apply_milestone_change(store: Store, row: dict, change: MilestoneChange) -> str:
    """Call the milestone service for `change`; returns a one-line confirmation."""
    version = row["version"]
    title = display_text(row["title"])
    if change.mode == "forecast":
        milestones.set_forecast(store, row["id"], change.date, change.reason, expected_version=version)
        return f"Forecast of {title} set to {change.date}"
    if change.mode == "actual":
        if change.date is None:
            milestones.reopen(store, row["id"], change.reason, expected_version=version)
            return f"{title} re-opened"
        milestones.mark_done(store, row["id"], change.date, change.reason, expected_version=version)
        return f"{title} done on {change.date}"
    if change.mode == "rebaseline":
        assert change.date is not None  # the form requires it
        milestones.rebaseline(store, row["id"], change.date, change.reason, expected_version=version)
        return f"{title} re-baselined to {change.date}"
    descoped = not bool(row.get("descoped"))
    milestones.set_descoped(store, row["id"], descoped, change.reason, expected_version=version)
    return f"{title} {'de-scoped' if descoped else 'reinstated'}"
