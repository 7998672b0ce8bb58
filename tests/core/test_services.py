"""Every change of state: validated, one transaction, audited, version-checked, undoable."""

import pytest

from t2025tui.core.changes import written_by
from t2025tui.core.errors import NothingToUndoError, StaleEditError, ValidationError
from t2025tui.core.services import milestones, programme, projects, recommendations, risks, undo, workstreams
from t2025tui.core.store import open_store
from t2025tui.core.who import acting_as


def ws(store, code):
    return store.query_one("SELECT * FROM workstream WHERE code = ?", (code,))


def ms(store, title_like):
    return store.query_one("SELECT * FROM milestone WHERE title LIKE ?", (title_like,))


def log_rows(store, entity, entity_id):
    return store.query(
        "SELECT * FROM change_log WHERE entity = ? AND entity_id = ? AND action = 'update' ORDER BY id",
        (entity, entity_id),
    )


def test_worsening_rag_requires_a_reason_and_nothing_is_written_without_it(store):
    before = ws(store, "VUL")
    with pytest.raises(ValidationError, match="reason is required") as error:
        workstreams.set_workstream_rag(store, before["id"], "Amber", "", expected_version=before["version"])
    assert error.value.field == "reason"
    assert ws(store, "VUL") == before
    assert log_rows(store, "workstream", before["id"]) == []


def test_rag_change_is_saved_with_reason_and_audited(store):
    before = ws(store, "VUL")
    workstreams.set_workstream_rag(
        store, before["id"], "Amber", "MFH co-ordinators under-resourced", expected_version=before["version"]
    )
    after = ws(store, "VUL")
    assert (after["rag"], after["rag_reason"], after["version"]) == (
        "Amber",
        "MFH co-ordinators under-resourced",
        before["version"] + 1,
    )
    entry = [r for r in log_rows(store, "workstream", before["id"]) if r["field"] == "rag"][0]
    assert (entry["old"], entry["new"], entry["reason"]) == (
        '"Green"',
        '"Amber"',
        "MFH co-ordinators under-resourced",
    )
    assert entry["at"] and entry["entity_label"] == before["name"]


def test_improving_rag_needs_no_reason(store):
    before = ws(store, "RM")
    workstreams.set_workstream_rag(store, before["id"], "Amber", expected_version=before["version"])
    assert ws(store, "RM")["rag"] == "Amber"


def test_five_point_rag_refused_on_a_three_point_programme(store):
    before = ws(store, "RM")
    with pytest.raises(ValidationError, match="not one of Red, Amber, Green"):
        workstreams.set_workstream_rag(store, before["id"], "Amber/Green", expected_version=before["version"])


def test_five_point_scale_accepts_delivery_confidence_values(store):
    prog = programme.get_programme(store)
    programme.update_programme(store, rag_scale=5, expected_version=prog["version"])
    before = ws(store, "RM")
    workstreams.set_workstream_rag(store, before["id"], "Amber/Red", expected_version=before["version"])
    assert ws(store, "RM")["rag"] == "Amber/Red"


def test_stale_edit_from_another_window_is_refused(seeded_db_path):
    first, second = open_store(seeded_db_path), open_store(seeded_db_path)
    try:
        seen_by_first = ws(first, "FCR")
        workstreams.set_commentary(
            second, seen_by_first["id"], "Edited in window two", expected_version=seen_by_first["version"]
        )
        with pytest.raises(StaleEditError, match="changed in another window"):
            workstreams.set_commentary(
                first, seen_by_first["id"], "Edited in window one", expected_version=seen_by_first["version"]
            )
        assert ws(first, "FCR")["commentary"] == "Edited in window two"
    finally:
        first.close()
        second.close()


def test_slipping_a_forecast_requires_a_reason(store):
    row = ms(store, "Niche%")
    with pytest.raises(ValidationError, match="reason is required when a forecast slips"):
        milestones.shift_forecast(store, row["id"], 7, "", expected_version=row["version"])
    milestones.shift_forecast(store, row["id"], 7, "Supplier delay", expected_version=row["version"])
    after = store.query_one("SELECT * FROM milestone_status WHERE id = ?", (row["id"],))
    assert (after["forecast_date"], after["slippage_days"], after["status"]) == ("2022-05-07", 7, "at risk")
    assert after["last_change_reason"] == "Supplier delay"


def test_bringing_a_forecast_forward_needs_no_reason(store):
    row = ms(store, "FCR technology%")
    milestones.set_forecast(store, row["id"], "2022-05-31", expected_version=row["version"])
    assert ms(store, "FCR technology%")["forecast_date"] == "2022-05-31"


def test_rebaseline_keeps_every_earlier_baseline_with_its_reason(store):
    row = ms(store, "FCR technology%")
    milestones.rebaseline(
        store, row["id"], "2022-06-30", "Board agreed new plan", expected_version=row["version"]
    )
    row = ms(store, "FCR technology%")
    milestones.rebaseline(store, row["id"], "2022-07-31", "IT capacity", expected_version=row["version"])
    history = milestones.baseline_history(store, row["id"])
    assert [(h["baseline_date"], h["reason"]) for h in history] == [
        ("2022-03-31", "Board agreed new plan"),
        ("2022-06-30", "IT capacity"),
    ]
    with pytest.raises(ValidationError, match="reason is required"):
        milestones.rebaseline(store, row["id"], "2022-08-31", " ", expected_version=row["version"] + 1)


def test_mark_done_and_descope(store):
    row = ms(store, "Niche%")
    milestones.mark_done(store, row["id"], "2022-04-28", expected_version=row["version"])
    assert store.scalar("SELECT status FROM milestone_status WHERE id = ?", (row["id"],)) == "complete"
    other = ms(store, "Specialist%")
    milestones.set_descoped(store, other["id"], True, "Moved to BAU", expected_version=other["version"])
    assert store.scalar("SELECT status FROM milestone_status WHERE id = ?", (other["id"],)) == "de-scoped"


def test_invalid_dates_are_rejected_with_a_field_message(store):
    row = ms(store, "Niche%")
    for bad in ("2023-02-29", "31/02/2024", "2024-1-5", 0, 86400):
        with pytest.raises(ValidationError, match="forecast date") as error:
            milestones.set_forecast(store, row["id"], bad, "x", expected_version=row["version"])
        assert error.value.field == "forecast_date"
    milestones.set_forecast(store, row["id"], "2024-02-29", "leap day", expected_version=row["version"])


def test_recommendation_status_flow(store):
    rec = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' LIMIT 1")
    with pytest.raises(ValidationError, match="cannot go from Open to Signed off"):
        recommendations.set_recommendation_status(
            store, rec["id"], "Signed off", expected_version=rec["version"]
        )
    for step, version in (
        ("In progress", rec["version"]),
        ("Submitted for closure", rec["version"] + 1),
        ("Signed off", rec["version"] + 2),
    ):
        recommendations.set_recommendation_status(store, rec["id"], step, expected_version=version)
    assert store.scalar("SELECT COUNT(*) FROM recommendation WHERE status = 'Signed off'") == 12
    with pytest.raises(ValidationError, match="reason is required"):
        recommendations.set_recommendation_status(
            store, rec["id"], "Submitted for closure", expected_version=rec["version"] + 3
        )


def test_risk_create_with_duplicate_ref_refused_and_close_needs_reason(store):
    with pytest.raises(ValidationError, match="already exists"):
        risks.create_risk(store, ref="T2025-R01", title="Duplicate")
    new_id = risks.create_risk(
        store,
        ref="T2025-R08",
        title="Supplier failure",
        inherent_likelihood=4,
        inherent_impact=5,
        residual_likelihood=2,
        residual_impact=3,
    )
    row = store.query_one("SELECT * FROM risk_scored WHERE id = ?", (new_id,))
    assert (row["inherent_score"], row["inherent_band"], row["residual_score"], row["residual_band"]) == (
        20,
        "Red",
        6,
        "Amber",
    )
    with pytest.raises(ValidationError, match="likelihood"):
        risks.update_risk(store, new_id, inherent_likelihood=7, expected_version=row["version"])
    with pytest.raises(ValidationError, match="reason is required"):
        risks.close_risk(store, new_id, "", expected_version=row["version"])


def test_descoping_a_project_needs_a_reason(store):
    project = store.query_one("SELECT * FROM project WHERE name = 'Night detectives'")
    with pytest.raises(ValidationError, match="reason is required"):
        projects.set_project_status(store, project["id"], "de-scoped", expected_version=project["version"])


def test_undo_reverts_the_latest_change_repeatedly_and_is_logged(store):
    row = ws(store, "FCR")
    workstreams.set_workstream_rag(
        store, row["id"], "Red", "Technology slip", expected_version=row["version"]
    )
    workstreams.set_commentary(store, row["id"], "New commentary", expected_version=row["version"] + 1)
    assert undo.undo(store) == "Undo: commentary of Force Control Room"
    assert ws(store, "FCR")["commentary"] == row["commentary"]
    assert undo.undo(store) == "Undo: Set RAG of Force Control Room to Red"
    assert (ws(store, "FCR")["rag"], ws(store, "FCR")["rag_reason"]) == ("Amber", row["rag_reason"])
    with pytest.raises(NothingToUndoError):
        undo.undo(store)
    assert store.scalar("SELECT COUNT(*) FROM change_batch WHERE action = 'undo'") == 2
    assert undo.redo(store) == "Undo: Set RAG of Force Control Room to Red".replace("Undo", "Redo")
    assert ws(store, "FCR")["rag"] == "Red"


def test_a_new_edit_clears_redo(store):
    row = ws(store, "FCR")
    workstreams.set_commentary(store, row["id"], "one", expected_version=row["version"])
    undo.undo(store)
    workstreams.set_commentary(store, row["id"], "two", expected_version=row["version"] + 2)
    with pytest.raises(NothingToUndoError):
        undo.redo(store)


def test_undo_refuses_when_the_record_changed_elsewhere(seeded_db_path):
    first, second = open_store(seeded_db_path), open_store(seeded_db_path)
    try:
        row = ws(first, "FCR")
        workstreams.set_commentary(first, row["id"], "mine", expected_version=row["version"])
        undo.undo(first, undo.Mine(batch_ids=written_by(first)))
        undo.redo(first, undo.Mine(batch_ids=written_by(first)))
        with acting_as("Other Person"):
            workstreams.set_commentary(second, row["id"], "theirs", expected_version=row["version"] + 3)
        # first's undo takes only first's change, and that commentary has been changed since
        with pytest.raises(
            StaleEditError, match="commentary of Force Control Room was changed since by Other"
        ):
            undo.undo(first, undo.Mine(batch_ids=written_by(first)))
        assert ws(first, "FCR")["commentary"] == "theirs"
    finally:
        first.close()
        second.close()


def test_change_log_is_append_only(store):
    with pytest.raises(Exception, match="append-only"), store.write() as conn:
        conn.execute("DELETE FROM change_log")
    with pytest.raises(Exception, match="append-only"), store.write() as conn:
        conn.execute("UPDATE change_log SET reason = 'x'")


def test_text_is_cleaned_of_control_characters(store):
    row = ws(store, "FCR")
    workstreams.set_commentary(
        store, row["id"], "line\x1b[31m one\x00\r\nline two", expected_version=row["version"]
    )
    assert ws(store, "FCR")["commentary"] == "line[31m one\nline two"


def test_lone_surrogate_refused_with_message(store):
    row = ws(store, "FCR")
    with pytest.raises(ValidationError, match="commentary: contains an invalid character"):
        workstreams.set_commentary(store, row["id"], "bad \ud800", expected_version=row["version"])
