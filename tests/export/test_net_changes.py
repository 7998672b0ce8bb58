"""Changes since last board, net: one line per record and field, from where it started to where
it ended; steps that cancel out leave nothing; every step stays on the audit sheet."""

from datetime import date

from t2025tui.core.export import export_pack
from t2025tui.core.services import milestones, undo, workstreams
from tests.export.reading import calamine_rows, table

NET = "Changes since last board"
STEPS = "Every change since last board"
TECH = "FCR technology requirements implemented"  # forecast 2022-06-30 in the seed
TECH_ITEM = f"FCR-M01 {TECH}"  # a milestone is named with its ref in the changes sheets


def _milestone(store, title=TECH):
    return store.query_one("SELECT * FROM milestone WHERE title = ?", (title,))


def _slip(store, forecast: str, reason: str, title=TECH):
    row = _milestone(store, title)
    milestones.set_forecast(store, row["id"], forecast, reason, expected_version=row["version"])


def _export(store, tmp_path):
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    return table(calamine_rows(out, NET), "Change"), table(calamine_rows(out, STEPS), "Date")


def test_a_slip_and_its_undo_cancel_out(store, tmp_path):
    _slip(store, "2022-07-31", "Supplier delay")
    undo.undo(store)
    net, steps = _export(store, tmp_path)
    assert [r["Change"][:12] for r in net] == ["No RAG moves"]  # the sheet's "nothing changed" line
    assert [r["Change"] for r in steps] == ["Slip", "Forecast brought forward (undo)"]


def test_three_slips_are_one_line_with_the_total_days(store, tmp_path):
    for forecast, reason in (("2022-07-08", "a"), ("2022-07-31", "b"), ("2022-08-31", "Supplier delay")):
        _slip(store, forecast, reason)
    net, steps = _export(store, tmp_path)
    assert [
        (r["Change"], r["Item"], r["Was"], r["Now"], r["Days moved"], r["Steps"], r["Reason (latest)"])
        for r in net
    ] == [("Slip", TECH_ITEM, date(2022, 6, 30), date(2022, 8, 31), 62, 3, "Supplier delay")]
    assert len(steps) == 3


def test_slip_twice_then_bring_forward_part_way_nets_the_days(store, tmp_path):
    _slip(store, "2022-07-31", "late kit")
    _slip(store, "2022-08-31", "later kit")
    _slip(store, "2022-07-14", "kit found")
    net, _ = _export(store, tmp_path)
    assert [(r["Change"], r["Days moved"], r["Steps"]) for r in net] == [("Slip", 14, 3)]


def test_a_slip_then_forecast_brought_back_before_the_baseline_is_brought_forward(store, tmp_path):
    _slip(store, "2022-07-31", "late kit")
    _slip(store, "2022-06-01", "kit early")
    net, _ = _export(store, tmp_path)
    assert [(r["Change"], r["Days moved"]) for r in net] == [("Forecast brought forward", -29)]


def test_a_rag_moved_and_moved_back_leaves_no_line_but_other_fields_stay(store, tmp_path):
    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_workstream_rag(store, fcr["id"], "Red", "worse", expected_version=fcr["version"])
    fcr = store.query_one("SELECT * FROM workstream WHERE code = 'FCR'")
    workstreams.set_workstream_rag(store, fcr["id"], "Amber", "recovered", expected_version=fcr["version"])
    _slip(store, "2022-07-31", "Supplier delay")
    net, steps = _export(store, tmp_path)
    assert [(r["Change"], r["Item"]) for r in net] == [("Slip", TECH_ITEM)]
    assert [r["Change"] for r in steps] == ["RAG move", "RAG move", "Slip"]


def test_one_line_per_record_and_field(store, tmp_path):
    other = "Specialist Operations de-collaboration finalised"
    _slip(store, "2022-07-31", "a")
    _slip(store, "2022-06-30", "b", title=other)
    _slip(store, "2022-08-31", "c")
    net, _ = _export(store, tmp_path)
    assert [(r["Item"], r["Steps"]) for r in net] == [(TECH_ITEM, 2), (f"IOM-M01 {other}", 1)]
