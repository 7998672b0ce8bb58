"""`t2025 import plan`: a programme kept in an Excel RAG tracker comes in as workstreams,
projects and milestones, previewed, all or nothing, one undoable batch."""

from datetime import date

import openpyxl
import pytest

from t2025tui.cli import main
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.plan import preview_plan
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.services import undo
from t2025tui.core.store import open_store
from tests.importers.builders import WRITERS, write_workbook

TRACKER = [
    ["Change Programme RAG tracker"],
    ["As at March 2022"],
    [],
    [
        "Workstream",
        "Project",
        "Milestone / Deliverable",
        "Owner",
        "Original date",
        "Revised date",
        "Completed",
        "Workstream RAG",
        "Comments",
    ],
    [
        "Digital Policing",
        "Body-worn video",
        "Cameras issued",
        "Supt Grey",
        date(2022, 3, 31),
        date(2022, 6, 30),
        None,
        "Amber",
        "Supplier late",
    ],
    [
        "Digital Policing",
        "Body-worn video",
        "Training done",
        "Supt Grey",
        "Q3 2022/23",
        None,
        None,
        "Amber",
        None,
    ],
    [
        "Digital Policing",
        "Mobile data",
        "Apps live",
        "Insp Black",
        "31/01/2022",
        None,
        "15/01/2022",
        None,
        None,
    ],
    ["Estates", None, "HQ lease signed", "Estates Mgr", "Mar-23", None, None, "Green", None],
    [
        "Force Control Room",
        "Technology",
        "Control room go-live",
        "DCC",
        date(2022, 4, 30),
        date(2022, 6, 30),
        None,
        None,
        None,
    ],
]


@pytest.fixture(scope="module", params=WRITERS)
def tracker(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "RAG tracker.xlsx"
    return write_workbook(path, {"Tracker": TRACKER}, request.param)


def _by(preview, entity):
    return {row.label: row for row in preview.rows if row.entity == entity}


def test_missing_workstreams_and_projects_are_created_and_milestones_read(store, tracker):
    preview = preview_plan(store, tracker)
    assert not preview.invalid, [str(p) for r in preview.invalid for p in r.problems]
    new_workstreams = {
        row.values["name"]: row.values["code"]
        for row in preview.rows
        if row.entity == "workstream" and row.action == "create"
    }
    assert new_workstreams == {"Digital Policing": "DP", "Estates": "ESTA"}  # FCR exists already
    projects = sorted(row.values["name"] for row in preview.rows if row.entity == "project")
    assert projects == ["Body-worn video", "Mobile data", "Technology"]
    milestones = _by(preview, "milestone")
    cameras = milestones["DP: Cameras issued"].values
    assert (cameras["baseline_date"], cameras["forecast_date"], cameras["owner"]) == (
        "2022-03-31",
        "2022-06-30",
        "Supt Grey",
    )
    training = milestones["DP: Training done"]
    assert (
        training.values["baseline_date"] == "2022-12-31" and training.values["forecast_date"] == "2022-12-31"
    )
    assert any("quarter 3 of financial year 2022/23" in w.message for w in training.warnings)
    assert milestones["DP: Apps live"].values["actual_date"] == "2022-01-15"
    # The workstream-level RAG column sets the workstreams' RAG.
    created = {
        row.values["code"]: row.values
        for row in preview.rows
        if row.entity == "workstream" and row.action == "create"
    }
    assert created["DP"]["rag"] == "Amber" and created["ESTA"]["rag"] == "Green"


def test_the_plan_import_writes_one_batch_that_one_undo_removes(store, tracker):
    before = store.scalar("SELECT COUNT(*) FROM milestone")
    result = apply_preview(store, preview_plan(store, tracker))
    assert result.created == 2 + 3 + 5
    row = store.query_one(
        "SELECT m.*, w.code, p.name AS project FROM milestone m JOIN workstream w ON w.id = m.workstream_id "
        "LEFT JOIN project p ON p.id = m.project_id WHERE m.title = 'Cameras issued'"
    )
    assert (row["code"], row["project"], row["forecast_date"]) == ("DP", "Body-worn video", "2022-06-30")
    fcr = store.query_one("SELECT * FROM milestone WHERE title = 'Control room go-live'")
    assert fcr["workstream_id"] == store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
    assert store.scalar("SELECT COUNT(*) FROM change_batch WHERE action = 'import'") == 1
    again = preview_plan(store, tracker)
    assert again.count("create") == 0 and again.count("update") == 0  # importing twice changes nothing
    undo.undo(store)
    assert store.scalar("SELECT COUNT(*) FROM milestone") == before
    assert store.scalar("SELECT COUNT(*) FROM workstream WHERE code IN ('DP', 'ESTA')") == 0


def test_one_sheet_per_workstream_takes_the_sheet_name(store, tmp_path):
    sheets = {
        "Force Control Room": [
            ["Milestone", "Due date", "Forecast", "Status"],
            ["Phones moved", "31/05/2022", "30/06/2022", "Amber"],
        ],
        "Vulnerability": [["Deliverable", "Baseline"], ["MFH accreditation", date(2022, 3, 31)]],
        "Lists": [["Not", "a", "plan"]],
    }
    preview = preview_plan(store, write_workbook(tmp_path / "per-sheet.xlsx", sheets))
    milestones = _by(preview, "milestone")
    assert set(milestones) == {"FCR: Phones moved", "VUL: MFH accreditation"}
    assert milestones["FCR: Phones moved"].values["workstream_id"] == store.scalar(
        "SELECT id FROM workstream WHERE code = 'FCR'"
    )
    assert any("the sheet's name" in note for sheet in preview.sheets for note in sheet.notes)
    assert not [row for row in preview.rows if row.entity == "workstream" and row.action == "create"]


def test_a_known_milestone_is_updated_and_a_blank_never_clears(store, tmp_path):
    seeded = store.query_one(
        "SELECT m.*, w.name AS ws FROM milestone m JOIN workstream w ON w.id = m.workstream_id "
        "WHERE m.actual_date IS NULL AND m.baseline_date IS NOT NULL ORDER BY m.id LIMIT 1"
    )
    rows = [
        ["Workstream", "Milestone", "Baseline", "Forecast", "Actual", "Owner"],
        [seeded["ws"], seeded["title"].upper(), "01/01/2030", None, "01/02/2022", None],
    ]
    preview = preview_plan(store, write_workbook(tmp_path / "update.xlsx", {"Plan": rows}))
    [plan] = [row for row in preview.rows if row.entity == "milestone"]
    assert plan.action == "update" and plan.entity_id == seeded["id"]
    assert plan.values == {"actual_date": "2022-02-01"}  # the baseline is not re-baselined by import
    assert any("re-baseline in the app" in w.message for w in plan.warnings)
    apply_preview(store, preview)
    after = store.query_one("SELECT * FROM milestone WHERE id = ?", (seeded["id"],))
    assert after["actual_date"] == "2022-02-01"
    assert (after["owner"], after["baseline_date"], after["forecast_date"]) == (
        seeded["owner"],
        seeded["baseline_date"],
        seeded["forecast_date"],
    )


def test_a_table_of_workstreams_sets_their_rag_and_commentary(store, tmp_path):
    rows = [
        ["Workstream", "RAG", "Commentary"],
        ["IOM", "Red", "Scope changed again"],
        ["RIS", "Green", None],
    ]
    preview = preview_plan(store, write_workbook(tmp_path / "rag.xlsx", {"Summary": rows}))
    changes = {row.label: row.values for row in preview.rows if row.action == "update"}
    assert changes["IOM"] == {"rag": "Red", "commentary": "Scope changed again"}
    assert "RIS" not in changes or changes["RIS"] == {"rag": "Green"}
    apply_preview(store, preview)
    assert store.scalar("SELECT rag FROM workstream WHERE code = 'IOM'") == "Red"


def test_invalid_rows_stop_the_whole_plan_import(store, tmp_path):
    rows = [
        ["Workstream", "Milestone", "Baseline", "Workstream RAG"],
        ["New One", "Fine", "31/03/2022", "Amber"],
        ["New One", "Bad date", "32/13/2022", "Amber"],
        ["New One", "Other RAG", "31/03/2022", "Red"],
        ["Programme", "Programme-level", "31/03/2022", None],
        ["New One", "Fine", "31/03/2022", None],
    ]
    preview = preview_plan(store, write_workbook(tmp_path / "bad.xlsx", {"Plan": rows}))
    problems = [str(p) for row in preview.invalid for p in row.problems]
    assert any(p.startswith("Plan!C3: baseline '32/13/2022' is not a real calendar date") for p in problems)
    assert any("workstream RAG 'Red' differs from 'Amber' given at Plan!D2" in p for p in problems)
    assert any("means the programme, but every milestone belongs to a workstream" in p for p in problems)
    assert any("appears again (first at Plan row 2)" in p for p in problems)
    with pytest.raises(ImportRefused, match="invalid rows in bad.xlsx, so nothing was written"):
        apply_preview(store, preview)
    assert store.scalar("SELECT COUNT(*) FROM workstream WHERE name = 'New One'") == 0


def test_init_empty_then_import_plan_is_a_way_to_start(tmp_path, capsys):
    db = tmp_path / "new.db"
    assert main(["--db", str(db), "init", "--empty", "--name", "Change Programme"]) == 0
    path = write_workbook(tmp_path / "tracker.xlsx", {"Tracker": TRACKER})
    assert main(["--db", str(db), "import", "plan", str(path), "--dry-run"]) == 0
    assert "+ create Tracker!A5: workstream DP Digital Policing" in capsys.readouterr().out
    assert main(["--db", str(db), "import", "plan", str(path)]) == 0
    assert "Imported tracker.xlsx: 11 created, 0 changed." in capsys.readouterr().out
    store = open_store(db)
    try:
        assert store.scalar("SELECT COUNT(*) FROM milestone") == 5
        assert store.scalar("SELECT COUNT(*) FROM workstream") == 3
    finally:
        store.close()


def test_csv_tracker_and_hidden_sheets(store, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Workstream,Activity,Due\nRM,Rota review,30/09/2022\n", encoding="utf-8")
    [plan] = [row for row in preview_plan(store, path).rows if row.entity == "milestone"]
    assert plan.values["baseline_date"] == "2022-09-30"
    wb = openpyxl.Workbook()
    wb.active.title = "Plan"
    wb.active.append(["Workstream", "Milestone"])
    wb.active.append(["RM", "Visible one"])
    old = wb.create_sheet("Old plan")
    old.append(["Workstream", "Milestone"])
    old.append(["RM", "Hidden one"])
    old.sheet_state = "hidden"
    hidden = tmp_path / "hidden.xlsx"
    wb.save(hidden)
    preview = preview_plan(store, hidden)
    assert [row.label for row in preview.rows if row.entity == "milestone"] == ["RM: Visible one"]
    assert any(w.where == "Old plan" and "hidden sheet" in w.message for w in preview.warnings)


def test_no_plan_table_is_a_clear_refusal(store, tmp_path):
    path = write_workbook(tmp_path / "nothing.xlsx", {"Notes": [["Just", "some", "words"]]})
    with pytest.raises(
        ImportRefused, match=r"nothing.xlsx: no plan table found in any sheet .*Workstream, Project"
    ):
        preview_plan(store, path)


def test_milestones_are_matched_on_ref_and_new_ones_get_the_next_ref(store, tmp_path):
    known = store.query_one(
        "SELECT m.*, w.code FROM milestone m JOIN workstream w ON w.id = m.workstream_id "
        "WHERE m.actual_date IS NULL ORDER BY m.id LIMIT 1"
    )
    rows = [
        ["Ref", "Workstream", "Milestone", "Actual"],
        [known["ref"], known["code"], "Renamed in the tracker", "01/03/2022"],
        [None, "FCR", "A brand new milestone", None],
        ["FCR-X99", "FCR", "Tracker's own ref", None],
    ]
    preview = preview_plan(store, write_workbook(tmp_path / "refs.xlsx", {"Plan": rows}))
    plans = [row for row in preview.rows if row.entity == "milestone"]
    assert plans[0].action == "update" and plans[0].entity_id == known["id"]  # found by ref, not title
    assert plans[0].values == {"title": "Renamed in the tracker", "actual_date": "2022-03-01"}
    apply_preview(store, preview)
    titles = ("A brand new milestone", "Tracker's own ref")
    refs = {
        r["title"]: r["ref"]
        for r in store.query("SELECT title, ref FROM milestone WHERE title IN (?, ?)", titles)
    }
    assert refs["Tracker's own ref"] == "FCR-X99"
    highest = max(
        int(r["ref"].split("-M")[1])
        for r in store.query(
            "SELECT ref FROM milestone WHERE ref LIKE 'FCR-M%' AND title != ?", ("A brand new milestone",)
        )
    )
    assert refs["A brand new milestone"] == f"FCR-M{highest + 1:02d}"
    logged = store.query(
        "SELECT new FROM change_log WHERE entity = 'milestone' AND action = 'create' ORDER BY id DESC LIMIT 2"
    )
    assert any(refs["A brand new milestone"] in row["new"] for row in logged)  # the history holds the ref


def test_a_column_of_row_numbers_is_not_taken_for_refs(store, tmp_path):
    rows = [["ID", "Workstream", "Milestone"], [1, "RM", "First"], [2, "RM", "Second"]]
    preview = preview_plan(store, write_workbook(tmp_path / "ids.xlsx", {"Plan": rows}))
    assert any("holds only numbers" in note for note in preview.sheets[0].notes)
    apply_preview(store, preview)
    assert store.scalar("SELECT ref FROM milestone WHERE title = 'First'").startswith("RM-M")
