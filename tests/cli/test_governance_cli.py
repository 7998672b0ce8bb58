"""`t2025 add/set/remove/list action|issue|lesson|dependency`: the governance logs from the
command line. A loop of dependencies is refused naming it; a slip past a dependant's forecast
flags the dependant and the slip names it; the summary shows the logs and suggested RAGs."""

import pytest

from t2025tui.core.services.undo import undo
from t2025tui.core.store import open_store
from tests.cli.helpers import ok, refused


@pytest.fixture
def db(seeded_db_path):
    return seeded_db_path


def test_action_added_listed_overdue_then_done(capsys, db):
    out = ok(
        capsys,
        db,
        *("add", "action", "--title", "Confirm the resourcing approach", "--owner", "DCC"),
        *("--due", "2022-03-01", "--workstream", "FCR", "--meeting", "2022-03-15"),
    )
    assert "Added action A1: Confirm the resourcing approach" in out
    listed = ok(capsys, db, "list", "actions")
    assert "overdue" in listed and "FCR" in listed  # due before the status date 2022-03-15
    assert "Overdue actions: 1" in ok(capsys, db, "summary")
    assert "status Open -> Done" in ok(capsys, db, "set", "action", "A1", "--status", "done")
    assert "Overdue actions: 0" in ok(capsys, db, "summary")


def test_dropping_an_action_needs_a_reason_and_keeps_it(capsys, db):
    ok(capsys, db, "add", "action", "--title", "Book IT time")
    refused(capsys, db, "set", "action", "A1", "--status", "Dropped", expect="reason is required")
    ok(capsys, db, "set", "action", "A1", "--status", "Dropped", "--reason", "Overtaken by the new plan")
    assert "Overtaken by the new plan" in ok(capsys, db, "list", "action")


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (("add", "action", "--owner", "DCC"), "needs --title"),
        (("add", "action", "--title", "x", "--due", "2022-02-30"), "--due"),
        (("add", "action", "--title", "x", "--workstream", "NOPE"), "no workstream 'NOPE'"),
        (("add", "action", "--title", "x", "--status", "Done"), "a new action is Open"),
        (("add", "issue", "--title", "x", "--priority", "urgent"), "not one of High, Medium, Low"),
        (("add", "issue", "--owner", "x"), "needs --title"),
        (("add", "lesson", "--lesson", "  "), "lesson"),
        (("set", "issue", "I99", "--owner", "x"), "no issue 'I99'"),
        (("add", "dependency", "--milestone", "FCR-M01"), "needs --needs"),
        (("add", "dependency", "--milestone", "FCR-M01", "--needs", "FCR-M01"), "cannot depend on itself"),
        (("add", "dependency", "--milestone", "FCR-M01", "--needs", "XX-M09"), "no milestone 'XX-M09'"),
    ],
)
def test_bad_log_input_is_one_line_and_changes_nothing(capsys, db, argv, expect):
    refused(capsys, db, *argv, expect=expect)


def test_a_dependency_loop_is_refused_naming_the_loop(capsys, db):
    ok(capsys, db, "add", "dependency", "--milestone", "VUL-M03", "--needs", "VUL-M02")
    ok(capsys, db, "add", "dependency", "--milestone", "VUL-M02", "--needs", "RIS-M01")
    line = refused(
        capsys,
        db,
        "add",
        "dependency",
        "--milestone",
        "RIS-M01",
        "--needs",
        "VUL-M03",
        expect="would make a loop",
    )
    assert "RIS-M01 needs VUL-M03 needs VUL-M02 needs RIS-M01" in line
    # A two-step loop, and the same dependency twice, are refused too.
    refused(capsys, db, "add", "dependency", "--milestone", "VUL-M02", "--needs", "VUL-M03", expect="loop")
    refused(
        capsys,
        db,
        "add",
        "dependency",
        "--milestone",
        "VUL-M03",
        "--needs",
        "VUL-M02",
        expect="already needs",
    )


def test_a_slip_past_a_dependants_forecast_flags_it_and_the_slip_names_it(capsys, db):
    # VUL-M02 (forecast 2022-04-01) needs RIS-M01 (forecast 2022-03-31): not yet at risk.
    out = ok(capsys, db, "add", "dependency", "--milestone", "VUL-M02", "--needs", "RIS-M01")
    assert "at risk" not in out
    assert "dependency at risk" not in ok(capsys, db, "list", "dependency")
    slipped = ok(
        capsys, db, "set", "milestone", "RIS-M01", "--forecast", "2022-04-20", "--reason", "Audit short"
    )
    assert "dependency at risk: VUL-M02" in slipped
    assert "dependency at risk" in ok(capsys, db, "list", "dependency")
    summary = ok(capsys, db, "summary")
    assert "Dependencies at risk: 1" in summary and "VUL-M02 (forecast 2022-04-01) needs RIS-M01" in summary
    assert "VUL   manual Green; suggests Amber: 1 dependency at risk" in summary
    # Brought back in time, the flag goes.
    ok(capsys, db, "set", "milestone", "RIS-M01", "--forecast", "2022-03-31")
    assert "Dependencies at risk: 0" in ok(capsys, db, "summary")


def test_removing_a_milestone_takes_its_dependencies_and_undo_brings_them_back(capsys, db):
    ok(capsys, db, "add", "dependency", "--milestone", "VUL-M02", "--needs", "RIS-M01")
    ok(capsys, db, "remove", "milestone", "RIS-M01", "--reason", "Merged")
    assert "VUL-M02" not in ok(capsys, db, "list", "dependency")
    store = open_store(db)
    try:
        undo(store)  # as the app's undo key does (there is no `t2025 undo` yet)
    finally:
        store.close()
    assert "VUL-M02" in ok(capsys, db, "list", "dependency")


def test_a_risk_turned_into_an_issue_is_closed_with_its_history_kept(capsys, db):
    out = ok(
        capsys,
        db,
        "add",
        "issue",
        "--from-risk",
        "T2025-R07",
        "--reason",
        "Bid rejected",
        "--priority",
        "High",
    )
    assert "risk T2025-R07 has happened" in out
    listed = ok(capsys, db, "list", "issue")
    assert "Violence Reduction Unit funding" in listed and "T2025-R07" in listed
    store = open_store(db)
    try:
        assert store.scalar("SELECT status FROM risk WHERE ref = 'T2025-R07'") == "Closed"
        assert store.scalar("SELECT priority FROM issue WHERE risk_id IS NOT NULL") == "High"
        assert store.scalar(
            "SELECT COUNT(*) FROM change_log WHERE entity = 'risk' AND field = 'status' AND reason = 'Bid rejected'"
        )
    finally:
        store.close()
    refused(capsys, db, "add", "issue", "--from-risk", "T2025-R07", "--reason", "again", expect="is closed")


def test_issue_closed_and_reopened_with_reasons(capsys, db):
    assert "status Open -> Closed" in ok(
        capsys, db, "set", "issue", "I1", "--status", "closed", "--reason", "Filled"
    )
    assert "Open issues: 4" in ok(capsys, db, "summary")
    refused(capsys, db, "set", "issue", "I1", "--status", "Open", expect="reason is required")


def test_lesson_added_edited_and_removed(capsys, db):
    assert "Added lesson L2" in ok(
        capsys, db, "add", "lesson", "--lesson", "Book IT time early", "--next-time", "Agree priorities first"
    )
    assert "Lesson L2: workstream" in ok(capsys, db, "set", "lesson", "L2", "--workstream", "FCR")
    assert "FCR" in ok(capsys, db, "list", "lessons")
    ok(capsys, db, "remove", "lesson", "L2", "--reason", "Duplicate")
    assert "Book IT time early" not in ok(capsys, db, "list", "lessons")


def test_a_workstream_with_log_entries_is_not_removed_under_them(capsys, db):
    ok(capsys, db, "add", "action", "--title", "Chase IT", "--workstream", "IOM")
    ok(capsys, db, "add", "lesson", "--lesson", "Start early", "--workstream", "IOM")
    refused(
        capsys,
        db,
        "remove",
        "workstream",
        "IOM",
        "--reason",
        "Merged",
        expect="1 action, 1 issue and 1 lesson",
    )
    ok(capsys, db, "remove", "workstream", "IOM", "--reason", "Merged", "--move-to", "FCR")
    assert "Chase IT" in ok(capsys, db, "list", "action") and "FCR" in ok(capsys, db, "list", "action")
    assert ok(capsys, db, "list", "issue").count("FCR") == 2  # its vacancies issue moved beside FCR's


def test_json_of_an_issue_from_a_risk_names_the_issue_and_every_change_it_made(capsys, db):
    import json

    out = json.loads(
        ok(capsys, db, "add", "issue", "--from-risk", "T2025-R07", "--reason", "Bid rejected", "--json")
    )
    assert out["ref"] == f"I{out['id']}" and out["fields"]["title"] == "Violence Reduction Unit funding"
    steps = [(c["entity"], c["action"], c["field"], c["new"]) for c in out["changes"]]
    assert ("risk", "update", "status", "Closed") in steps and (
        "issue",
        "create",
        None,
        out["fields"],
    ) in steps
    closed = json.loads(
        ok(capsys, db, "set", "issue", out["ref"], "--status", "Closed", "--reason", "Funded", "--json")
    )
    assert closed["changed"]["status"] == {"old": "Open", "new": "Closed"}
