"""Item 8: dates are real calendar dates in a stated range, or refused with a field message.

The rule (t2025tui/core/dates.py): ISO YYYY-MM-DD (people may also type dd/mm/yyyy, today,
+7, +2w), a real calendar date, between 2000-01-01 and 2100-12-31. Numbers are never dates
(pydantic's lax mode would read 0 and 86400 as 1970 dates). Tested through the services a
user's edit goes through, through the JSON a `t2025 load` reads, and through the CLI options.
"""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from t2025tui.core.dates import EARLIEST, LATEST, parse_user_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.services.milestones import create_milestone, rebaseline, set_forecast
from tests.reliability.conftest import assert_clean_failure, run_t2025

ACCEPTED = ["2024-02-29", "2000-01-01", "2100-12-31", "2022-06-30"]
REFUSED = [
    "2023-02-29",
    "2024-02-31",
    "2024-1-5",
    "2024-01-5",
    "24-01-05",
    "2024/01/05",
    "2024-13-01",
    "2024-00-10",
    "1999-12-31",
    "2101-01-01",
    "0001-01-01",
    "9999-12-31",
    "",
    " ",
    "tomorrow",
    "2024-02-29T10:00",
    "２０２４-０２-２９",
    0,
    86400,
    1_700_000_000,
    20240229,
    45000.0,
    True,
    None,
]


def _version(store, milestone_id: int) -> int:
    return store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))


@pytest.mark.parametrize("text", ACCEPTED)
def test_valid_dates_are_accepted(text, store):
    set_forecast(store, 1, text, "planned", expected_version=_version(store, 1))
    assert store.scalar("SELECT forecast_date FROM milestone WHERE id = 1") == text


@pytest.mark.parametrize("value", REFUSED, ids=[repr(v) for v in REFUSED])
def test_invalid_dates_are_refused_with_a_field_message(value, store):
    before = store.query_one("SELECT * FROM milestone WHERE id = 1")
    if value is None:  # "no forecast" is allowed (with a reason); as a baseline it is refused
        with pytest.raises(ValidationError) as caught:
            rebaseline(store, 1, value, "no date", expected_version=_version(store, 1))
        assert caught.value.field == "baseline_date"
    else:
        with pytest.raises(ValidationError) as caught:
            set_forecast(store, 1, value, "slip", expected_version=_version(store, 1))
        assert caught.value.field == "forecast_date"
        message = str(caught.value)
        assert message.startswith("forecast date") and "\n" not in message
        assert "YYYY-MM-DD" in message or "calendar date" in message or "2000-01-01" in message
    assert store.query_one("SELECT * FROM milestone WHERE id = 1") == before


@pytest.mark.parametrize("value", [0, 86400, "2023-02-29", "1999-12-31"])
def test_new_records_refuse_bad_dates_in_every_date_field(value, store):
    with pytest.raises(ValidationError) as caught:
        create_milestone(store, workstream_id=1, title="bad date", baseline_date=value)
    assert caught.value.field == "baseline_date"


@pytest.mark.parametrize("value", [0, 86400, "2023-02-29", "2024-1-5"])
def test_load_refuses_a_dump_with_a_bad_date(value, seeded_db_path, tmp_path):
    dump = run_t2025("--db", seeded_db_path, "dump")
    data = json.loads(dump.stdout)
    data["milestones"][0]["forecast_date"] = value
    source = tmp_path / "bad-date.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "new.db"
    result = run_t2025("--db", target, "load", source)
    assert_clean_failure(result, expect="forecast date")
    assert not target.exists()


def test_cli_date_options_refuse_bad_dates(seeded_db_path, tmp_path):
    for args in (
        ["history", "--since", "2023-02-29"],
        ["export", "--out", tmp_path / "p.xlsx", "--as-of", "0"],
    ):
        result = run_t2025("--db", seeded_db_path, *args)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "date" in result.stderr.lower()


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("29/02/2024", date(2024, 2, 29)),
        ("today", date(2022, 3, 15)),
        ("+7", date(2022, 3, 22)),
        ("+2w", date(2022, 3, 29)),
        ("-1w", date(2022, 3, 8)),
    ],
)
def test_typed_dates(typed, expected):
    assert parse_user_date(typed, today=date(2022, 3, 15)) == expected


@pytest.mark.parametrize("typed", ["29/02/2023", "31/04/2024", "+99999", "+5000w", "1/1/1999"])
def test_typed_dates_out_of_the_calendar_or_range_are_refused(typed):
    with pytest.raises(ValueError):
        parse_user_date(typed, today=date(2022, 3, 15))


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_range_rule_holds_for_every_date(value):
    iso = value.isoformat()
    inside = EARLIEST <= value <= LATEST
    try:
        parsed = parse_user_date(iso)
    except ValueError as exc:
        assert not inside, f"{iso} is in range but was refused: {exc}"
        assert "2000-01-01" in str(exc)
    else:
        assert inside and parsed == value
