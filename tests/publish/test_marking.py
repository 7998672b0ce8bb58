"""The protective marking comes from the programme's settings, and a page is never unmarked."""

import pytest

from t2025tui.core.queries.settings import programme_settings
from t2025tui.core.services.programme import update_programme
from t2025tui.core.store import memory_store
from t2025tui.publish.marking import DEFAULT_MARKING, protective_marking


def _settings_with(store, marking):
    # Written directly, as another tool could: the service itself refuses a blank marking.
    with store.write() as conn:
        conn.execute("UPDATE programme SET marking = ? WHERE id = 1", (marking,))
    return programme_settings(store)


def test_the_embedded_programme_is_marked_official(store):
    assert protective_marking(programme_settings(store)) == DEFAULT_MARKING == "OFFICIAL"


def test_the_marking_setting_is_used(store):
    version = programme_settings(store).version
    update_programme(store, expected_version=version, marking="OFFICIAL-SENSITIVE")
    assert protective_marking(programme_settings(store)) == "OFFICIAL-SENSITIVE"


def test_a_database_without_a_programme_yet_is_marked_official():
    empty = memory_store()
    assert empty.query_one("SELECT 1 FROM programme") is None
    assert protective_marking(None) == "OFFICIAL"


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_a_blank_marking_still_marks_the_page_official(store, blank):
    assert protective_marking(_settings_with(store, blank)) == "OFFICIAL"


def test_a_marking_is_one_line_so_it_cannot_break_a_header(store):
    assert protective_marking(_settings_with(store, "OFFICIAL\r\nX-Evil: 1")) == "OFFICIAL X-Evil: 1"
