"""Who made each change: where the name comes from, and everywhere it is shown or kept."""

from datetime import date, timedelta

import openpyxl
import pytest

from t2025tui.core.dump import dump_json, load_data, parse_json
from t2025tui.core.errors import ValidationError
from t2025tui.core.export import export_pack
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.updates import preview_updates
from t2025tui.core.report import export_report
from t2025tui.core.services import milestones, programme, workstreams
from t2025tui.core.who import USER_ENV_VAR, acting_as, editor_name
from tests.export.reading import calamine_rows, table
from tests.report.reading import all_text, flat

TECH = "FCR technology requirements implemented"


def _last_who(store) -> str:
    return store.scalar("SELECT who FROM change_batch ORDER BY id DESC LIMIT 1")


def _set_commentary(store, code: str, text: str) -> None:
    row = store.query_one("SELECT * FROM workstream WHERE code = ?", (code,))
    workstreams.set_commentary(store, row["id"], text, expected_version=row["version"])


def _slip(store, days: int, reason: str) -> None:
    row = store.query_one("SELECT * FROM milestone WHERE title = ?", (TECH,))
    milestones.shift_forecast(store, row["id"], days, reason, expected_version=row["version"])


def test_the_name_comes_from_user_then_settings_then_environment_then_login(store, monkeypatch):
    monkeypatch.setenv(USER_ENV_VAR, "Env Person")
    _set_commentary(store, "FCR", "one")
    assert _last_who(store) == "Env Person"
    programme.update_programme(store, expected_version=None, user_name="Settings Person")
    _set_commentary(store, "FCR", "two")
    assert _last_who(store) == "Settings Person"
    with acting_as("Given Person"):
        _set_commentary(store, "FCR", "three")
    assert _last_who(store) == "Given Person"
    _set_commentary(store, "FCR", "four")  # the given name lasts for that run only
    assert _last_who(store) == "Settings Person"


def test_the_login_name_is_used_when_nothing_else_is_set(store, monkeypatch):
    monkeypatch.delenv(USER_ENV_VAR, raising=False)
    monkeypatch.setattr("t2025tui.core.who.login_name", lambda: "jbloggs")
    assert editor_name(store.conn) == "jbloggs"
    monkeypatch.setattr("t2025tui.core.who.login_name", lambda: "")
    assert editor_name(store.conn) == "unknown"


@pytest.mark.parametrize("bad", ["", "   ", "ann\x1b[31m", "a\nb", "x" * 121])
def test_a_given_name_that_cannot_be_recorded_is_refused_with_the_fix(bad):
    with pytest.raises(ValidationError, match="user name"), acting_as(bad):
        pass


def test_both_changes_sheets_of_the_pack_say_who(store, tmp_path):
    with acting_as("Ann Lead"):
        _slip(store, 7, "Supplier delay")
    with acting_as("Bob Deputy"):
        _slip(store, 7, "Further delay")
    out = tmp_path / "pack.xlsx"
    export_pack(store, out)
    net = table(calamine_rows(out, "Changes since last board"), "Change")
    steps = table(calamine_rows(out, "Every change since last board"), "Date")
    assert [(r["Change"], r["Changed by"]) for r in net] == [("Slip", "Bob Deputy")]
    assert [(r["Reason"], r["Who"]) for r in steps] == [
        ("Supplier delay", "Ann Lead"),
        ("Further delay", "Bob Deputy"),
    ]
    # The print design stays: the sheet still fits one page wide.
    ws = openpyxl.load_workbook(out)["Every change since last board"]
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.orientation == "landscape"


def test_the_committee_report_says_who_moved_a_date_and_who_descoped(store, tmp_path):
    with acting_as("Ann Lead"):
        _slip(store, 30, "Vetting backlog")
        niche = store.query_one("SELECT * FROM milestone WHERE title LIKE 'Niche%'")
        milestones.set_descoped(
            store, niche["id"], True, "No longer needed", expected_version=niche["version"]
        )
    out = tmp_path / "report.docx"
    export_report(store, out, as_of=date.today(), since=date.today() - timedelta(days=1))
    text = flat(all_text(out))
    assert "Why: Vetting backlog. Moved by Ann Lead" in text
    assert "(by Ann Lead): No longer needed" in text


def test_who_survives_dump_and_load_exactly(store, tmp_path):
    names = ["Ann Lead", '=HYPERLINK("x")', "Zoë O'Brien", "مرحبا"]
    for name in names:
        with acting_as(name):
            _set_commentary(store, "RM", f"by {name}")
    first = dump_json(store)
    loaded = load_data(parse_json(first), tmp_path / "copy.db")
    try:
        assert dump_json(loaded) == first
        original = store.query("SELECT id, who FROM change_batch ORDER BY id")
        assert loaded.query("SELECT id, who FROM change_batch ORDER BY id") == original
        assert [r["who"] for r in original[-4:]] == names
    finally:
        loaded.close()


def test_a_returned_pack_is_recorded_as_the_importers_from_that_file(store, tmp_path):
    path = tmp_path / "returned.xlsx"
    export_pack(store, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Workstreams"]
    header_row = next(r for r in range(1, 20) if "Code" in [c.value for c in ws[r]])
    headers = [c.value for c in ws[header_row]]
    row = next(
        r
        for r in range(header_row + 1, ws.max_row + 1)
        if ws.cell(r, headers.index("Code") + 1).value == "RM"
    )
    ws.cell(row, headers.index("Commentary") + 1, "From the board")
    wb.save(path)
    with acting_as("Importing Person"):
        result = apply_preview(store, preview_updates(store, path))
    batch = store.query_one("SELECT * FROM change_batch WHERE id = ?", (result.batch_id,))
    assert batch["who"] == "Importing Person"
    assert "from the pack returned by returned.xlsx" in batch["summary"]
    reasons = store.query("SELECT reason FROM change_log WHERE batch_id = ?", (result.batch_id,))
    assert {r["reason"] for r in reasons} == {"From the pack returned by returned.xlsx"}
