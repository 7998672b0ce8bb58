"""What every sheet of the pack is written from: the store to read (live, or rebuilt as at a
date) and the dates that frame the pack."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from t2025tui.core.queries import pack as pack_queries
from t2025tui.core.queries import status
from t2025tui.core.store import Store


@dataclass(frozen=True)
class PackContext:
    store: Store
    as_of: date  # the pack shows the programme as it stood at the end of this day
    since: date | None  # "changes since" compares with the end of this day
    last_board: date | None  # the last Futures Board on or before board_day
    board_day: date  # what the last and next board count from: as_of if asked, else the status date
    status_date: date  # the date milestone and review statuses are judged against
    generated_at: datetime
    time_travelled: bool  # True when as_of is in the past and the state was rebuilt
    # Results of the formulas the sheets wrote ({sheet: {cell: value}}), cached in the file.
    formula_values: dict[str, dict[str, int | float]] = field(default_factory=dict)

    @property
    def compare_date(self) -> date:
        """The day "RAG at last board" is read at; with no board, before any record (all new)."""
        return self.since or date.min

    @property
    def since_words(self) -> str:
        """How the changes window starts, in words."""
        if self.since is None:
            return "since records began"
        if self.since == self.last_board:
            return f"after the Futures Board of {long_date(self.since)}"
        return f"after the end of {long_date(self.since)}"

    @property
    def programme(self) -> dict:
        return status.programme(self.store)

    @cached_property
    def changes(self) -> list[dict]:
        """Every board-relevant change in the window, read once for the sheets that show them
        (the window is a board period's edits; reading it scans the change log)."""
        return list(pack_queries.board_changes(self.store, self.since, self.as_of))

    @property
    def marking(self) -> str:
        return pack_queries.marking(self.store)

    @property
    def next_board(self) -> date | None:
        return pack_queries.next_board_after(self.store, self.board_day)


def long_date(day: date | None) -> str:
    return f"{day.day} {day.strftime('%B %Y')}" if day else "not set"
