"""Turning what people type in spreadsheet cells into the values the database holds.

Each function takes a cell value (see `grid`) and returns the stored value, or raises
`CellError` with a message that completes "Risks!F12: ...". The word tables are data, listed
in the README, so a programme can see exactly how "High" or "mitigate" is read.
"""

import math
import re
from datetime import date, datetime

from t2025tui.core.dates import DATE_RANGE_RULE, in_range
from t2025tui.core.importers.grid import ErrorValue, Formula, is_blank

# Words for a 1-5 likelihood or impact score (both scales share one table).
SCORE_WORDS = {
    "very low": 1,
    "rare": 1,
    "negligible": 1,
    "insignificant": 1,
    "remote": 1,
    "low": 2,
    "unlikely": 2,
    "minor": 2,
    "medium": 3,
    "med": 3,
    "moderate": 3,
    "possible": 3,
    "high": 4,
    "likely": 4,
    "major": 4,
    "probable": 4,
    "very high": 5,
    "almost certain": 5,
    "certain": 5,
    "severe": 5,
    "critical": 5,
    "catastrophic": 5,
    "extreme": 5,
}
# A 3-point scale spread over 1-5, so a "High" is as high as a 5-point "Very high".
THREE_POINT_WORDS = {
    "low": 1,
    "l": 1,
    "medium": 3,
    "med": 3,
    "m": 3,
    "high": 5,
    "h": 5,
    "very high": 5,
    "critical": 5,
}
THREE_POINT_NUMBERS = {1: 1, 2: 3, 3: 5}
THREE_POINT_EVIDENCE = 3
THREE_POINT_ONLY = frozenset({"low", "l", "medium", "med", "m", "high", "h", "critical"})
THREE_POINT_HEADERS = (
    "h/m/l",
    "l/m/h",
    "high/medium/low",
    "low/medium/high",
    "(1-3)",
    "1to3",
    "3point",
    "3-point",
)
RESPONSE_WORDS = {
    "treat": "Treat",
    "mitigate": "Treat",
    "mitigation": "Treat",
    "reduce": "Treat",
    "treatment": "Treat",
    "control": "Treat",
    "tolerate": "Tolerate",
    "accept": "Tolerate",
    "retain": "Tolerate",
    "tolerance": "Tolerate",
    "transfer": "Transfer",
    "share": "Transfer",
    "insure": "Transfer",
    "terminate": "Terminate",
    "avoid": "Terminate",
    "eliminate": "Terminate",
    "stop": "Terminate",
}
RISK_STATUS_WORDS = {
    "open": "Open",
    "live": "Open",
    "active": "Open",
    "current": "Open",
    "new": "Open",
    "ongoing": "Open",
    "closed": "Closed",
    "close": "Closed",
    "retired": "Closed",
    "resolved": "Closed",
    "archived": "Closed",
}
# Status words of published registers that are not the app's own: (status, response or None).
# Each is read with a warning naming the mapping.
REGISTER_STATUS_WORDS: dict[str, tuple[str, str | None]] = {
    "in progress": ("Open", None),
    "monitoring": ("Open", None),
    "monitor": ("Open", None),
    "under review": ("Open", None),
    "escalated": ("Open", None),
    "proposed": ("Open", None),
    "draft": ("Open", None),
    "being managed": ("Open", "Treat"),
    "mitigating": ("Open", "Treat"),
    "treating": ("Open", "Treat"),
    "treat": ("Open", "Treat"),
    "accepted": ("Open", "Tolerate"),
    "tolerated": ("Open", "Tolerate"),
    "tolerate": ("Open", "Tolerate"),
    "mitigated": ("Closed", "Treat"),
    "transferred": ("Closed", "Transfer"),
    "terminated": ("Closed", "Terminate"),
    "avoided": ("Closed", "Terminate"),
    "complete": ("Closed", None),
    "completed": ("Closed", None),
    "realised": ("Closed", None),
    "materialised": ("Closed", None),
    "became an issue": ("Closed", None),
    "issue": ("Closed", None),
    "no longer relevant": ("Closed", None),
    "dormant": ("Closed", None),
    "withdrawn": ("Closed", None),
}
RAG_WORDS = {
    "red": "Red",
    "r": "Red",
    "amber": "Amber",
    "a": "Amber",
    "green": "Green",
    "g": "Green",
    "amber/red": "Amber/Red",
    "amber red": "Amber/Red",
    "a/r": "Amber/Red",
    "amber/green": "Amber/Green",
    "amber green": "Amber/Green",
    "a/g": "Amber/Green",
}
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.0+)?)\s*(?:[-–:(]|$)")
_UK_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORD_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")
_QUARTER = re.compile(r"^Q([1-4])\s*(?:FY\s*)?(\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[\s'-]*(\d{4}|\d{2})$")
PLACEHOLDER_DATES = frozenset(
    {"tbc", "tba", "tbd", "n/a", "na", "-", "--", "?", "??", "ongoing", "to be confirmed", "to be agreed"}
    | {"none", "unknown", "not known", "pending", "various", "continuous", "as required", "x"}
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
EXCEL_SERIAL_RANGE = (36526, 73415)  # 2000-01-01 .. 2100-12-31 as Excel day numbers


class CellError(ValueError):
    """The cell cannot be read as the value its column needs; the message says why."""


def check_plain(value, what: str):
    """Refuse formula and error cells: what Excel shows is not what the file holds."""
    if isinstance(value, Formula):
        raise CellError(
            f"{what} is a formula ({value}); replace it with its value "
            "(Copy, then Paste Special > Values) and import again"
        )
    if isinstance(value, ErrorValue):
        raise CellError(f"{what} shows the Excel error {value.code}; correct the cell and import again")
    return value


def to_text(value, what: str = "text") -> str:
    if value.__class__ is str:  # the common case, first
        return value.strip()
    value = check_plain(value, what)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def to_score(value, what: str, *, three_point: bool = False) -> int | None:
    """1-5 from a number, '4', '4 - High' or a word in SCORE_WORDS. On a 3-point scale
    (Low / Medium / High, or 1-3) the three points are spread over 1-5 as 1 / 3 / 5."""
    if value.__class__ is int and 1 <= value <= 5 and not three_point:
        return value
    value = check_plain(value, what)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"{what} {value} is not a score 1-5")
    if isinstance(value, (int, float)):
        number = value
    else:
        text = " ".join(str(value).lower().replace("-", " ").split())
        if three_point and text in THREE_POINT_WORDS:
            return THREE_POINT_WORDS[text]
        if text in SCORE_WORDS:
            return SCORE_WORDS[text]
        match = _LEADING_NUMBER.match(str(value))
        if not match:
            raise CellError(f"{what} {str(value)!r} is not a score 1-5 nor a word such as Low, Medium, High")
        number = float(match.group(1))
    if not math.isfinite(float(number)):
        raise CellError(f"{what} {number} is not a score 1-5")
    if float(number) != int(number):
        raise CellError(f"{what} {number} is not a whole number 1-5")
    number = int(number)
    if three_point:
        if not 1 <= number <= 3:
            raise CellError(f"{what} {number} is not 1-3 (this column is on a 3-point scale)")
        return THREE_POINT_NUMBERS[number]
    if not 1 <= number <= 5:
        raise CellError(f"{what} {number} is not 1-5")
    return number


def is_three_point(header: str, values: list) -> bool:
    """A score column on a 3-point scale: its header says so ('Likelihood (H/M/L)', '(1-3)'),
    or every value in it is one of Low / Medium / High (or L / M / H). A column with fewer than
    THREE_POINT_EVIDENCE values says too little, and stays on the 1-5 scale."""
    compact = re.sub(r"\s+", "", str(header).lower())
    if any(mark in compact for mark in THREE_POINT_HEADERS):
        return True
    words = set()
    for value in values:
        if is_blank(value):
            continue
        if not isinstance(value, str):
            return False
        words.add(" ".join(value.lower().split()))
    filled = sum(1 for value in values if not is_blank(value))
    return filled >= THREE_POINT_EVIDENCE and words <= THREE_POINT_ONLY


def to_date(value, what: str, notes: list[str] | None = None) -> date | None:
    """A real Excel date, an Excel day number, or text 31/03/2022, 2022-03-31, 31 Mar 2022.

    With `notes` (a list the caller shows as warnings), a placeholder such as TBC is read as
    blank and a period such as 'Q3 2022/23' or 'March 2022' as its last day, each with a note;
    without it they are errors."""
    value = check_plain(value, what)
    if is_blank(value):
        return None
    if notes is not None and isinstance(value, str):
        text = " ".join(value.lower().split()).rstrip(".")
        if text in PLACEHOLDER_DATES:
            notes.append(f"{what} {value.strip()!r} is a placeholder; left blank")
            return None
        period = period_end(value)
        if period is not None:
            day, described = period
            day = _real_date(day.year, day.month, day.day, value.strip(), what)
            notes.append(f"{what} {value.strip()!r} read as {day.isoformat()}, the last day of {described}")
            return day
    try:
        if isinstance(value, datetime):
            return in_range(value.date())
        if isinstance(value, date):
            return in_range(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if EXCEL_SERIAL_RANGE[0] <= value <= EXCEL_SERIAL_RANGE[1]:
                from t2025tui.core.importers.xlsx_reader import excel_date

                moment = excel_date(float(value))
                return moment.date() if isinstance(moment, datetime) else moment
            raise CellError(f"{what} {value} is a number, not a date; enter a date such as 31/03/2022")
        return _text_date(str(value).strip(), what)
    except ValueError as exc:
        if isinstance(exc, CellError):
            raise
        raise CellError(f"{what}: {exc}") from None


def period_end(text: str) -> tuple[date, str] | None:
    """The last day of a period written as a quarter, a month or a financial year, and what it is."""
    text = " ".join(str(text).split())
    match = _QUARTER.match(text)
    if match:
        quarter, first, second = int(match.group(1)), int(match.group(2)), match.group(3)
        if second is not None:  # UK financial year: Q1 April-June ... Q4 January-March
            if not _follows(first, second):
                return None
            year, month = (first, 3 + 3 * quarter) if quarter < 4 else (first + 1, 3)
            described = f"quarter {quarter} of financial year {first}/{str(first + 1)[-2:]}"
        else:
            year, month, described = first, 3 * quarter, f"quarter {quarter} of {first}"
        return _month_end(year, month), described
    match = _FINANCIAL_YEAR.match(text)
    if match and _follows(int(match.group(1)), match.group(2)):
        first = int(match.group(1))
        return date(first + 1, 3, 31), f"financial year {first}/{str(first + 1)[-2:]}"
    match = _MONTH_YEAR.match(text)
    if match and match.group(1).lower() in MONTHS:
        year = int(match.group(2))
        year = year + 2000 if year < 100 else year
        month = MONTHS[match.group(1).lower()]
        return _month_end(year, month), date(year, month, 1).strftime("%B %Y")
    return None


def _follows(first: int, second: str) -> bool:
    """'2022/23' or '2022/2023': the second year is the one after the first."""
    return (first + 1) % (100 if len(second) == 2 else 10_000) == int(second)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _text_date(text: str, what: str) -> date:
    for pattern, order in ((_UK_DATE, "dmy"), (_ISO_DATE, "ymd")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(p) for p in match.groups()[:3]), strict=False))
            return _real_date(parts["y"], parts["m"], parts["d"], text, what)
    match = _WORD_DATE.match(text)
    if match and match.group(2).lower() in MONTHS:
        return _real_date(
            int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)), text, what
        )
    raise CellError(f"{what} {text!r} is not a date; write it as 31/03/2022 or 2022-03-31")


def _real_date(year: int, month: int, day: int, text: str, what: str) -> date:
    try:
        value = date(year, month, day)
    except ValueError:
        raise CellError(f"{what} {text!r} is not a real calendar date") from None
    try:
        return in_range(value)
    except ValueError:
        raise CellError(f"{what} {text!r} is out of range: {DATE_RANGE_RULE}") from None


def _word(value, table: dict[str, str], what: str, choices: str) -> str | None:
    value = check_plain(value, what)
    if is_blank(value):
        return None
    text = " ".join(str(value).strip().lower().replace("(", " ").replace(")", " ").split())
    if text in table:
        return table[text]
    first = text.split(" ")[0] if text else ""
    if first in table:
        return table[first]
    raise CellError(f"{what} {str(value).strip()!r} is not one of {choices}")


def to_response(value, what: str = "response") -> str | None:
    return _word(value, RESPONSE_WORDS, what, "Treat (mitigate), Tolerate, Transfer, Terminate")


def to_risk_status(value, what: str = "status") -> str | None:
    return _word(value, RISK_STATUS_WORDS, what, "Open, Closed")


def to_register_status(value, what: str, notes: list[str]) -> tuple[str | None, str | None]:
    """(status, response or None) from the app's words or a published register's, such as
    'In Progress' (Open) or 'Transferred' (Closed, response Transfer); the latter with a note."""
    value = check_plain(value, what)
    if is_blank(value):
        return None, None
    text = " ".join(str(value).strip().lower().replace("-", " ").replace("_", " ").split())
    if text in REGISTER_STATUS_WORDS:
        status, response = REGISTER_STATUS_WORDS[text]
        also = f", response {response}" if response else ""
        notes.append(f"{what} {str(value).strip()!r} read as {status}{also}")
        return status, response
    try:
        return to_risk_status(value, what), None
    except CellError:
        raise CellError(
            f"{what} {str(value).strip()!r} is not a status the app knows (Open, Closed, or a register's "
            "word such as In Progress, Mitigating, Accepted, Transferred, Resolved); change the cell, "
            'or give the column another meaning with --map-column "COLUMN=keep"'
        ) from None


def to_rag(value, allowed: tuple[str, ...], what: str = "RAG") -> str | None:
    rag = _word(value, RAG_WORDS, what, ", ".join(allowed))
    if rag is not None and rag not in allowed:
        raise CellError(f"{what} {rag!r} is not on this programme's scale ({', '.join(allowed)})")
    return rag


def to_choice(value, choices: tuple[str, ...], what: str) -> str | None:
    """One of `choices`, matched without regard to case or surrounding spaces."""
    table = {choice.lower(): choice for choice in choices}
    value = check_plain(value, what)
    if is_blank(value):
        return None
    text = " ".join(str(value).split()).lower()
    if text in table:
        return table[text]
    raise CellError(f"{what} {str(value).strip()!r} is not one of {', '.join(choices)}")
