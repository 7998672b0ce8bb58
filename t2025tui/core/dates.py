"""Date parsing shared by services, forms and importers.

Dates are strict: a real calendar date as ISO `YYYY-MM-DD` (or `dd/mm/yyyy` where a person
types it). Numbers are never dates: pydantic's lax mode would read 0 as 1970-01-01.
"""

import re
from datetime import date, datetime, timedelta

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
DATE_RANGE_RULE = "dates must fall between 2000-01-01 and 2100-12-31"

# re.ASCII: `\d` would otherwise also take fullwidth and other scripts' digits ("２０２４-０２-２９").
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)
_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([dw]?)$", re.IGNORECASE | re.ASCII)


def _checked(year: int, month: int, day: int, original: str) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(f"{original!r} is not a real calendar date") from None
    return in_range(value)


def in_range(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"{value.isoformat()} is out of range: {DATE_RANGE_RULE}")
    return value


def parse_iso_date(value: object) -> date:
    """Strict ISO date: `date` objects or `YYYY-MM-DD` text; everything else is refused."""
    if isinstance(value, datetime):
        return in_range(value.date())
    if isinstance(value, date):
        return in_range(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    text = value.strip()
    match = _ISO.match(text)
    if not match:
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    return _checked(year, month, day, value)


def parse_user_date(value: str, *, today: date | None = None, base: date | None = None) -> date:
    """A date as a person types it: `2022-06-30`, `30/06/2022`, `today`, `+7`, `+2w`, `-1w`.

    Relative forms count from `base` (for example the current forecast) or from today.
    """
    text = value.strip()
    today = today or date.today()
    if not text:
        raise ValueError("no date given; type e.g. 2022-06-30, 30/06/2022, +7 or +2w")
    if text.lower() == "today":
        return in_range(today)
    relative = _RELATIVE.match(text)
    if relative:
        sign, amount, unit = relative.groups()
        days = int(amount) * (7 if unit.lower() == "w" else 1)
        start = base or today
        return in_range(start + timedelta(days=days if sign == "+" else -days))
    uk = _UK.match(text)
    if uk:
        day, month, year = (int(part) for part in uk.groups())
        return _checked(year, month, day, value)
    if _ISO.match(text):
        return parse_iso_date(text)
    raise ValueError(f"{value!r} is not a date; type e.g. 2022-06-30, 30/06/2022, +7 or +2w")
