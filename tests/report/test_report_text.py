"""The report text sections: edited through one logged service, undoable, guarded against a
stale save, dumped and loaded with the programme."""

import json

import pytest

from t2025tui.core.dump import dump_json, load_data, parse_json
from t2025tui.core.errors import StaleEditError, ValidationError
from t2025tui.core.report.sections import SECTION_KEYS
from t2025tui.core.services import undo
from t2025tui.core.services.report_text import report_text, report_texts, set_report_text


def _row(store, section, workstream_id=None):
    return next(
        r for r in report_texts(store) if r["section"] == section and r["workstream_id"] == workstream_id
    )


def test_every_section_is_listed_in_report_order_with_one_update_per_workstream(store):
    rows = report_texts(store)
    workstream_count = store.scalar("SELECT COUNT(*) FROM workstream")
    assert [r["section"] for r in rows if r["section"] != "workstream"] == [
        k for k in SECTION_KEYS if k != "workstream"
    ]
    assert len([r for r in rows if r["section"] == "workstream"]) == workstream_count


def test_a_save_is_one_logged_edit_with_old_and_new(store):
    before = _row(store, "purpose")
    set_report_text(
        store, "purpose", "Line one\nLine two", expected_version=before["version"], reason="Committee asked"
    )
    entry = store.query_one("SELECT * FROM change_log ORDER BY id DESC LIMIT 1")
    assert (entry["entity"], entry["field"], entry["reason"]) == ("report_text", "body", "Committee asked")
    assert json.loads(entry["old"]) == before["body"]
    assert json.loads(entry["new"]) == "Line one\nLine two"
    assert store.query_one("SELECT summary FROM change_batch ORDER BY id DESC LIMIT 1")["summary"] == (
        "Edit report text: Purpose"
    )


def test_undo_puts_the_earlier_words_back(store):
    before = _row(store, "conclusions")
    set_report_text(store, "conclusions", "Changed", expected_version=before["version"])
    undo.undo(store)
    assert report_text(store, "conclusions") == before["body"]


def test_a_first_save_for_a_workstream_creates_its_text(store):
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    assert _row(store, "workstream", fcr)["id"] is None
    set_report_text(store, "workstream", "FCR words", workstream_id=fcr, expected_version=None)
    assert report_text(store, "workstream", fcr) == "FCR words"
    undo.undo(store)
    assert report_text(store, "workstream", fcr) == ""


def test_a_stale_save_is_refused_and_keeps_the_other_windows_words(store):
    opened = _row(store, "background")
    set_report_text(store, "background", "First window", expected_version=opened["version"])
    with pytest.raises(StaleEditError, match="changed in another window"):
        set_report_text(store, "background", "Second window", expected_version=opened["version"])
    assert report_text(store, "background") == "First window"
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    set_report_text(store, "workstream", "One", workstream_id=fcr, expected_version=None)
    with pytest.raises(StaleEditError):
        set_report_text(store, "workstream", "Two", workstream_id=fcr, expected_version=None)


@pytest.mark.parametrize(
    ("section", "workstream_id", "message"),
    [
        ("nonsense", None, "unknown report section 'nonsense'"),
        ("workstream", None, "needs its workstream"),
        ("purpose", 1, "only it has one"),
        ("workstream", 999, "workstream 999 no longer exists"),
    ],
)
def test_a_bad_section_is_refused_in_one_line(store, section, workstream_id, message):
    with pytest.raises(ValidationError, match=message):
        set_report_text(store, section, "x", workstream_id=workstream_id, expected_version=None)


def test_text_is_cleaned_and_a_single_line_section_stays_one_line(store):
    purpose = _row(store, "purpose")
    set_report_text(store, "purpose", "a\x07b\r\nc", expected_version=purpose["version"])
    assert report_text(store, "purpose") == "ab\nc"
    title = _row(store, "title")
    set_report_text(store, "title", "Two\nlines", expected_version=title["version"])
    assert report_text(store, "title") == "Two lines"
    with pytest.raises(ValidationError, match="limit is 32,000"):
        set_report_text(store, "purpose", "x" * 40_000, expected_version=purpose["version"] + 1)


def test_dump_and_load_keep_every_section(store, tmp_path):
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    set_report_text(store, "workstream", "FCR words", workstream_id=fcr, expected_version=None)
    data = parse_json(dump_json(store))
    loaded = load_data(data, tmp_path / "copy.db")
    try:
        assert report_texts(loaded) == report_texts(store)
    finally:
        loaded.close()
