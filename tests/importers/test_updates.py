"""The Futures Board pack goes out, leads edit it in Excel, it comes back: only their edits land."""

import json
from datetime import date

import openpyxl
import pytest

from t2025tui.core.errors import StaleEditError
from t2025tui.core.export import export_pack
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.updates import preview_updates
from t2025tui.core.services import milestones, recommendations, workstreams

TABLES = ("programme", "workstream", "milestone", "recommendation", "risk", "project", "finance_line")


def _snapshot(store) -> dict:
    return {table: {row["id"]: row for row in store.query(f"SELECT * FROM {table}")} for table in TABLES}


def _differences(before: dict, after: dict) -> dict:
    changed = {}
    for table, rows in after.items():
        for row_id, row in rows.items():
            old = before[table].get(row_id)
            for field, value in row.items():
                if field != "version" and (old is None or old[field] != value):
                    changed[(table, row_id, field)] = value
    return changed


def _find_row(ws, column: int, value: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"{value} not found in {ws.title}")


def _column(ws, header: str, header_row: int = 4) -> int:
    for column in range(1, ws.max_column + 1):
        if ws.cell(row=header_row, column=column).value == header:
            return column
    raise AssertionError(header)


@pytest.fixture
def pack(store, tmp_path):
    path = tmp_path / "pack.xlsx"
    export_pack(store, path)
    return path


def _edit(path, edits):
    """edits: {(sheet, key column header, key, column header): value}"""
    wb = openpyxl.load_workbook(path)
    for (sheet, key_header, key, header), value in edits.items():
        ws = wb[sheet]
        header_row = next(r for r in range(1, 20) if key_header in [c.value for c in ws[r]])
        row = _find_row(ws, _column(ws, key_header, header_row), key)
        ws.cell(row=row, column=_column(ws, header, header_row), value=value)
    wb.save(path)
    return path


def _milestone(store, title_like):
    return store.query_one(
        "SELECT m.*, w.name AS workstream FROM milestone m JOIN workstream w "
        "ON w.id = m.workstream_id WHERE title LIKE ? AND actual_date IS NULL "
        "AND forecast_date IS NOT NULL ORDER BY m.id LIMIT 1",
        (title_like,),
    )


def test_untouched_pack_imports_as_all_unchanged(store, pack):
    preview = preview_updates(store, pack)
    assert {sheet.sheet for sheet in preview.sheets} == {
        "Summary",
        "Workstreams",
        "Milestones",
        "Recommendations",
    }
    assert preview.rows and all(row.action == "unchanged" for row in preview.rows)
    assert apply_preview(store, preview).batch_id is None


def test_round_trip_database_holds_exactly_the_edits(store, pack):
    target = _milestone(store, "%")
    later = date.fromisoformat(target["forecast_date"]).replace(year=2023)
    rec = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' ORDER BY id LIMIT 1")
    _edit(
        pack,
        {
            ("Workstreams", "Code", "FCR", "RAG now"): "Red",
            ("Workstreams", "Code", "FCR", "Reason for RAG"): "Technology slipped again",
            ("Workstreams", "Code", "RM", "Commentary"): "New commentary from the People Director",
            ("Milestones", "Milestone", target["title"], "Forecast"): later.strftime("%d/%m/%Y"),
            ("Milestones", "Milestone", target["title"], "Reason for last change"): "Supplier delay",
            ("Recommendations", "Ref", rec["ref"], "Status"): "In progress",
        },
    )
    before = _snapshot(store)
    preview = preview_updates(store, pack)
    assert preview.count("update") == 4 and preview.count("invalid") == 0 and preview.count("conflict") == 0
    text = "\n".join(preview.lines())
    assert "    rag: 'Amber' -> 'Red'" in text
    result = apply_preview(store, preview)
    fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    rm = store.scalar("SELECT id FROM workstream WHERE code = 'RM'")
    assert _differences(before, _snapshot(store)) == {
        ("workstream", fcr, "rag"): "Red",
        ("workstream", fcr, "rag_reason"): "Technology slipped again",
        ("workstream", rm, "commentary"): "New commentary from the People Director",
        ("milestone", target["id"], "forecast_date"): later.isoformat(),
        ("milestone", target["id"], "last_change_reason"): "Supplier delay",
        ("recommendation", rec["id"], "status"): "In progress",
    }
    logged = store.query(
        "SELECT entity, field, reason FROM change_log WHERE batch_id = ? ORDER BY id", (result.batch_id,)
    )
    assert {(e["entity"], e["field"]) for e in logged} == {
        ("workstream", "rag"),
        ("workstream", "rag_reason"),
        ("workstream", "commentary"),
        ("milestone", "forecast_date"),
        ("milestone", "last_change_reason"),
        ("recommendation", "status"),
    }
    assert {e["reason"] for e in logged if e["field"] == "rag"} == {"Technology slipped again"}
    assert (
        store.query_one("SELECT action FROM change_batch WHERE id = ?", (result.batch_id,))["action"]
        == "import"
    )
    # Importing the same pack again finds nothing new.
    assert preview_updates(store, pack).count("update") == 0


def test_row_changed_in_the_app_since_export_is_a_conflict_and_not_applied(store, pack):
    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_commentary(
        store, fcr["id"], "Changed in the app after export", expected_version=fcr["version"]
    )
    _edit(
        pack,
        {
            ("Workstreams", "Code", "FCR", "Commentary"): "Lead's version",
            ("Workstreams", "Code", "RM", "Commentary"): "Applied fine",
        },
    )
    preview = preview_updates(store, pack)
    [conflict] = [row for row in preview.rows if row.action == "conflict"]
    assert conflict.label == "FCR"
    assert "changed in the app since the pack was exported" in conflict.problems[0].message
    result = apply_preview(store, preview)
    assert (result.changed, result.conflicts) == (1, 1)
    assert (
        store.scalar("SELECT commentary FROM workstream WHERE code = 'FCR'")
        == "Changed in the app after export"
    )
    assert store.scalar("SELECT commentary FROM workstream WHERE code = 'RM'") == "Applied fine"


def test_stale_copy_of_an_app_change_is_not_mistaken_for_an_edit(store, pack):
    rm = store.query_one("SELECT * FROM workstream WHERE code = 'RM'")
    workstreams.set_workstream_rag(store, rm["id"], "Amber", "Recovered", expected_version=rm["version"])
    preview = preview_updates(store, pack)
    rm_row = next(row for row in preview.rows if row.label == "RM")
    assert rm_row.action == "unchanged"
    apply_preview(store, preview)
    assert store.scalar("SELECT rag FROM workstream WHERE code = 'RM'") == "Amber"


def test_service_rules_apply_to_pack_edits(store, pack):
    target = _milestone(store, "%")
    later = date.fromisoformat(target["forecast_date"]).replace(year=2024)
    rec = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' ORDER BY id LIMIT 1")
    _edit(
        pack,
        {
            ("Workstreams", "Code", "FCR", "RAG now"): "Red",  # worse, and no new reason
            ("Workstreams", "Code", "RM", "RAG now"): "Purple",  # not a RAG
            ("Milestones", "Milestone", target["title"], "Forecast"): later,  # a slip with no reason
            ("Recommendations", "Ref", rec["ref"], "Status"): "Signed off",  # skips the flow
        },
    )
    preview = preview_updates(store, pack)
    problems = {row.label: row.problems[0].message for row in preview.invalid}
    assert problems["FCR"] == "RAG worsens from Amber to Red; write the new reason in 'Reason for RAG'"
    assert problems["RM"].startswith("RAG 'Purple' is not one of")
    assert problems[f"{target['ref']} {target['title']}"].startswith(
        f"forecast slips from {target['forecast_date']} to {later.isoformat()}"
    )
    assert (
        problems[rec["ref"]]
        == f"{rec['ref']} cannot go from Open to Signed off; next can be In progress, Closed, No longer relevant"
    )
    before = _snapshot(store)
    with pytest.raises(Exception, match="4 invalid rows"):
        apply_preview(store, preview)
    assert _differences(before, _snapshot(store)) == {}


def test_change_between_preview_and_apply_writes_nothing(store, pack):
    rec = store.query_one("SELECT * FROM recommendation WHERE status = 'Open' ORDER BY id LIMIT 1")
    _edit(
        pack,
        {
            ("Recommendations", "Ref", rec["ref"], "Status"): "In progress",
            ("Workstreams", "Code", "RM", "Commentary"): "Would be applied",
        },
    )
    preview = preview_updates(store, pack)
    recommendations.set_recommendation_status(
        store, rec["id"], "In progress", expected_version=rec["version"]
    )
    with pytest.raises(StaleEditError, match="changed in the app since the preview, so nothing was written"):
        apply_preview(store, preview)
    assert store.scalar("SELECT commentary FROM workstream WHERE code = 'RM'") != "Would be applied"


def test_marking_done_and_baseline_edits(store, pack):
    target = _milestone(store, "%")
    _edit(
        pack,
        {
            ("Milestones", "Milestone", target["title"], "Actual"): date(2022, 3, 10),
            ("Milestones", "Milestone", target["title"], "Baseline"): date(2030, 1, 1),
        },
    )
    preview = preview_updates(store, pack)
    [row] = preview.to_write
    assert row.values == {"actual_date": "2022-03-10"}
    assert any("baseline changes are not imported" in str(w) for w in row.warnings)
    apply_preview(store, preview)
    done = store.query_one("SELECT * FROM milestone WHERE id = ?", (target["id"],))
    assert (done["actual_date"], done["baseline_date"]) == ("2022-03-10", target["baseline_date"])
    assert milestones.baseline_history(store, target["id"]) == []


def test_a_rag_never_set_is_shown_as_not_set_and_not_an_edit(store, tmp_path):
    from t2025tui.core.changes import edit

    with edit(store, "Clear RAG for the test") as change:
        change.update(
            "workstream",
            store.scalar("SELECT id FROM workstream WHERE code = 'IOM'"),
            {"rag": None},
            expected_version=None,
        )
    path = tmp_path / "pack.xlsx"
    export_pack(store, path)
    preview = preview_updates(store, path)
    iom = next(row for row in preview.rows if row.label == "IOM")
    assert iom.action == "unchanged"


def test_pack_records_its_change_log_position_for_the_import(store, pack):
    from t2025tui.core.export import pack as pack_module
    from t2025tui.core.importers import updates
    from t2025tui.core.importers.xlsx_reader import Workbook

    assert updates.CHANGE_LOG_PROPERTY == pack_module.CHANGE_LOG_PROPERTY
    with Workbook(pack) as workbook:
        recorded = workbook.custom_property(updates.CHANGE_LOG_PROPERTY)
    assert int(recorded) == store.scalar("SELECT MAX(id) FROM change_log")


def test_pack_without_the_property_falls_back_to_its_creation_time(store, tmp_path):
    """Same-second edits count as after the export: a conflict, never an overwritten change."""
    path = tmp_path / "pack.xlsx"
    export_pack(store, path)
    wb = openpyxl.load_workbook(path)
    wb.custom_doc_props = openpyxl.packaging.custom.CustomPropertyList()
    wb.save(path)
    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_commentary(store, fcr["id"], "App edit after export", expected_version=fcr["version"])
    _edit(path, {("Workstreams", "Code", "FCR", "Commentary"): "Lead edit"})
    preview = preview_updates(store, path)
    assert next(row for row in preview.rows if row.label == "FCR").action == "conflict"


def test_programme_rag_lines_on_the_summary_sheet(store, pack):
    wb = openpyxl.load_workbook(pack)
    ws = wb["Summary"]
    overall = _find_row(ws, 1, "Overall")
    risk = _find_row(ws, 1, "Risk management")
    ws.cell(row=overall, column=2, value="Amber")
    ws.cell(row=overall, column=3, value="Re-scoping agreed at the board")
    ws.cell(row=risk, column=2, value="Purple")
    wb.save(pack)
    preview = preview_updates(store, pack)
    overall_plan = next(row for row in preview.rows if row.label == "overall RAG")
    assert overall_plan.action == "update"
    assert overall_plan.values == {
        "overall_rag": "Amber",
        "overall_rag_reason": "Re-scoping agreed at the board",
    }
    risk_plan = next(row for row in preview.rows if row.label == "risk management RAG")
    assert risk_plan.action == "invalid" and str(risk_plan.problems[0]).startswith(
        f"Summary!B{risk}: RAG 'Purple'"
    )
    apply_preview(store, preview, skip_invalid=True)
    programme = store.query_one("SELECT * FROM programme WHERE id = 1")
    assert (programme["overall_rag"], programme["risk_rag"]) == ("Amber", "Red")
    assert programme["overall_rag_reason"] == "Re-scoping agreed at the board"


def test_pack_of_another_programme_is_refused(store, pack):
    from t2025tui.core.importers.safety import ImportRefused
    from t2025tui.core.services.programme import update_programme

    update_programme(
        store,
        name="Another programme",
        expected_version=store.scalar("SELECT version FROM programme WHERE id = 1"),
    )
    with pytest.raises(
        ImportRefused,
        match=r"pack.xlsx is the pack of 'T2025 .*', but this database holds "
        r"'Another programme'; open the right database with --db",
    ):
        preview_updates(store, pack)


def test_a_workbook_that_is_not_a_pack_is_refused(store, tmp_path):
    from t2025tui.core.importers.safety import ImportRefused
    from tests.importers.builders import messy_risk_log

    with pytest.raises(
        ImportRefused,
        match="log.xlsx is not a Futures Board pack: it has none of the sheets "
        "Workstreams, Milestones, Recommendations",
    ):
        preview_updates(store, messy_risk_log(tmp_path / "log.xlsx"))


def test_the_same_change_made_in_the_app_and_the_pack_is_not_a_conflict(store, pack):
    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_commentary(store, fcr["id"], "Agreed wording", expected_version=fcr["version"])
    _edit(pack, {("Workstreams", "Code", "FCR", "Commentary"): "Agreed wording"})
    row = next(r for r in preview_updates(store, pack).rows if r.label == "FCR")
    assert row.action == "unchanged"


def test_a_milestone_renamed_in_the_pack_imports_as_a_rename_matched_on_its_ref(store, pack):
    milestone = store.query_one(
        "SELECT m.*, w.name AS workstream FROM milestone m JOIN workstream w ON w.id = m.workstream_id "
        "WHERE m.actual_date IS NULL ORDER BY m.id LIMIT 1"
    )
    wb = openpyxl.load_workbook(pack)
    ws = wb["Milestones"]
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Workstream")
    title_column = _column(ws, "Milestone", header)
    row = _find_row(ws, title_column, milestone["title"])
    assert ws.cell(row=row, column=_column(ws, "Ref", header)).value == milestone["ref"]
    assert ws.cell(row=row, column=title_column).protection.locked is False  # the lead may type over it
    ws.cell(row=row, column=title_column, value="Title edited by the lead")
    ws.cell(row=row, column=_column(ws, "Actual", header), value=date(2022, 3, 1))
    wb.save(pack)
    preview = preview_updates(store, pack)
    [update] = [r for r in preview.rows if r.action == "update"]
    assert update.entity_id == milestone["id"]
    assert update.values == {"title": "Title edited by the lead", "actual_date": "2022-03-01"}
    assert not preview.invalid
    apply_preview(store, preview)
    renamed = store.query_one("SELECT * FROM milestone WHERE id = ?", (milestone["id"],))
    assert (renamed["title"], renamed["ref"], renamed["actual_date"]) == (
        "Title edited by the lead",
        milestone["ref"],
        "2022-03-01",
    )
    logged = store.query(
        "SELECT old, new FROM change_log WHERE entity = 'milestone' AND entity_id = ? AND field = 'title'",
        (milestone["id"],),
    )
    assert [(json.loads(r["old"]), json.loads(r["new"])) for r in logged] == [
        (milestone["title"], "Title edited by the lead")
    ]
    # Exported again, the renamed milestone is the same row: nothing more to import.
    again = preview_updates(store, _export_again(store, pack))
    assert again.count("update") == 0 and not again.invalid


def test_a_title_cleared_in_the_pack_is_refused_on_its_cell(store, pack):
    wb = openpyxl.load_workbook(pack)
    ws = wb["Milestones"]
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Workstream")
    title_column = _column(ws, "Milestone", header)
    row = header + 1
    ws.cell(row=row, column=title_column, value="   ")
    wb.save(pack)
    [invalid] = preview_updates(store, pack).invalid
    assert invalid.problems[0].message == "a milestone's title cannot be cleared; type its name"


def _export_again(store, pack):
    out = pack.with_name("again.xlsx")
    export_pack(store, out)
    return out
