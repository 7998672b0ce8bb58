"""Services that keep the plan: create, edit, move and remove each record kind, one undoable,
logged change each; a record others depend on is moved or refused, never cascaded."""

import json

import pytest

from t2025tui.core.dump import dump_json, load_data, parse_json
from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.first_steps import next_step
from t2025tui.core.queries.settings import programme_settings, status_date_notice
from t2025tui.core.services import (
    board,
    finance,
    health,
    key_messages,
    milestones,
    objectives,
    programme,
    projects,
    workstreams,
)
from t2025tui.core.services.undo import undo


def ws_id(store, code):
    return store.scalar("SELECT id FROM workstream WHERE code = ?", (code,))


def version(store, table, row_id):
    return store.scalar(f"SELECT version FROM {table} WHERE id = ?", (row_id,))


def counts(store) -> dict:
    return {
        t: store.scalar(f"SELECT COUNT(*) FROM {t}")
        for t in ("workstream", "project", "milestone", "decision")
    }


def test_seeded_milestones_have_refs_and_a_new_one_takes_the_next(store):
    refs = [
        r["ref"]
        for r in store.query(
            "SELECT ref FROM milestone WHERE workstream_id = ? ORDER BY id", (ws_id(store, "VUL"),)
        )
    ]
    assert refs == [f"VUL-M{n:02d}" for n in range(1, len(refs) + 1)]
    new = milestones.create_milestone(store, workstream_id=ws_id(store, "VUL"), title="Another")
    assert store.scalar("SELECT ref FROM milestone WHERE id = ?", (new,)) == f"VUL-M{len(refs) + 1:02d}"
    logged = store.scalar("SELECT new FROM change_log WHERE entity = 'milestone' AND entity_id = ?", (new,))
    assert json.loads(logged)["ref"] == f"VUL-M{len(refs) + 1:02d}", "the create in the log lacks the ref"


def test_a_milestone_cannot_take_another_workstreams_project(store):
    other = store.scalar("SELECT id FROM project WHERE workstream_id = ? LIMIT 1", (ws_id(store, "RM"),))
    before = counts(store)
    with pytest.raises(ValidationError, match="belongs to workstream RM"):
        milestones.create_milestone(store, workstream_id=ws_id(store, "FCR"), project_id=other, title="X")
    assert counts(store) == before


def test_moving_a_milestone_keeps_its_ref_and_undo_puts_it_back(store):
    row = store.query_one("SELECT id, ref, workstream_id, version FROM milestone WHERE ref = 'FCR-M01'")
    milestones.move_milestone(
        store, row["id"], workstream_id=ws_id(store, "RM"), expected_version=row["version"]
    )
    assert store.query_one("SELECT ref, workstream_id FROM milestone WHERE id = ?", (row["id"],)) == {
        "ref": "FCR-M01",
        "workstream_id": ws_id(store, "RM"),
    }
    undo(store)
    assert (
        store.scalar("SELECT workstream_id FROM milestone WHERE id = ?", (row["id"],)) == row["workstream_id"]
    )


def test_removing_a_project_with_milestones_is_refused_or_moves_them(store):
    project = store.query_one(
        "SELECT p.id, p.workstream_id FROM project p WHERE EXISTS (SELECT 1 FROM milestone m WHERE m.project_id = p.id)"
    )
    before = counts(store)
    with pytest.raises(ValidationError, match="has 1 milestone|has \\d+ milestones"):
        projects.remove_project(store, project["id"], "Done", expected_version=None)
    assert counts(store) == before
    target = projects.create_project(store, workstream_id=project["workstream_id"], name="Successor")
    projects.remove_project(store, project["id"], "Merged", expected_version=None, move_to=target)
    assert store.scalar("SELECT COUNT(*) FROM project WHERE id = ?", (project["id"],)) == 0
    assert store.scalar("SELECT COUNT(*) FROM milestone WHERE project_id = ?", (target,)) >= 1


def test_moving_a_project_away_from_its_milestones_workstream_is_refused(store):
    project = store.query_one(
        "SELECT p.id, p.version FROM project p WHERE EXISTS (SELECT 1 FROM milestone m WHERE m.project_id = p.id)"
    )
    with pytest.raises(ValidationError, match="move them with the project"):
        projects.update_project(
            store, project["id"], workstream_id=ws_id(store, "IOM"), expected_version=project["version"]
        )


def test_removing_a_meeting_with_decisions_is_refused_or_moves_them(store):
    march = store.scalar("SELECT id FROM board_meeting WHERE meeting_date = '2022-03-15'")
    with pytest.raises(ValidationError, match="has 4 decisions"):
        board.remove_board_meeting(store, march, "Wrong date", expected_version=None)
    april = board.create_board_meeting(store, meeting_date="2022-04-12")
    board.create_decision(store, board_meeting_id=april, title="Already on April's agenda")
    board.remove_board_meeting(store, march, "Wrong date", expected_version=None, move_to=april)
    assert store.scalar("SELECT COUNT(*) FROM decision WHERE board_meeting_id = ?", (april,)) == 5
    positions = [r["position"] for r in store.query("SELECT position FROM decision ORDER BY position")]
    assert positions == [1, 2, 3, 4, 5], "moved decisions share numbers with the meeting's own"
    undo(store)
    assert store.scalar("SELECT COUNT(*) FROM decision WHERE board_meeting_id = ?", (march,)) == 4
    assert [
        r["position"]
        for r in store.query("SELECT position FROM decision WHERE board_meeting_id = ? ORDER BY id", (march,))
    ] == [1, 2, 3, 4]


def test_a_decision_has_an_owner_due_date_and_outcome(store):
    meeting = store.scalar("SELECT id FROM board_meeting")
    new = board.create_decision(
        store, board_meeting_id=meeting, title="Approve", owner="DCC", due_date="2022-05-01"
    )
    assert store.scalar("SELECT position FROM decision WHERE id = ?", (new,)) == 5
    board.update_decision(store, new, outcome="Noted", expected_version=1)
    assert store.scalar("SELECT outcome FROM decision WHERE id = ?", (new,)) == "Noted"
    with pytest.raises(ValidationError, match="outcome"):
        board.update_decision(store, new, outcome="Maybe", expected_version=None)
    board.remove_decision(store, new, "Withdrawn", expected_version=None)
    assert store.scalar("SELECT COUNT(*) FROM decision WHERE id = ?", (new,)) == 0


def test_removing_an_objective_moves_its_workstreams_or_is_refused(store):
    first = store.scalar("SELECT id FROM objective ORDER BY position LIMIT 1")
    workstreams.update_workstream(store, ws_id(store, "FCR"), objective_id=first, expected_version=None)
    with pytest.raises(ValidationError, match="has 1 workstream"):
        objectives.remove_objective(store, first, "Merged", expected_version=None)
    second = objectives.create_objective(store, title="A new objective")
    objectives.remove_objective(store, first, "Merged", expected_version=None, move_to=second)
    assert store.scalar("SELECT objective_id FROM workstream WHERE code = 'FCR'") == second


def test_removing_a_workstream_moves_everything_that_pointed_at_it(store):
    fcr, rm = ws_id(store, "FCR"), ws_id(store, "RM")
    workstreams.add_note(store, fcr, "A stand-up note")
    workstreams.remove_workstream(store, fcr, "Merged", expected_version=None, move_to=rm)
    for table in ("project", "milestone", "risk", "recommendation", "note"):
        assert store.scalar(f"SELECT COUNT(*) FROM {table} WHERE workstream_id = ?", (fcr,)) == 0, table
    assert store.scalar("SELECT COUNT(*) FROM note WHERE workstream_id = ?", (rm,)) == 1, "the note was lost"


def test_switching_to_3_point_is_refused_while_a_record_holds_a_5_point_value(store):
    programme.update_programme(store, rag_scale=5, expected_version=None)
    workstreams.set_workstream_rag(
        store, ws_id(store, "RM"), "Amber/Red", "Some progress", expected_version=None
    )
    with pytest.raises(ValidationError, match="workstream RM \\(Amber/Red\\)"):
        programme.update_programme(store, rag_scale=3, expected_version=None)
    assert programme_settings(store).rag_scale == 5
    workstreams.set_workstream_rag(store, ws_id(store, "RM"), "Amber", "", expected_version=None)
    programme.update_programme(store, rag_scale=3, expected_version=None)
    assert programme_settings(store).rag_levels == ("Red", "Amber", "Green")


def test_settings_read_model_and_the_status_date_notice(store):
    settings = programme_settings(store)
    assert settings.marking == "OFFICIAL" and len(settings.key_messages) == 5
    assert settings.status_date is not None and settings.today == settings.status_date
    notice = status_date_notice(settings)
    assert notice is not None and "2022-03-15" in notice and "--status-date today" in notice
    programme.update_programme(store, status_date=None, expected_version=None)
    followed = programme_settings(store)
    assert followed.follows_today and status_date_notice(followed) is None


def test_done_today_is_the_status_date_when_one_is_fixed(store):
    row = store.query_one("SELECT id, version FROM milestone WHERE actual_date IS NULL LIMIT 1")
    milestones.mark_done(store, row["id"], expected_version=row["version"])
    assert store.scalar("SELECT actual_date FROM milestone WHERE id = ?", (row["id"],)) == "2022-03-15"


def test_key_messages_keep_their_order_through_add_move_and_remove(store):
    texts = lambda: [m.text for m in programme_settings(store).key_messages]  # noqa: E731
    first = texts()
    new = key_messages.add_key_message(store, "A new first message", position=1)
    assert texts() == ["A new first message", *first]
    key_messages.move_key_message(store, new, 6)
    assert texts() == [*first, "A new first message"]
    key_messages.remove_key_message(store, new, "Not agreed", expected_version=None)
    assert texts() == first
    with pytest.raises(ValidationError, match="reason is required"):
        key_messages.remove_key_message(
            store, store.scalar("SELECT MIN(id) FROM key_message"), "", expected_version=None
        )


def test_a_finance_line_is_removed_in_every_year_and_comes_back_with_undo(store):
    before = store.query("SELECT * FROM finance_line ORDER BY id")
    finance.remove_finance_line(store, "Savings Target", "Target withdrawn")
    assert store.scalar("SELECT COUNT(*) FROM finance_line WHERE line = 'Savings Target'") == 0
    undo(store)
    assert store.query("SELECT * FROM finance_line ORDER BY id") == before


def test_a_health_measure_gets_a_unit_and_can_be_removed(store):
    measure = store.query_one("SELECT id, version FROM health_measure WHERE name = 'Sickness'")
    health.update_measure(
        store, measure["id"], value=3.5, unit="days per person", expected_version=measure["version"]
    )
    assert store.query_one("SELECT value, unit FROM health_measure WHERE id = ?", (measure["id"],)) == {
        "value": 3.5,
        "unit": "days per person",
    }
    health.remove_measure(store, measure["id"], "Not measured", expected_version=None)
    assert store.scalar("SELECT COUNT(*) FROM health_measure WHERE id = ?", (measure["id"],)) == 0


def test_dump_and_load_keep_refs_key_messages_decisions_and_who(store, tmp_path):
    text = dump_json(store)
    copy = load_data(parse_json(text), tmp_path / "copy.db")
    try:
        assert dump_json(copy) == text
    finally:
        copy.close()


def test_a_dump_from_before_version_3_still_loads(store, tmp_path):
    data = json.loads(dump_json(store))
    data["format_version"] = 1
    data["programme"]["key_messages"] = "One\n\nTwo"
    for name in ("default_tolerance_days", "marking", "user_name"):
        del data["programme"][name]
    del data["key_messages"]
    for decision in data["decisions"]:
        decision["text"] = decision.pop("title")
        decision["status"] = "Pending"
        for name in ("ask", "owner", "due_date", "outcome", "position"):
            del decision[name]
    for milestone in data["milestones"]:
        del milestone["ref"]
    for batch in data["change_batches"]:
        del batch["who"]
    loaded = load_data(parse_json(json.dumps(data)), tmp_path / "old.db")
    try:
        assert [m.text for m in programme_settings(loaded).key_messages] == ["One", "Two"]
        assert loaded.scalar("SELECT COUNT(*) FROM milestone WHERE ref IS NULL") == 0
        assert loaded.scalar("SELECT ref FROM milestone ORDER BY id LIMIT 1") == "FCR-M01"
        assert loaded.scalar("SELECT COUNT(*) FROM decision WHERE outcome IS NULL") == 4
    finally:
        loaded.close()


def test_an_empty_programme_says_what_to_do_first_and_then_next(tmp_path):
    from t2025tui.commands.init import create_programme

    empty = create_programme(tmp_path / "e.db", empty_name="Op Dawn")
    try:
        assert next_step(empty).action == "add_objective"
        objectives.create_objective(empty, title="Serve the public")
        assert next_step(empty).action == "add_workstream"
        workstreams.create_workstream(empty, code="DP", name="Digital")
        step = next_step(empty)
        assert step.action == "edit_workstream" and "DP" in step.what
    finally:
        empty.close()


def test_last_and_next_board_count_from_the_status_date(store):
    from t2025tui.core.queries import status

    board.create_board_meeting(store, meeting_date="2022-06-14")
    assert status.last_board(store)["meeting_date"] == "2022-03-15"  # the status date is 15 March 2022
    assert status.next_board(store)["meeting_date"] == "2022-06-14"
    programme.update_programme(store, status_date="2022-07-01", expected_version=None)
    assert status.last_board(store)["meeting_date"] == "2022-06-14"
    assert status.next_board(store) is None


def test_a_decision_moved_to_another_meeting_is_numbered_after_its_own(store):
    april = board.create_board_meeting(store, meeting_date="2022-04-12")
    board.create_decision(store, board_meeting_id=april, title="April's own")
    moved = store.scalar("SELECT id FROM decision WHERE position = 2 AND board_meeting_id <> ?", (april,))
    board.update_decision(store, moved, board_meeting_id=april, expected_version=None)
    assert store.scalar("SELECT position FROM decision WHERE id = ?", (moved,)) == 2


def test_who_is_the_settings_name_else_t2025_user_else_the_login_name(store, monkeypatch):
    def latest_who():
        return store.scalar("SELECT who FROM change_batch ORDER BY id DESC LIMIT 1")

    monkeypatch.setenv("T2025_USER", "Pat from env")
    objectives.create_objective(store, title="One")
    assert latest_who() == "Pat from env"
    programme.update_programme(store, user_name="Jo Bloggs", expected_version=None)
    objectives.create_objective(store, title="Two")
    assert latest_who() == "Jo Bloggs"
    programme.update_programme(store, user_name="", expected_version=None)
    monkeypatch.delenv("T2025_USER")
    monkeypatch.setattr("t2025tui.core.who.login_name", lambda: "pat.login")
    objectives.create_objective(store, title="Three")
    assert latest_who() == "pat.login"
    assert store.scalar("SELECT who FROM change_batch ORDER BY id LIMIT 1").startswith(
        "Audit Committee progress report"
    )
