"""The protective marking comes from the programme's settings, and a page is never unmarked."""

import sqlite3

import pytest

from t2025tui.publish.marking import DEFAULT_MARKING, protective_marking


def _programme(marking_column: bool, marking: str | None = None) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    if marking_column:
        conn.execute("CREATE TABLE programme (id INTEGER PRIMARY KEY, marking TEXT)")
        conn.execute("INSERT INTO programme VALUES (1, ?)", (marking,))
    else:
        conn.execute("CREATE TABLE programme (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO programme VALUES (1, 'T2025')")
    return conn


def test_a_database_from_before_the_marking_setting_is_marked_official():
    assert protective_marking(_programme(marking_column=False)) == DEFAULT_MARKING == "OFFICIAL"


def test_the_programmes_marking_is_used():
    assert protective_marking(_programme(True, "OFFICIAL-SENSITIVE")) == "OFFICIAL-SENSITIVE"


@pytest.mark.parametrize("blank", ["", "   ", None, "\n\t"])
def test_a_blank_marking_still_marks_the_page_official(blank):
    assert protective_marking(_programme(True, blank)) == "OFFICIAL"


def test_a_marking_is_one_line():
    assert protective_marking(_programme(True, "OFFICIAL\nSENSITIVE")) == "OFFICIAL SENSITIVE"
