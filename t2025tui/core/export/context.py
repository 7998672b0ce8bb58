"""What every sheet of the pack is written from: the store to read (live, or rebuilt as at a
date) and the dates that frame the pack."""

from dataclasses import dataclass
from datetime import date, datetime

from t2025tui.core.queries import pack as pack_queries
from t2025tui.core.queries import status
from t2025tui.core.store import Store


@dataclass(frozen=True)
class PackContext:
    store: Store
    as_of: date            # the pack shows the programme as it stood at the end of this day
    since: date | None     # "changes since" compares with the end of this day (the last board)
    status_date: date      # the date milestone and review statuses are judged against
    generated_at: datetime
    time_travelled: bool   # True when as_of is in the past and the state was rebuilt

    @property
    def programme(self) -> dict:
        return status.programme(self.store)

    @property
    def next_board(self) -> date | None:
        return pack_queries.next_board_after(self.store, self.as_of)


def long_date(day: date | None) -> str:
    return f"{day.day} {day.strftime('%B %Y')}" if day else "not set"
