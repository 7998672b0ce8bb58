"""Cell values: what people type is read as documented, anything else is a clear CellError."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from t2025tui.core.importers import values as conv
from t2025tui.core.importers.grid import ErrorValue, Formula
from t2025tui.core.importers.headers import classify, normalise

ANY_CELL = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
)


@pytest.mark.parametrize(
    "typed, score",
    [
        (3, 3),
        (3.0, 3),
        ("4", 4),
        ("4 - High", 4),
        ("High", 4),
        ("very high", 5),
        ("Very-High", 5),
        ("LOW", 2),
        ("Medium", 3),
        ("almost certain", 5),
        ("rare", 1),
        (None, None),
        ("  ", None),
    ],
)
def test_scores_from_numbers_and_words(typed, score):
    assert conv.to_score(typed, "likelihood") == score


@pytest.mark.parametrize(
    "typed, message",
    [
        (7, "likelihood 7 is not 1-5"),
        (0, "likelihood 0 is not 1-5"),
        (2.5, "likelihood 2.5 is not a whole number 1-5"),
        ("Huge", "likelihood 'Huge' is not a score 1-5 nor a word such as Low, Medium, High"),
        (Formula("B2*2", 4), "likelihood is a formula (=B2*2)"),
        (ErrorValue("#N/A"), "likelihood shows the Excel error #N/A"),
    ],
)
def test_bad_scores_say_why(typed, message):
    with pytest.raises(
        conv.CellError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")
    ):
        conv.to_score(typed, "likelihood")


@pytest.mark.parametrize(
    "typed, day",
    [
        (date(2022, 3, 31), date(2022, 3, 31)),
        (datetime(2022, 3, 31, 9, 30), date(2022, 3, 31)),
        ("31/03/2022", date(2022, 3, 31)),
        ("2022-03-31", date(2022, 3, 31)),
        ("31-03-2022", date(2022, 3, 31)),
        ("31.3.2022", date(2022, 3, 31)),
        ("31 Mar 2022", date(2022, 3, 31)),
        ("31st March 2022", date(2022, 3, 31)),
        (44651, date(2022, 3, 31)),
        ("", None),
    ],
)
def test_dates_as_excel_dates_serials_or_text(typed, day):
    assert conv.to_date(typed, "review date") == day


@pytest.mark.parametrize("typed", ["31/02/2022", "03/31/2022", "1999-12-31", "TBC", "Monthly"])
def test_impossible_or_vague_dates_are_refused(typed):
    with pytest.raises(conv.CellError, match="review date"):
        conv.to_date(typed, "review date")


@pytest.mark.parametrize(
    "typed, response",
    [
        ("mitigate", "Treat"),
        ("Mitigate", "Treat"),
        ("Treat", "Treat"),
        ("reduce", "Treat"),
        ("accept", "Tolerate"),
        ("Tolerate", "Tolerate"),
        ("share", "Transfer"),
        ("avoid", "Terminate"),
        ("Treat (mitigate)", "Treat"),
    ],
)
def test_treatment_words(typed, response):
    assert conv.to_response(typed) == response


@given(ANY_CELL)
def test_converters_never_fail_with_anything_but_a_clear_cell_error(value):
    for convert in (
        lambda v: conv.to_score(v, "impact"),
        lambda v: conv.to_date(v, "review date"),
        conv.to_response,
        conv.to_risk_status,
        lambda v: conv.to_rag(v, ("Red", "Amber", "Green")),
        conv.to_text,
    ):
        try:
            convert(value)
        except conv.CellError as exc:
            assert str(exc) and "\n" not in str(exc)


@pytest.mark.parametrize(
    "header, banner, field",
    [
        ("Likelihood (1-5)", "", "likelihood"),
        ("L", "Inherent risk", "inherent_likelihood"),
        ("I", "Residual risk", "residual_impact"),
        ("Residual L", "", "residual_likelihood"),
        ("Pre-mitigation Impact", "", "inherent_impact"),
        ("Net likelihood", "", "residual_likelihood"),
        ("Risk ID", "", "ref"),
        ("Mitigating actions", "", "actions"),
        ("Review date", "", "review_date"),
        ("RISK\nOWNER", "", "owner"),
        ("Score", "Residual", "derived"),
        ("L x I", "", "derived"),
        ("Date raised", "", None),
    ],
)
def test_header_synonyms(header, banner, field):
    assert classify(header, banner) == field


@given(st.text(max_size=60))
def test_any_header_text_classifies_without_error(text):
    assert isinstance(normalise(text), str)
    classify(text, text)
