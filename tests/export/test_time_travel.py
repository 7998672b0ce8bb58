"""`--as-of`: the pack shows the programme as it stood at the end of a day, rebuilt from the
change log; `--since` (default: the last board) frames the changes and the RAG-at-board column."""

from datetime import date, timedelta

import pytest

from t2025tui.core.changes import edit
from t2025tui.core.export import export_pack
from t2025tui.core.services import milestones, programme, recommendations, risks, workstreams
from t2025tui.core.timetravel import TimeTravelError, as_of_store
from tests.export.reading import calamine_rows, table

SEED_DAY = date(2022, 3, 15)
YESTERDAY = date.today() - timedelta(days=1)


def _row(store, table_name, where, params=()):
    return store.query_one(f"SELECT * FROM {table_name} WHERE {where}", params)


def _workstream_rags(path):
    return {
        r["Code"]: (r["RAG now"], r["RAG at last board"], r["Trend"])
        for r in table(calamine_rows(path, "Workstreams"), "Code")
    }


def _fcr_red(store):
    fcr = _row(store, "workstream", "code = 'FCR'")
    workstreams.set_workstream_rag(
        store, fcr["id"], "Red", "IT team still diverted to force-wide work", expected_version=fcr["version"]
    )


def test_as_of_before_a_rag_change_shows_the_old_rag(store, tmp_path):
    _fcr_red(store)
    now, then = tmp_path / "now.xlsx", tmp_path / "then.xlsx"
    export_pack(store, now)
    export_pack(store, then, as_of=YESTERDAY)
    assert _workstream_rags(now)["FCR"] == ("Red", "Amber", "↓ worse")
    assert _workstream_rags(then)["FCR"] == ("Amber", "Amber", "→ same")
    summary = {row[0]: row[1] for row in calamine_rows(then, "Summary") if row and row[0]}
    assert summary["Force Control Room"] == "Amber"
    assert "(rebuilt from the change log)" in summary["Programme as at"]


def _edit_everything(store):
    _fcr_red(store)
    tech = _row(store, "milestone", "title = 'FCR technology requirements implemented'")
    milestones.set_forecast(
        store, tech["id"], "2022-07-31", "Supplier delay", expected_version=tech["version"]
    )
    niche = _row(store, "milestone", "title LIKE 'Niche%'")
    milestones.rebaseline(
        store,
        niche["id"],
        "2022-05-31",
        "Module release moved by the vendor",
        expected_version=niche["version"],
    )
    vul = _row(store, "milestone", "title LIKE 'Vulnerability workstream%'")
    milestones.set_descoped(store, vul["id"], True, "Folded into BAU", expected_version=vul["version"])
    risks.create_risk(
        store, ref="T2025-R08", title="Oracle go-live clashes with year end", reason="New at stand-up"
    )
    vru = _row(store, "risk", "ref = 'T2025-R07'")
    risks.close_risk(
        store, vru["id"], "VRU funding agreed by the Home Office", expected_version=vru["version"]
    )
    rec = _row(store, "recommendation", "ref = 'HMICFRS-12'")
    recommendations.set_recommendation_status(
        store, rec["id"], "In progress", "Work started", expected_version=rec["version"]
    )
    prog = _row(store, "programme", "id = 1")
    programme.set_programme_rag(
        store, "overall", "Amber", "Resourcing agreed", expected_version=prog["version"]
    )
    workstreams.set_commentary(
        store,
        _row(store, "workstream", "code = 'RM'")["id"],
        "Not a board change",
        expected_version=_row(store, "workstream", "code = 'RM'")["version"],
    )


def test_as_of_the_seed_day_gives_the_seed_state(store, tmp_path):
    before = tmp_path / "before.xlsx"
    export_pack(store, before)
    _edit_everything(store)
    after = tmp_path / "after.xlsx"
    export_pack(store, after, as_of=SEED_DAY)
    for sheet, first in (
        ("Workstreams", "Code"),
        ("Milestones", "Workstream"),
        ("Risks", "Ref"),
        ("Recommendations", "Ref"),
        ("Finance", "Expenditure Plans & Funding"),
        ("Health check", "Team"),
    ):
        assert table(calamine_rows(after, sheet), first) == table(calamine_rows(before, sheet), first), sheet


def test_changes_sheet_lists_every_board_relevant_change_with_reason(store, tmp_path):
    _edit_everything(store)
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    rows = table(calamine_rows(out, "Every change since last board"), "Date")
    got = [(r["Change"], r["Item"], r["From"], r["To"], r["Days moved"], r["Reason"]) for r in rows]
    assert got == [
        ("RAG move", "Force Control Room", "Amber", "Red", "", "IT team still diverted to force-wide work"),
        (
            "Slip",
            "FCR-M01 FCR technology requirements implemented",
            date(2022, 6, 30),
            date(2022, 7, 31),
            31,
            "Supplier delay",
        ),
        (
            "Re-baseline",
            "VUL-M03 Niche 'Missing' module implemented",
            date(2022, 4, 30),
            date(2022, 5, 31),
            31,
            "Module release moved by the vendor",
        ),
        (
            "De-scoped",
            "VUL-M01 Vulnerability workstream activities for 2021/22 complete",
            "No",
            "Yes",
            "",
            "Folded into BAU",
        ),
        (
            "New risk",
            "T2025-R08",
            "",
            "T2025-R08 Oracle go-live clashes with year end (Open)",
            "",
            "New at stand-up",
        ),
        ("Risk closed", "T2025-R07", "Open", "Closed", "", "VRU funding agreed by the Home Office"),
        ("Recommendation status", "HMICFRS-12", "Open", "In progress", "", "Work started"),
        ("Overall RAG", "T2025 Service Improvement Programme", "Red", "Amber", "", "Resourcing agreed"),
    ]
    assert rows[0]["Workstream"] == "Force Control Room"
    assert rows[0]["Date"].date() == date.today()


def test_since_defaults_to_the_last_board_before_as_of(store, tmp_path):
    """Board meetings and changes placed on past days: only changes after the board count."""
    fcr = _row(store, "workstream", "code = 'FCR'")
    with edit(store, "Add board", at="2022-04-19T10:00:00+00:00") as change:
        change.insert("board_meeting", {"meeting_date": "2022-04-19", "title": "Futures Board"})
    with edit(store, "Before the board", at="2022-04-18T10:00:00+00:00", reason="early") as change:
        change.update("workstream", fcr["id"], {"rag": "Red"}, expected_version=None)
    with edit(store, "After the board", at="2022-04-25T10:00:00+00:00", reason="recovered") as change:
        change.update("workstream", fcr["id"], {"rag": "Green"}, expected_version=None)
    out = tmp_path / "pack.xlsx"
    export_pack(store, out, as_of=date(2022, 4, 30))
    changes = calamine_rows(out, "Every change since last board")
    assert changes[1][0].startswith("Changes made after the Futures Board of 19 April 2022")
    rows = table(changes, "Date")
    assert [(r["Change"], r["From"], r["To"], r["Reason"]) for r in rows] == [
        ("RAG move", "Red", "Green", "recovered")
    ]
    assert _workstream_rags(out)["FCR"] == ("Green", "Red", "↑ better")
    # An explicit --since widens the window to take in the earlier change.
    export_pack(store, out, as_of=date(2022, 4, 30), since=SEED_DAY)
    rows = table(calamine_rows(out, "Every change since last board"), "Date")
    assert [r["Reason"] for r in rows] == ["early", "recovered"]
    # As at the day before the board, the later move had not happened.
    export_pack(store, out, as_of=date(2022, 4, 18))
    assert _workstream_rags(out)["FCR"] == ("Red", "Amber", "↓ worse")


def test_a_deleted_row_comes_back_when_travelling_to_before_its_deletion(store):
    risk = _row(store, "risk", "ref = 'T2025-R04'")
    with edit(store, "Delete a risk", at="2023-01-10T09:00:00+00:00") as change:
        change.delete("risk", risk["id"], expected_version=None)
    assert _row(store, "risk", "ref = 'T2025-R04'") is None
    before = as_of_store(store, date(2023, 1, 9))
    try:
        back = _row(before, "risk", "ref = 'T2025-R04'")
        assert back["title"] == risk["title"] and back["cause"] == risk["cause"]
        assert before.scalar("SELECT COUNT(*) FROM change_log WHERE at > '2023'") == 0
    finally:
        before.close()
    assert _row(store, "risk", "ref = 'T2025-R04'") is None  # the real database is only read


def test_as_of_before_any_record_is_refused(store, tmp_path):
    with pytest.raises(TimeTravelError, match="the earliest record is from 2022-03-15"):
        export_pack(store, tmp_path / "pack.xlsx", as_of=date(2021, 12, 31))
    assert not (tmp_path / "pack.xlsx").exists()


def test_an_export_reads_one_consistent_snapshot_while_the_app_saves(store):
    """The pack is read through its own read transaction: a save made meanwhile is not half-seen."""
    from t2025tui.core.timetravel import snapshot_store

    view = snapshot_store(store)
    try:
        _fcr_red(store)
        assert _row(view, "workstream", "code = 'FCR'")["rag"] == "Amber"
    finally:
        view.close()
    assert _row(store, "workstream", "code = 'FCR'")["rag"] == "Red"


def test_project_de_scope_and_milestone_completion_are_listed(store, tmp_path):
    from t2025tui.core.services import projects

    project = _row(store, "project", "name = 'Night detectives'")
    projects.set_project_status(
        store, project["id"], "de-scoped", "No funding for night cover", expected_version=project["version"]
    )
    spec_ops = _row(store, "milestone", "title LIKE 'Specialist Operations%'")
    milestones.mark_done(store, spec_ops["id"], "2022-05-27", expected_version=spec_ops["version"])
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    rows = table(calamine_rows(out, "Every change since last board"), "Date")
    got = [(r["Change"], r["Item"], r["From"], r["To"], r["Reason"]) for r in rows]
    assert got == [
        ("Project de-scoped", "Night detectives", "active", "de-scoped", "No funding for night cover"),
        ("Completed", "IOM-M01 Specialist Operations de-collaboration finalised", "", date(2022, 5, 27), ""),
    ]
    assert rows[0]["Workstream"] == "Raising Investigation Standards"
