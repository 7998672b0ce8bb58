"""The app's project form as one service call: fields, status with its reason, and a move to
another workstream that takes the project's milestones along, all one undoable change."""

import pytest

from t2025tui.core.errors import ValidationError
from t2025tui.core.queries import plan
from t2025tui.core.services.projects import edit_project, move_project
from t2025tui.core.services.undo import undo


def project(store, project_id: int) -> dict:
    return store.query_one("SELECT * FROM project WHERE id = ?", (project_id,))


def test_a_move_takes_the_milestones_and_one_undo_brings_all_back(store):
    # Project 2 (FCR technology requirements) holds FCR-M01.
    move_project(store, 2, 2, reason="Oracle carries it", expected_version=project(store, 2)["version"])
    assert project(store, 2)["workstream_id"] == 2
    assert store.scalar("SELECT workstream_id FROM milestone WHERE ref = 'FCR-M01'") == 2
    assert store.scalar("SELECT reason FROM change_batch ORDER BY id DESC LIMIT 1") == "Oracle carries it"
    undo(store)
    assert project(store, 2)["workstream_id"] == 1
    assert store.scalar("SELECT workstream_id FROM milestone WHERE ref = 'FCR-M01'") == 1


def test_status_needing_a_reason_is_refused_without_one_and_nothing_changes(store):
    before = project(store, 1)
    with pytest.raises(ValidationError, match="a reason is required to mark a project on hold"):
        edit_project(store, 1, expected_version=before["version"], status="on hold", name="Renamed")
    assert project(store, 1) == before


def test_name_and_status_are_one_change(store):
    batches = store.scalar("SELECT COUNT(*) FROM change_batch")
    diff = edit_project(
        store, 1, expected_version=1, reason="Paused for the review", status="on hold", name="Hub"
    )
    assert set(diff) == {"name", "status", "status_reason"}
    assert store.scalar("SELECT COUNT(*) FROM change_batch") == batches + 1
    assert (project(store, 1)["status_reason"], project(store, 1)["name"]) == ("Paused for the review", "Hub")


def test_what_the_forms_offer_and_warn_about(store):
    assert plan.dependants(store, "workstream", 1) == "3 projects, 1 milestone and 1 issue"
    assert plan.dependants(store, "project", 3) == ""
    placements = dict((value, label) for label, value in plan.placements(store))
    assert placements[(1, None)] == "FCR · (no project)"
    assert placements[(3, 6)] == "VUL · MFH - Accreditation and Niche"
    assert (1, 6) not in placements  # a project is offered only under its own workstream
