"""Removing a record that others link to (an issue's or action's risk, an action's decision or
meeting, a milestone's dependencies) changes those links in the change log too, so undo brings
the links back with the record; nothing is unlinked or removed silently by SQLite."""

from t2025tui.core.changes import written_by
from t2025tui.core.services import actions, board, dependencies, issues, milestones, risks
from t2025tui.core.services.undo import Mine, undo


def version(store, table, row_id):
    return store.scalar(f"SELECT version FROM {table} WHERE id = ?", (row_id,))


def test_removing_a_risk_logs_the_unlinked_issue_and_action_and_undo_relinks(store):
    risk = store.query_one("SELECT * FROM risk WHERE status = 'Open' ORDER BY ref LIMIT 1")
    issue_id = issues.create_issue(store, title="It happened", risk_id=risk["id"])
    action_id = actions.create_action(store, title="Contain it", risk_id=risk["id"], issue_id=issue_id)
    risks.remove_risk(store, risk["id"], "Entered twice", expected_version=risk["version"])
    assert store.scalar("SELECT risk_id FROM issue WHERE id = ?", (issue_id,)) is None
    logged = store.query(
        "SELECT entity, entity_id, field FROM change_log WHERE batch_id = (SELECT MAX(id) FROM change_batch)"
    )
    assert {(r["entity"], r["entity_id"], r["field"]) for r in logged} >= {
        ("issue", issue_id, "risk_id"),
        ("action", action_id, "risk_id"),
        ("risk", risk["id"], ""),
    }
    undo(store, Mine(batch_ids=written_by(store)))
    assert store.scalar("SELECT risk_id FROM issue WHERE id = ?", (issue_id,)) == risk["id"]
    assert store.scalar("SELECT risk_id FROM action WHERE id = ?", (action_id,)) == risk["id"]


def test_removing_a_meeting_keeps_its_actions_links_for_undo(store):
    meeting = board.create_board_meeting(store, meeting_date="2022-04-12")
    action_id = actions.create_action(store, title="Raised there", board_meeting_id=meeting)
    board.remove_board_meeting(
        store, meeting, "Wrong date", expected_version=version(store, "board_meeting", meeting)
    )
    assert store.scalar("SELECT board_meeting_id FROM action WHERE id = ?", (action_id,)) is None
    undo(store, Mine(batch_ids=written_by(store)))
    assert store.scalar("SELECT board_meeting_id FROM action WHERE id = ?", (action_id,)) == meeting


def test_removing_a_dependency_s_milestone_logs_the_dependency_and_undo_restores_it(store):
    first, needed = (
        store.scalar("SELECT id FROM milestone WHERE ref = 'FCR-M01'"),
        store.scalar("SELECT id FROM milestone WHERE ref = 'RM-M01'"),
    )
    dependencies.add_dependency(store, first, needed)
    dependencies.add_dependency(store, needed, store.scalar("SELECT id FROM milestone WHERE ref = 'VUL-M01'"))
    milestones.remove_milestone(store, needed, "Merged", expected_version=version(store, "milestone", needed))
    assert store.scalar("SELECT COUNT(*) FROM milestone_dependency") == 0
    undo(store, Mine(batch_ids=written_by(store)))
    assert store.scalar("SELECT COUNT(*) FROM milestone_dependency") == 2
