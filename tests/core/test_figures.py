"""The dashboard's milestone figures (late / at risk counts, next milestone, the 7.3 outlook) come
from the kept table `workstream_figures`; whatever changes, they must be exactly what
milestone_status says now."""

import sqlite3
from collections import Counter
from datetime import date, timedelta

import openpyxl
import pytest

from t2025tui.core import figures
from t2025tui.core import migrations as mig
from t2025tui.core.dump import dump_json, load_data, parse_json
from t2025tui.core.export import export_pack
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.updates import preview_updates
from t2025tui.core.queries import status
from t2025tui.core.services import milestones, programme, undo, workstreams
from t2025tui.core.store import integrity_report, open_store, schema_version
from t2025tui.core.timetravel import as_of_store
from tests.old_files import make_old_file

STATUS_COLUMNS = {
    "on track": "on_track",
    "at risk": "at_risk",
    "late": "late",
    "complete": "complete",
    "de-scoped": "descoped",
}
ZERO = {
    "milestones": 0,
    "on_track": 0,
    "at_risk": 0,
    "late": 0,
    "complete": 0,
    "descoped": 0,
    "open_undated": 0,
    "last_open_forecast": None,
    "next_id": None,
}


def figures_from_milestone_status(store) -> dict[int, dict]:
    """The figures worked out in Python from milestone_status, row by row: the reference."""
    result: dict[int, dict] = {}
    next_keys: dict[int, tuple] = {}
    for row in store.query(
        "SELECT id, workstream_id, status, descoped, actual_date, forecast_date FROM milestone_status"
    ):
        ws = result.setdefault(row["workstream_id"], dict(ZERO))
        ws["milestones"] += 1
        ws[STATUS_COLUMNS[row["status"]]] += 1
        if row["descoped"] or row["actual_date"] is not None:
            continue
        if row["forecast_date"] is None:
            ws["open_undated"] = 1
        elif ws["last_open_forecast"] is None or row["forecast_date"] > ws["last_open_forecast"]:
            ws["last_open_forecast"] = row["forecast_date"]
        key = (row["forecast_date"] is None, row["forecast_date"] or "", row["id"])  # earliest, undated last
        if row["workstream_id"] not in next_keys or key < next_keys[row["workstream_id"]]:
            next_keys[row["workstream_id"]] = key
            ws["next_id"] = row["id"]
    return result


def assert_figures_current(store) -> None:
    """What the dashboard reads equals the reference, and the kept table is complete and right."""
    expected = figures_from_milestone_status(store)
    assert status.milestone_figures(store) == expected
    assert status.milestone_counts(store) == {
        name: Counter(r["status"] for r in store.query("SELECT status FROM milestone_status"))[name]
        for name in STATUS_COLUMNS
    }
    for row in status.workstreams(store):
        ws = expected.get(row["id"], ZERO)
        assert (row["late"], row["at_risk"], row["milestones"]) == (
            ws["late"],
            ws["at_risk"],
            ws["milestones"],
        )
        assert (row["next_milestone"] or {}).get("id") == ws["next_id"]
    today = store.scalar("SELECT today FROM status_date")
    kept = {row.pop("workstream_id"): row for row in store.query("SELECT * FROM workstream_figures")}
    assert set(kept) == {r["id"] for r in store.query("SELECT id FROM workstream")}, (
        "figures missing after a write"
    )
    for workstream_id, row in kept.items():
        assert row.pop("today") == today
        assert row == expected.get(workstream_id, ZERO)


@pytest.fixture
def busy_store(store):
    """The embedded programme plus milestones in every state, spread over the workstreams."""
    ids = [r["id"] for r in store.query("SELECT id FROM workstream ORDER BY id")]
    for n in range(24):
        fields = {"workstream_id": ids[n % len(ids)], "title": f"Milestone {n}", "tolerance_days": n % 3 * 7}
        if n % 6 != 5:
            fields["baseline_date"] = (date(2022, 2, 1) + timedelta(days=9 * n)).isoformat()
        if n % 4 != 3:
            fields["forecast_date"] = (date(2022, 2, 10) + timedelta(days=8 * n)).isoformat()
        if n % 7 == 2:
            fields["actual_date"] = "2022-03-01"
        if n % 9 == 4:
            fields["descoped"] = True
        milestones.create_milestone(store, **fields)
    return store


def _open_milestone(store, workstream_code=None) -> dict:
    where = " AND workstream_id = (SELECT id FROM workstream WHERE code = ?)" if workstream_code else ""
    return store.query_one(
        "SELECT * FROM milestone WHERE descoped = 0 AND actual_date IS NULL"
        f" AND forecast_date IS NOT NULL{where} ORDER BY forecast_date, id LIMIT 1",
        (workstream_code,) if workstream_code else (),
    )


def slip_later(store):
    m = _open_milestone(store)
    milestones.set_forecast(store, m["id"], "2023-01-31", "Supplier delay", expected_version=m["version"])


def bring_earlier(store):
    m = store.query_one(
        "SELECT * FROM milestone WHERE descoped = 0 AND actual_date IS NULL"
        " AND forecast_date IS NOT NULL ORDER BY forecast_date DESC, id LIMIT 1"
    )
    milestones.set_forecast(store, m["id"], "2022-03-20", expected_version=m["version"])


def shift_past_the_others(store):
    m = _open_milestone(store)
    milestones.shift_forecast(store, m["id"], 700, "Stand-up slip", expected_version=m["version"])


def clear_forecast(store):
    m = _open_milestone(store)
    milestones.set_forecast(
        store, m["id"], None, "Date unknown until the supplier confirms", expected_version=m["version"]
    )


def mark_done(store):
    m = _open_milestone(store)
    milestones.mark_done(store, m["id"], "2022-03-14", expected_version=m["version"])


def _changed_then_back(store, there, back):
    """Make a change, check it showed, then undo it with another change."""
    before = status.milestone_figures(store)
    there()
    assert_figures_current(store)
    assert status.milestone_figures(store) != before, "the first change should have moved a figure"
    back()


def mark_done_then_reopen(store):
    m = _open_milestone(store)
    _changed_then_back(
        store,
        lambda: milestones.mark_done(store, m["id"], "2022-03-14", expected_version=m["version"]),
        lambda: milestones.reopen(store, m["id"], "Go-live rolled back", expected_version=m["version"] + 1),
    )


def descope_then_reinstate(store):
    m = _open_milestone(store)
    _changed_then_back(
        store,
        lambda: milestones.set_descoped(
            store, m["id"], True, "Folded into BAU", expected_version=m["version"]
        ),
        lambda: milestones.set_descoped(
            store, m["id"], False, "Back in scope", expected_version=m["version"] + 1
        ),
    )


def rebaseline(store):  # an at-risk milestone re-baselined to its forecast is on track
    m = store.query_one(
        "SELECT * FROM milestone_status WHERE status = 'at risk' AND baseline_date IS NOT NULL"
        " AND forecast_date IS NOT NULL"
        " ORDER BY id LIMIT 1"
    )
    milestones.rebaseline(
        store, m["id"], m["forecast_date"], "Re-planned at the board", expected_version=m["version"]
    )


def loosen_tolerance(store):
    m = store.query_one(
        "SELECT * FROM milestone_status WHERE status = 'late' AND forecast_date >= "
        "(SELECT today FROM status_date) ORDER BY id LIMIT 1"
    )
    milestones.update_milestone(store, m["id"], tolerance_days=3650, expected_version=m["version"])


def create_milestone(store):
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    milestones.create_milestone(
        store,
        workstream_id=fcr,
        title="New and first",
        forecast_date="2022-03-16",
        baseline_date="2022-03-16",
    )


def create_then_undo(store):  # undoing a create deletes the milestone
    _changed_then_back(store, lambda: create_milestone(store), lambda: undo.undo(store))


def undo_then_redo(store):
    slip_later(store)
    assert_figures_current(store)
    _changed_then_back(store, lambda: undo.undo(store), lambda: undo.redo(store))


def move_to_another_workstream(store):
    m = _open_milestone(store, "FCR")
    other = store.scalar("SELECT id FROM workstream WHERE code <> 'FCR' ORDER BY id DESC LIMIT 1")
    milestones.update_milestone(store, m["id"], workstream_id=other, expected_version=m["version"])


def new_workstream(store):
    new = workstreams.create_workstream(store, code="NEW", name="New workstream", rag="Green")
    assert_figures_current(store)
    milestones.create_milestone(store, workstream_id=new, title="Its first", forecast_date="2022-01-31")


def change_status_date(store):
    prog = programme.get_programme(store)
    programme.update_programme(store, status_date="2022-06-30", expected_version=prog["version"])


def clear_status_date(store):
    prog = programme.get_programme(store)
    programme.update_programme(store, status_date=None, expected_version=prog["version"])


CHANGES = [
    slip_later,
    bring_earlier,
    shift_past_the_others,
    clear_forecast,
    mark_done,
    mark_done_then_reopen,
    descope_then_reinstate,
    rebaseline,
    loosen_tolerance,
    create_milestone,
    create_then_undo,
    undo_then_redo,
    move_to_another_workstream,
    new_workstream,
    change_status_date,
    clear_status_date,
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_dashboard_figures_follow_every_kind_of_change(busy_store, change):
    assert_figures_current(busy_store)
    before = status.milestone_figures(busy_store)
    change(busy_store)
    assert_figures_current(busy_store)
    if change not in (create_then_undo, mark_done_then_reopen, descope_then_reinstate):
        assert status.milestone_figures(busy_store) != before, "the change should have moved a figure"


def test_conclusion_follows_the_milestones(busy_store):
    """The 7.3 line reads the kept figures too: a Green workstream is on track until a milestone is late."""
    fcr = busy_store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_workstream_rag(busy_store, fcr["id"], "Green", expected_version=fcr["version"])
    for m in busy_store.query(
        "SELECT * FROM milestone WHERE workstream_id = ? AND descoped = 0 AND actual_date IS NULL",
        (fcr["id"],),
    ):
        milestones.mark_done(busy_store, m["id"], "2022-03-01", expected_version=m["version"])
    assert fcr["id"] in [r["id"] for r in status.delivery_outlook(busy_store)["on track"]]
    before = status.conclusion(busy_store)
    milestones.create_milestone(
        busy_store, workstream_id=fcr["id"], title="Overdue", forecast_date="2022-03-01"
    )
    assert fcr["id"] not in [r["id"] for r in status.delivery_outlook(busy_store)["on track"]]
    assert status.conclusion(busy_store) != before
    assert_figures_current(busy_store)


def test_loaded_dump_has_current_figures(busy_store, tmp_path):
    loaded = load_data(parse_json(dump_json(busy_store)), tmp_path / "loaded.db")
    try:
        assert_figures_current(loaded)
        assert status.milestone_figures(loaded) == status.milestone_figures(busy_store)
    finally:
        loaded.close()


def test_pack_import_of_a_forecast_keeps_figures_current(busy_store, tmp_path):
    pack = tmp_path / "pack.xlsx"
    export_pack(busy_store, pack)
    target = _open_milestone(busy_store)
    book = openpyxl.load_workbook(pack)
    sheet = book["Milestones"]
    header_row = next(r for r in range(1, 20) if "Milestone" in [c.value for c in sheet[r]])
    headers = {cell.value: cell.column for cell in sheet[header_row]}
    row = next(
        r
        for r in range(header_row + 1, sheet.max_row + 1)
        if sheet.cell(row=r, column=headers["Milestone"]).value == target["title"]
    )
    sheet.cell(row=row, column=headers["Forecast"], value="31/12/2023")
    sheet.cell(row=row, column=headers["Reason for last change"], value="Supplier delay")
    book.save(pack)
    before = status.milestone_figures(busy_store)
    apply_preview(busy_store, preview_updates(busy_store, pack))
    assert (
        busy_store.scalar("SELECT forecast_date FROM milestone WHERE id = ?", (target["id"],)) == "2023-12-31"
    )
    assert status.milestone_figures(busy_store) != before
    assert_figures_current(busy_store)


def test_migrating_a_version_1_file_keeps_every_record_and_fills_the_figures(tmp_path):
    path = make_old_file(tmp_path / "old.db", 1)
    old = open_store(path, migrations=[m for m in mig.bundled_migrations() if m.number == 1])
    counts = {t: old.scalar(f"SELECT COUNT(*) FROM {t}") for t in ("workstream", "milestone", "change_log")}
    expected = figures_from_milestone_status(old)
    old.close()

    store = open_store(path)
    try:
        assert schema_version(store) == mig.latest_version()
        assert {t: store.scalar(f"SELECT COUNT(*) FROM {t}") for t in counts} == counts
        assert_figures_current(store)
        assert status.milestone_figures(store) == expected
        assert list((tmp_path / "backups").glob("old-before-v2-*.db")), "no backup before the migration"
        assert integrity_report(store) == []
    finally:
        store.close()


def test_migration_2_run_twice_changes_nothing(store):
    """Two t2025 processes opening a version-1 file at once may both run it."""
    before = (dump_json(store), store.query("SELECT * FROM workstream_figures ORDER BY workstream_id"))
    second = next(m for m in mig.bundled_migrations() if m.number == 2)
    mig.apply_migration(store.conn, second)
    assert (
        dump_json(store),
        store.query("SELECT * FROM workstream_figures ORDER BY workstream_id"),
    ) == before
    assert_figures_current(store)


def _as_another_program(path, sql: str, params=()) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def test_figures_from_an_earlier_day_are_never_shown(busy_store, seeded_db_path):
    """With no status date, "today" rolls over at midnight: figures kept yesterday are stale."""
    clear_status_date(busy_store)
    assert_figures_current(busy_store)
    expected = status.milestone_figures(busy_store)
    # As if computed on an earlier day, and different from today's, so serving them would show.
    _as_another_program(
        seeded_db_path, "UPDATE workstream_figures SET today = '2000-01-01', late = late + 100"
    )
    assert status.milestone_figures(busy_store) == expected
    assert busy_store.scalar("SELECT COUNT(*) FROM workstream_figures WHERE today = '2000-01-01'") > 0, (
        "reading wrote to the database"
    )
    workstreams.add_note(busy_store, None, "Any save brings the kept figures up to date")
    assert_figures_current(busy_store)


def test_figures_kept_on_an_earlier_day_can_be_brought_up_to_date_without_an_edit(busy_store, seeded_db_path):
    clear_status_date(busy_store)
    assert figures.is_current(busy_store) and not figures.refresh_store(busy_store)
    _as_another_program(
        seeded_db_path, "UPDATE workstream_figures SET today = '2000-01-01', late = late + 100"
    )
    assert not figures.is_current(busy_store)
    busy_store.refuse_writes = "read only for this test"
    assert not figures.refresh_store(busy_store)
    assert not figures.is_current(busy_store)
    busy_store.refuse_writes = None
    batches = busy_store.scalar("SELECT COUNT(*) FROM change_batch")
    assert figures.refresh_store(busy_store)
    assert figures.is_current(busy_store)
    assert_figures_current(busy_store)
    assert busy_store.scalar("SELECT COUNT(*) FROM change_batch") == batches, (
        "not an edit: no history, no undo"
    )


def test_change_by_another_program_read_only_store(busy_store, seeded_db_path):
    """Triggers drop the figures of what another program changed; a store that may not write
    computes them directly instead of serving the old ones."""
    m = _open_milestone(busy_store)
    _as_another_program(
        seeded_db_path, "UPDATE milestone SET forecast_date = '2025-01-01' WHERE id = ?", (m["id"],)
    )
    busy_store.refuse_writes = "read only for this test"
    assert status.milestone_figures(busy_store) == figures_from_milestone_status(busy_store)
    workstream_id = m["workstream_id"]
    assert (
        busy_store.scalar("SELECT COUNT(*) FROM workstream_figures WHERE workstream_id = ?", (workstream_id,))
        == 0
    )


def test_time_travel_copy_shows_the_figures_of_that_day(busy_store):
    """export --as-of rebuilds the programme in a copy by reversing changes; its figures follow."""
    yesterday = date.today() - timedelta(days=1)
    then = as_of_store(busy_store, yesterday)  # before busy_store's milestones were added today
    try:
        assert status.milestone_figures(then) == figures_from_milestone_status(then)
        assert sum(f["milestones"] for f in status.milestone_figures(then).values()) == 7
    finally:
        then.close()
    slip_later(busy_store)
    now = as_of_store(busy_store, None)
    try:
        assert status.milestone_figures(now) == figures_from_milestone_status(busy_store)
    finally:
        now.close()


def test_a_save_still_commits_when_the_figures_cannot_be_refreshed(busy_store, monkeypatch):
    def broken(conn):
        raise sqlite3.OperationalError("simulated failure while refreshing figures")

    monkeypatch.setattr(figures, "refresh", broken)
    m = _open_milestone(busy_store)
    milestones.set_forecast(
        busy_store, m["id"], "2024-02-29", "Supplier delay", expected_version=m["version"]
    )
    assert busy_store.scalar("SELECT forecast_date FROM milestone WHERE id = ?", (m["id"],)) == "2024-02-29"
    assert status.milestone_figures(busy_store) == figures_from_milestone_status(busy_store)


def _rag_as_of_by_scanning(store, workstream_id: int, current, day: date):
    """RAG at the end of `day` by reading the whole history in order: the reference. As
    --as-of, it follows the log's order: the end of the day is just after the last entry dated
    on or before it (these tests' entries are dated before the seed's, which was logged first)."""
    log = store.query("SELECT id, at, entity, entity_id, field, action, old FROM change_log ORDER BY id")
    last = max((e["id"] for e in log if e["at"][:10] <= day.isoformat()), default=0)
    mine = [e for e in log if e["entity"] == "workstream" and e["entity_id"] == workstream_id]
    created = next((e for e in mine if e["action"] == "create"), None)
    if created and created["id"] > last:
        return None
    for entry in mine:
        if entry["field"] == "rag" and entry["id"] > last:
            return None if entry["old"] is None else entry["old"].strip('"')
    return current


def test_rag_at_board_is_read_from_the_right_change(store):
    from t2025tui.core.changes import edit

    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    for at, rag in (
        ("2022-03-10T10:00:00+00:00", "Red"),
        ("2022-03-15T09:00:00+00:00", "Green"),
        ("2022-03-15T23:59:59+00:00", "Red"),
        ("2022-03-16T08:00:00+00:00", "Amber"),
    ):
        with edit(store, f"RAG {rag}", at=at) as change:
            change.update("workstream", fcr["id"], {"rag": rag}, expected_version=None)
    current = store.scalar("SELECT rag FROM workstream WHERE id = ?", (fcr["id"],))
    for offset in range(-8, 4):
        day = date(2022, 3, 15) + timedelta(days=offset)
        assert status.field_as_of(
            store, "workstream", fcr["id"], "rag", current, day
        ) == _rag_as_of_by_scanning(store, fcr["id"], current, day), day
    by_id = {row["id"]: row for row in status.workstreams(store, board_date=date(2022, 3, 15))}
    assert by_id[fcr["id"]]["rag_at_board"] == "Red" and by_id[fcr["id"]]["trend"] == "better"


def test_risk_tile_counts_open_risks_by_band(store):
    from t2025tui.core.services import risks

    risks.create_risk(store, ref="R-NEW-1", title="Unscored")
    risks.create_risk(
        store,
        ref="R-NEW-2",
        title="Overdue",
        residual_likelihood=5,
        residual_impact=5,
        review_date="2022-01-01",
    )
    closed = risks.create_risk(store, ref="R-NEW-3", title="Closed", inherent_likelihood=5, inherent_impact=5)
    risks.close_risk(store, closed, "No longer a risk", expected_version=1)
    expected = {"Red": 0, "Amber": 0, "Green": 0, "unscored": 0, "review overdue": 0, "open": 0}
    for row in store.query("SELECT * FROM risk_scored WHERE status = 'Open'"):
        expected[row["residual_band"] or row["inherent_band"] or "unscored"] += 1
        expected["review overdue"] += row["review_overdue"]
        expected["open"] += 1
    assert status.risk_counts(store) == expected
    assert expected["unscored"] >= 1 and expected["review overdue"] >= 1
