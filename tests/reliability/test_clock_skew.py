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


# The windows "since the last board" (the pack's changes sheets, the committee report's slips,
# the RAG at the last board) follow the log's order too.
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def skewed_rag(seeded_copy, monkeypatch):
    """FCR: Amber -> Red with the clock 400 days ahead -> Green once it is corrected."""
    from t2025tui.core.services.workstreams import set_workstream_rag

    path = seeded_copy()
    store = open_store(path)

    def rag(value, reason=""):
        row = store.query_one("SELECT id, version FROM workstream WHERE code = 'FCR'")
        set_workstream_rag(store, row["id"], value, reason, expected_version=row["version"])

    assert store.scalar("SELECT rag FROM workstream WHERE code = 'FCR'") == "Amber"
    with monkeypatch.context() as wrong_clock:
        wrong_clock.setattr("t2025tui.core.changes.now_iso", lambda: FUTURE)
        rag("Red", "supplier failed")
    rag("Green")
    yield store, path
    store.close()


def test_the_packs_changes_window_follows_the_logs_order(skewed_rag):
    from t2025tui.core.queries.pack import board_changes, net_changes

    store, _ = skewed_rag
    steps = [s for s in board_changes(store, YESTERDAY, TODAY) if s["field"] == "rag"]
    assert [(s["old"], s["new"]) for s in steps] == [("Amber", "Red"), ("Red", "Green")]
    (line,) = [n for n in net_changes(steps)]
    assert (line["old"], line["new"]) == ("Amber", "Green")  # not "Red -> Green", from the clock
    # Nothing is logged by the end of yesterday: a window ending then is empty, the
    # future-dated change included.
    assert [
        s
        for s in board_changes(store, None, YESTERDAY)
        if s["field"] == "rag" and s["batch_action"] != "seed"
    ] == []


def test_the_rag_at_the_last_board_follows_the_logs_order(skewed_rag, monkeypatch):
    from t2025tui.core.queries.status import field_as_of

    store, _ = skewed_rag
    fcr = store.query_one("SELECT id, rag FROM workstream WHERE code = 'FCR'")
    assert field_as_of(store, "workstream", fcr["id"], "rag", fcr["rag"], YESTERDAY) == "Amber"
    assert field_as_of(store, "workstream", fcr["id"], "rag", fcr["rag"], TODAY) == "Green"
    # A year on, by the clock the Red step would still be "to come"; in the log it is long past.
    later = TODAY + timedelta(days=200)
    assert field_as_of(store, "workstream", fcr["id"], "rag", fcr["rag"], later) == "Green"


def test_the_exported_changes_sheet_shows_where_the_window_started(skewed_rag, tmp_path):
    import openpyxl

    from t2025tui.core.export import changes_sheet

    _, path = skewed_rag
    pack = tmp_path / "pack.xlsx"
    args = ["--db", str(path), "export", "--out", str(pack), "--as-of", TODAY.isoformat()]
    assert main([*args, "--since", YESTERDAY.isoformat()]) == 0
    ws = openpyxl.load_workbook(pack, read_only=True)[changes_sheet.TITLE]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    rag_rows = [r for r in rows if "Force Control Room" in r and "Green" in r]
    assert rag_rows and all("Amber" in r and "Red" not in r for r in rag_rows), rag_rows


def test_the_committee_reports_slips_follow_the_logs_order(seeded_copy, monkeypatch):
    from t2025tui.core.report.data import _logged
    from t2025tui.core.services.milestones import set_forecast

    store = open_store(seeded_copy())
    try:
        row = store.query_one(
            "SELECT id, version, forecast_date FROM milestone WHERE forecast_date IS NOT NULL ORDER BY id LIMIT 1"
        )
        later = (date.fromisoformat(row["forecast_date"]) + timedelta(days=30)).isoformat()
        with monkeypatch.context() as wrong_clock:
            wrong_clock.setattr("t2025tui.core.changes.now_iso", lambda: FUTURE)
            set_forecast(store, row["id"], later, "supplier delay", expected_version=row["version"])
        _edit(store, "a later change, with the clock right")
        window = (YESTERDAY.isoformat(), TODAY.isoformat())
        assert _logged(store, "forecast_date", window)[row["id"]][0] == "supplier delay"
    finally:
        store.close()
