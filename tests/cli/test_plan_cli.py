"""`t2025 add / set / remove / list / settings`: keeping the plan from the command line. Each
verb does what it says and records it; bad input is one `t2025: error:` line, a non-zero exit,
and nothing written."""

import json

import pytest

from t2025tui.cli import main
from t2025tui.core.store import open_store
from tests.cli.helpers import ok, query, refused, t2025


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "plan.db"
    assert (
        main(["--db", str(path), "init", "--empty", "--name", "Op Horizon", "--organisation", "Anyshire"])
        == 0
    )
    return path


@pytest.fixture
def seeded(seeded_db_path):
    return seeded_db_path


def build_plan(capsys, db) -> str:
    ok(capsys, db, "add", "objective", "--title", "Serve the public")
    ok(
        capsys,
        db,
        "add",
        "workstream",
        "--code",
        "DP",
        "--name",
        "Digital Policing",
        "--lead",
        "Supt Hale",
        "--objective",
        "1",
    )
    ok(capsys, db, "add", "workstream", "--code", "CR", "--name", "Control Room", "--lead", "DCC")
    ok(capsys, db, "add", "project", "--workstream", "DP", "--name", "Body-worn video")
    out = ok(
        capsys, db, "add", "milestone", "--workstream", "DP", "--project", "Body-worn video", "--title", "Devices issued",
        "--owner", "Insp Hale", "--baseline", "2022-05-31", "--forecast", "2022-05-31", "--tolerance", "14",
    )  # fmt: skip
    ok(capsys, db, "add", "meeting", "--date", "2022-04-12", "--title", "Futures Board")
    ok(capsys, db, "add", "decision", "--meeting", "2022-04-12", "--title", "Approve the revised plan", "--owner", "DCC", "--due", "2022-05-01")  # fmt: skip
    return out.strip()


def test_add_builds_a_plan_and_a_milestone_gets_a_ref(capsys, db):
    ref = build_plan(capsys, db)
    assert ref == "DP-M01"
    milestone = query(db, "SELECT * FROM milestone")[0]
    assert (milestone["title"], milestone["owner"], milestone["baseline_date"], milestone["tolerance_days"]) == (
        "Devices issued", "Insp Hale", "2022-05-31", 14,
    )  # fmt: skip
    assert (
        query(db, "SELECT p.name FROM project p JOIN milestone m ON m.project_id = p.id")[0]["name"]
        == "Body-worn video"
    )
    decision = query(db, "SELECT title, owner, due_date, outcome FROM decision")[0]
    assert decision == {
        "title": "Approve the revised plan",
        "owner": "DCC",
        "due_date": "2022-05-01",
        "outcome": None,
    }
    assert query(db, "SELECT code FROM workstream w JOIN objective o ON o.id = w.objective_id") == [
        {"code": "DP"}
    ]
    # Every add is in the change log as a create.
    created = {r["entity"] for r in query(db, "SELECT entity FROM change_log WHERE action = 'create'")}
    assert {"objective", "workstream", "project", "milestone", "board_meeting", "decision"} <= created
    second = ok(capsys, db, "add", "milestone", "--workstream", "DP", "--title", "Training done")
    assert second.strip() == "DP-M02"
    assert query(db, "SELECT tolerance_days FROM milestone WHERE ref = 'DP-M02'")[0]["tolerance_days"] == 14


def test_set_changes_fields_and_a_slip_or_worse_rag_needs_a_reason(capsys, db):
    build_plan(capsys, db)
    refused(capsys, db, "set", "milestone", "DP-M01", "--forecast", "2022-07-31", expect="reason is required")
    ok(capsys, db, "set", "milestone", "dp-m01", "--forecast", "2022-07-31", "--reason", "Supplier delay")
    row = query(db, "SELECT forecast_date, last_change_reason FROM milestone WHERE ref = 'DP-M01'")[0]
    assert row == {"forecast_date": "2022-07-31", "last_change_reason": "Supplier delay"}

    ok(capsys, db, "set", "workstream", "DP", "--rag", "Green")
    refused(
        capsys,
        db,
        "set",
        "workstream",
        "DP",
        "--rag",
        "Red",
        expect="reason is required when the RAG worsens",
    )
    ok(capsys, db, "set", "workstream", "DP", "--rag", "red", "--reason", "Devices late")
    assert query(db, "SELECT rag, rag_reason FROM workstream WHERE code = 'DP'")[0] == {
        "rag": "Red",
        "rag_reason": "Devices late",
    }

    ok(
        capsys,
        db,
        "set",
        "milestone",
        "DP-M01",
        "--title",
        "Devices issued to officers",
        "--owner",
        "Insp Cole",
    )
    assert query(db, "SELECT title, owner, ref FROM milestone")[0] == {
        "title": "Devices issued to officers", "owner": "Insp Cole", "ref": "DP-M01",
    }  # fmt: skip
    log = query(
        db,
        "SELECT field, old, new, reason FROM change_log WHERE entity = 'milestone' AND field = 'forecast_date'",
    )
    assert log == [
        {"field": "forecast_date", "old": '"2022-05-31"', "new": '"2022-07-31"', "reason": "Supplier delay"}
    ]


def test_set_moves_a_milestone_and_its_ref_stays(capsys, db):
    build_plan(capsys, db)
    ok(capsys, db, "set", "milestone", "DP-M01", "--workstream", "CR")
    row = query(
        db, "SELECT m.ref, w.code, m.project_id FROM milestone m JOIN workstream w ON w.id = m.workstream_id"
    )[0]
    assert row == {"ref": "DP-M01", "code": "CR", "project_id": None}, (
        "a move kept the old workstream's project"
    )
    ok(capsys, db, "set", "milestone", "DP-M01", "--project", "Body-worn video")
    row = query(db, "SELECT m.ref, w.code FROM milestone m JOIN workstream w ON w.id = m.workstream_id")[0]
    assert row == {"ref": "DP-M01", "code": "DP"}, "a milestone given a project follows its workstream"


def test_set_recommendation_status_on_the_embedded_programme(capsys, seeded):
    ok(capsys, seeded, "set", "recommendation", "HMICFRS-12", "--status", "In progress")
    assert (
        query(seeded, "SELECT status FROM recommendation WHERE ref = 'HMICFRS-12'")[0]["status"]
        == "In progress"
    )
    refused(capsys, seeded, "set", "recommendation", "HMICFRS-12", "--status", "Signed off", expect="")


def test_remove_needs_a_reason_refuses_dependents_or_moves_them_and_can_be_undone(capsys, db):
    build_plan(capsys, db)
    refused(capsys, db, "remove", "workstream", "DP", expect="a reason is required")
    message = refused(
        capsys, db, "remove", "workstream", "DP", "--reason", "Merged", expect="1 project and 1 milestone"
    )
    assert "move" in message
    ok(capsys, db, "remove", "workstream", "DP", "--reason", "Merged into CR", "--move-to", "CR")
    assert query(db, "SELECT code FROM workstream") == [{"code": "CR"}]
    assert query(db, "SELECT w.code FROM milestone m JOIN workstream w ON w.id = m.workstream_id") == [
        {"code": "CR"}
    ]
    deleted = query(
        db, "SELECT old, reason FROM change_log WHERE entity = 'workstream' AND action = 'delete'"
    )
    assert json.loads(deleted[0]["old"])["lead"] == "Supt Hale" and deleted[0]["reason"] == "Merged into CR"

    from t2025tui.core.services.undo import undo

    store = open_store(db)
    try:
        undo(store)
        assert store.query("SELECT code, lead FROM workstream ORDER BY id") == [
            {"code": "DP", "lead": "Supt Hale"}, {"code": "CR", "lead": "DCC"},
        ]  # fmt: skip
        assert (
            store.scalar("SELECT w.code FROM milestone m JOIN workstream w ON w.id = m.workstream_id") == "DP"
        )
    finally:
        store.close()


def test_remove_milestone_keeps_its_baseline_history_for_undo(capsys, db):
    build_plan(capsys, db)
    ok(capsys, db, "set", "milestone", "DP-M01", "--baseline", "2022-06-30", "--reason", "Replanned")
    ok(capsys, db, "remove", "milestone", "DP-M01", "--reason", "Not needed")
    assert query(db, "SELECT COUNT(*) AS n FROM baseline_history")[0]["n"] == 0
    from t2025tui.core.services.undo import undo

    store = open_store(db)
    try:
        undo(store)
        assert store.scalar("SELECT ref FROM milestone") == "DP-M01"
        assert store.scalar("SELECT baseline_date FROM baseline_history") == "2022-05-31"
    finally:
        store.close()


def test_list_prints_refs_and_json(capsys, db):
    build_plan(capsys, db)
    out = ok(capsys, db, "list", "milestone")
    assert "DP-M01" in out and "Devices issued" in out and "2022-05-31" in out
    rows = json.loads(ok(capsys, db, "list", "workstreams", "--json"))
    assert [(r["code"], r["lead"]) for r in rows] == [("DP", "Supt Hale"), ("CR", "DCC")]
    decisions = json.loads(ok(capsys, db, "list", "decision", "--json"))
    assert decisions[0]["ref"] == "2022-04-12#1" and decisions[0]["title"] == "Approve the revised plan"


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (("add", "widget", "--name", "x"), "unknown kind 'widget'"),
        (("add", "workstrem", "--code", "X", "--name", "Y"), "did you mean workstream"),
        (("add", "workstream", "--code", "X", "--name", "Y", "--colour", "red"), "unknown field --colour"),
        (("add", "workstream", "--code", "X"), "needs --name"),
        (
            ("add", "milestone", "--workstream", "DP", "--title", "T", "--baseline", "2022-02-30"),
            "not a real calendar date",
        ),
        (
            ("add", "milestone", "--workstream", "DP", "--title", "T", "--baseline", "31/05/2022"),
            "--baseline",
        ),
        (
            ("add", "milestone", "--workstream", "DP", "--title", "T", "--tolerance", "two weeks"),
            "not a whole number",
        ),
        (("add", "milestone", "--workstream", "ZZ", "--title", "T"), "no workstream 'ZZ'"),
        (("add", "milestone", "--workstream", "D", "--title", "T"), "did you mean DP"),
        (("add", "workstream", "--code", "DP", "--name", "Again"), "already has this code"),
        (("add", "meeting", "--date", "2022-04-12"), "already exists"),
        (("add", "decision", "--title", "T", "--outcome", "maybe"), "not one of"),
        (("set", "milestone", "XX-M09", "--title", "T"), "no milestone 'XX-M09'"),
        (("set", "milestone", "DP-M01"), "nothing to set"),
        (
            ("set", "milestone", "DP-M01", "--forecast", "2022-08-01", "--owner", "X", "--reason", "r"),
            "change of its own",
        ),
        (("set", "workstream", "DP", "--rag", "Purple"), "not one of"),
        (("set", "workstream", "DP", "--rag", "Amber/Red", "--reason", "r"), "not one of Red, Amber, Green"),
        (("remove", "milestone", "DP-M01"), "reason is required"),
        (("remove", "milestone", "DP", "--reason", "x"), "no milestone 'DP'"),
        (("remove", "milestone", "DP-M01", "--reason", "x", "--move-to", "CR"), "nothing to move"),
        (("list", "gadgets"), "unknown kind"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(capsys, db, argv, expect):
    build_plan(capsys, db)
    refused(capsys, db, *argv, expect=expect)


def test_an_ambiguous_ref_lists_the_matches(capsys, db):
    build_plan(capsys, db)
    ok(capsys, db, "add", "project", "--workstream", "CR", "--name", "Body-worn video")
    message = refused(
        capsys, db, "set", "project", "Body-worn video", "--notes", "x", expect="matches 2 projects"
    )
    assert "DP/Body-worn video" in message and "CR/Body-worn video" in message
    ok(capsys, db, "set", "project", "CR/Body-worn video", "--notes", "x")
    assert (
        query(
            db, "SELECT notes FROM project p JOIN workstream w ON w.id = p.workstream_id WHERE w.code = 'CR'"
        )[0]["notes"]
        == "x"
    )


def test_settings_print_change_and_refuse_the_3_point_scale_naming_the_records(capsys, db):
    build_plan(capsys, db)
    out = ok(capsys, db, "settings")
    assert "Op Horizon" in out and "OFFICIAL" in out and "follows today" in out
    ok(capsys, db, "settings", "--status-date", "2022-04-01", "--rag-scale", "5", "--marking", "OFFICIAL-SENSITIVE", "--user", "Jo Bloggs")  # fmt: skip
    settings = json.loads(ok(capsys, db, "settings", "--json"))
    assert (settings["status_date"], settings["rag_scale"], settings["marking"], settings["user_name"]) == (
        "2022-04-01", 5, "OFFICIAL-SENSITIVE", "Jo Bloggs",
    )  # fmt: skip
    ok(capsys, db, "set", "workstream", "DP", "--rag", "Amber/Green")
    message = refused(capsys, db, "settings", "--rag-scale", "3", expect="cannot switch to the 3-point scale")
    assert "workstream DP (Amber/Green)" in message
    refused(capsys, db, "settings", "--status-date", "2022-13-01", expect="not a real calendar date")
    refused(capsys, db, "settings", "--amber-from", "20", expect="Amber must start below Red")
    ok(capsys, db, "settings", "--status-date", "today")
    assert json.loads(ok(capsys, db, "settings", "--json"))["status_date"] is None
    # The name in the settings is who the change log records.
    assert query(db, "SELECT who FROM change_batch ORDER BY id DESC LIMIT 1")[0]["who"] == "Jo Bloggs"


def test_key_messages_are_an_ordered_list(capsys, db):
    ok(capsys, db, "add", "key-message", "--text", "Second")
    ok(capsys, db, "add", "key-message", "--text", "First", "--position", "1")
    ok(capsys, db, "set", "key-message", "2", "--text", "Second, reworded")
    rows = json.loads(ok(capsys, db, "list", "key-message", "--json"))
    assert [r["text"] for r in rows] == ["First", "Second, reworded"]
    ok(capsys, db, "set", "key-message", "2", "--position", "1")
    ok(capsys, db, "remove", "key-message", "2", "--reason", "Out of date")
    assert [r["text"] for r in json.loads(ok(capsys, db, "list", "key-message", "--json"))] == [
        "Second, reworded"
    ]


def test_init_empty_says_what_to_do_first(tmp_path, capsys):
    code, out, _ = t2025(capsys, tmp_path / "new.db", "init", "--empty", "--name", "Op Dawn")
    assert code == 0 and "First: add a strategic objective" in out and "t2025 add objective" in out


def test_kinds_are_taken_by_their_other_names_and_help_lists_fields(capsys, db):
    build_plan(capsys, db)
    assert "2022-04-12" in ok(capsys, db, "list", "board-meetings")
    out = ok(capsys, db, "add", "milestone", "--help")
    assert "--baseline" in out and "YYYY-MM-DD" in out and "(required)" in out


def test_a_reason_given_with_any_change_is_kept_in_the_change_log(capsys, db):
    build_plan(capsys, db)
    ok(capsys, db, "set", "project", "Body-worn video", "--notes", "Phase 1 only", "--reason", "Scope agreed")
    ok(capsys, db, "set", "decision", "2022-04-12#1", "--outcome", "agreed", "--reason", "Board minute 4")
    rows = query(
        db, "SELECT entity, field, reason FROM change_log WHERE field IN ('notes', 'outcome') ORDER BY id"
    )
    assert rows == [
        {"entity": "project", "field": "notes", "reason": "Scope agreed"},
        {"entity": "decision", "field": "outcome", "reason": "Board minute 4"},
    ]
    assert query(db, "SELECT outcome FROM decision")[0]["outcome"] == "Agreed"


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (("add", "workstream", "--code", "", "--name", "Y"), "code: is required"),
        (
            ("add", "workstream", "--code", "A" * 21, "--name", "Y"),
            "code: is 21 characters long; the limit is 20",
        ),
        (("add", "workstream", "--code", "X", "--name", "Y" * 501), "the limit is 500"),
        (("add", "milestone", "--workstream", "DP", "--title", "T", "--tolerance", "-3"), "tolerance days"),
        (("set", "workstream", "D\udcff", "--lead", "x"), "invalid character"),
        (("add", "workstream", "--code", "X\udcff", "--name", "Y"), "invalid character"),
        (
            ("add", "finance-line", "--line", "L", "--kind", "funding", "--amount", "2023/24=lots"),
            "whole number",
        ),
        (("set", "workstream", "DP", "--lead"), "--lead needs a value"),
    ],
)
def test_bad_values_are_refused_naming_the_field(capsys, db, argv, expect):
    build_plan(capsys, db)
    refused(capsys, db, *argv, expect=expect)


# kind: (add flags, the new record's ref, set flags, what `list --json` then shows)
EVERY_KIND = {
    "objective": (
        ("--title", "Value for money"),
        "5",
        ("--notes", "From the 2022 plan"),
        "From the 2022 plan",
    ),
    "workstream": (
        ("--code", "DP", "--name", "Digital", "--lead", "Supt Hale"),
        "DP",
        ("--lead", "Supt Cole"),
        "Supt Cole",
    ),
    "project": (
        ("--workstream", "FCR", "--name", "Triage"),
        "Triage",
        ("--group", "IT & enabling"),
        "it_enabling",
    ),
    "milestone": (
        ("--workstream", "FCR", "--title", "Triage live"),
        "FCR-M02",
        ("--owner", "Insp Rowe"),
        "Insp Rowe",
    ),
    "meeting": (
        ("--date", "2022-04-12"),
        "2022-04-12",
        ("--title", "Extraordinary Board"),
        "Extraordinary Board",
    ),
    "decision": (
        ("--meeting", "2022-03-15", "--title", "Fund triage"),
        "2022-03-15#5",
        ("--ask", "Approve GBP 40k"),
        "Approve GBP 40k",
    ),
    "key-message": (
        ("--text", "Triage is funded"),
        "6",
        ("--text", "Triage is funded for 2022/23"),
        "Triage is funded for 2022/23",
    ),
    "risk": (("--ref", "T2025-R08", "--title", "Supplier"), "T2025-R08", ("--residual-likelihood", "4"), 4),
    "recommendation": (
        ("--ref", "HMICFRS-31", "--text", "Improve triage"),
        "HMICFRS-31",
        ("--owner", "ACC"),
        "ACC",
    ),
    "finance-line": (
        ("--line", "Triage", "--kind", "expenditure", "--amount", "2022/23=40"),
        "Triage",
        ("--amount", "2022/23=45"),
        45,
    ),
    "health-measure": (("--name", "Vacancies", "--unit", "posts"), "Vacancies", ("--value", "3"), 3.0),
}


@pytest.mark.parametrize("kind", list(EVERY_KIND))
def test_every_kind_can_be_added_listed_changed_and_removed(capsys, seeded, kind):
    add, ref, change, shown = EVERY_KIND[kind]
    ok(capsys, seeded, "add", kind, *add)
    ok(capsys, seeded, "set", kind, ref, *change, "--reason", "Checked")
    listed = json.dumps(json.loads(ok(capsys, seeded, "list", kind, "--json")))
    assert json.dumps(shown) in listed, f"the change to {kind} {ref} is not listed"
    ok(capsys, seeded, "remove", kind, ref, "--reason", "Added by mistake")
    refused(capsys, seeded, "set", kind, ref, *change, expect=f"no {kind.replace('-', ' ')} {ref!r}")
    deleted = query(seeded, "SELECT reason FROM change_log WHERE action = 'delete' ORDER BY id DESC LIMIT 1")
    assert deleted == [{"reason": "Added by mistake"}]


@pytest.mark.parametrize("kind", list(EVERY_KIND))
def test_every_kind_says_in_json_what_add_set_and_remove_did(capsys, seeded, kind):
    """--json: the new record's ref and id and the fields it was saved with; each field a set
    changed, old and new; the removed record's last values: each as the change log holds it."""
    add, ref, change, shown = EVERY_KIND[kind]
    added = json.loads(ok(capsys, seeded, "add", kind, *add, "--json"))
    assert (added["verb"], added["kind"]) == ("add", kind)
    assert added["ref"].endswith(ref)  # the full ref: a project's is WORKSTREAM/NAME
    create = query(
        seeded, "SELECT entity, entity_id, new FROM change_log WHERE batch_id = ?", (added["batch"],)
    )
    assert create[0]["entity_id"] == added["id"] and json.loads(create[0]["new"]) == added["fields"]
    assert added["fields"]["id"] == added["id"]

    before = added["fields"]
    changed = json.loads(ok(capsys, seeded, "set", kind, ref, *change, "--reason", "Checked", "--json"))
    assert (changed["id"], changed["ref"]) == (added["id"], added["ref"])
    assert any(step["new"] == shown for step in changed["changed"].values()), changed["changed"]
    for column, step in changed["changed"].items():
        if column in before:
            assert step["old"] == before[column], column

    removed = json.loads(ok(capsys, seeded, "remove", kind, ref, "--reason", "Added by mistake", "--json"))
    assert (removed["id"], removed["ref"]) == (added["id"], added["ref"])
    last = query(
        seeded,
        "SELECT old FROM change_log WHERE action = 'delete' AND batch_id = ? ORDER BY id",
        (removed["batch"],),
    )
    assert json.loads(last[0]["old"]) == removed["removed"]
    assert any(value == shown for value in removed["removed"].values())
    assert removed["message"].startswith("Removed")


def test_json_output_names_the_milestone_ref_and_a_refusal_is_still_one_line(capsys, seeded):
    added = json.loads(
        ok(capsys, seeded, "add", "milestone", "--workstream", "FCR", "--title", "Triage live", "--json")
    )
    assert added["ref"] == "FCR-M02" and added["message"] == "FCR-M02"
    assert added["fields"]["title"] == "Triage live"
    refused(
        capsys, seeded, "set", "milestone", "FCR-M02", "--forecast", "2022-13-01", "--json", expect="forecast"
    )
    nothing = json.loads(
        ok(capsys, seeded, "set", "milestone", "FCR-M02", "--title", "Triage live", "--json")
    )
    assert nothing["changed"] == {} and nothing["changes"] == []
