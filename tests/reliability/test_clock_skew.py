"""Clock skew: a change stamped in the future (a laptop clock set wrong, then corrected) must not
make the as-of view show a value that is no longer current. Time travel follows the change
log's order, and `t2025 check` names every change dated after the one logged next."""

from datetime import date, timedelta

import pytest

from t2025tui.cli import main
from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store
from t2025tui.core.timetravel import as_of_store, clock_skew_warnings, later_changes

TODAY = date.today()
FUTURE = f"{(TODAY + timedelta(days=400)).isoformat()}T10:00:00+00:00"


def _commentary(store, code="FCR"):
    return store.query_one("SELECT commentary FROM workstream WHERE code = ?", (code,))["commentary"]


def _edit(store, text, code="FCR"):
    row = store.query_one("SELECT id, version FROM workstream WHERE code = ?", (code,))
    set_commentary(store, row["id"], text, expected_version=row["version"])


@pytest.fixture
def skewed(seeded_copy, monkeypatch):
    """Original -> 'wrong clock' (stamped 400 days ahead) -> 'current' (clock corrected)."""
    path = seeded_copy()
    store = open_store(path)
    original = _commentary(store)
    with monkeypatch.context() as wrong_clock:
        wrong_clock.setattr("t2025tui.core.changes.now_iso", lambda: FUTURE)
        _edit(store, "written while the clock was wrong")
    _edit(store, "current")
    yield store, original, path
    store.close()


def test_as_of_today_shows_what_is_current(skewed):
    store, _, _ = skewed
    then = as_of_store(store, TODAY)
    try:
        assert _commentary(then) == "current"
    finally:
        then.close()
    assert later_changes(store, TODAY) == 0


def test_as_of_before_both_edits_shows_the_original(skewed):
    store, original, _ = skewed
    day_before = store.scalar("SELECT MIN(substr(at, 1, 10)) FROM change_log WHERE at LIKE ?", (f"{TODAY}%",))
    assert day_before == TODAY.isoformat()
    then = as_of_store(store, TODAY - timedelta(days=1))
    try:
        assert _commentary(then) == original
    finally:
        then.close()


def test_check_says_which_change_is_dated_after_the_next(skewed, capsys):
    store, _, path = skewed
    warnings = clock_skew_warnings(store)
    assert len(warnings) == 1 and FUTURE in warnings[0]
    assert main(["--db", str(path), "check"]) == 0  # a note for the user, not damage
    out = capsys.readouterr().out
    assert "WARNING: change" in out and "after change" in out and FUTURE in out


def test_a_summer_time_change_is_not_mistaken_for_skew(seeded_copy, monkeypatch):
    """01:59 BST then 01:10 GMT is 50 minutes later, though its text sorts first."""
    store = open_store(seeded_copy())
    try:
        for stamp, text in (("2026-10-25T01:59:00+01:00", "before"), ("2026-10-25T01:10:00+00:00", "after")):
            monkeypatch.setattr("t2025tui.core.changes.now_iso", lambda stamp=stamp: stamp)
            _edit(store, text)
        assert clock_skew_warnings(store) == []
    finally:
        store.close()


def test_export_as_of_today_uses_the_current_value(skewed, tmp_path):
    import openpyxl

    _, _, path = skewed
    pack = tmp_path / "pack.xlsx"
    assert main(["--db", str(path), "export", "--out", str(pack), "--as-of", TODAY.isoformat()]) == 0
    cells = [
        c.value for ws in openpyxl.load_workbook(pack, read_only=True) for row in ws.iter_rows() for c in row
    ]
    assert "current" in cells and "written while the clock was wrong" not in cells
