"""Forgiving, explained mapping: a risk log as change teams keep it imports, and says how each
cell was read. Each rule is checked on files written by openpyxl, xlsxwriter and LibreOffice."""

import pytest

from t2025tui.core.changes import edit
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.risk_log import EXTRA_MARKER, preview_risks
from t2025tui.core.importers.safety import ImportRefused
from tests.importers.builders import WRITERS, write_workbook

HEADER = [
    "Risk ID",
    "Risk Description",
    "Workstream",
    "Likelihood (H/M/L)",
    "Impact",
    "Status",
    "Mitigation Strategy",
    "Mitigation / Prevention",
    "Contingency",
    "Review Date",
]
ROWS = [
    [
        "F-01",
        "Programme risk",
        "Programme",
        "High",
        "Low",
        "In Progress",
        "Treat",
        "Weekly board",
        "Pause",
        "TBC",
    ],
    [
        "F-02",
        "Wide risk",
        "Programme-wide",
        "Medium",
        "High",
        "Mitigating",
        "Tolerate",
        "Accept it",
        "",
        "Q3 2022/23",
    ],
    ["F-03", "Short name", "Vulnerability", "Low", "Medium", "Transferred", "", "Insure it", "", "Mar-22"],
    ["F-04", "Abbreviated", "Resource Mgmt", "High", "High", "Accepted", "Terminate", "", "", "N/A"],
    ["F-05", "Initials", "IOM", "Low", "Low", "Resolved", "Treat", "", "", "2022/23"],
    ["F-06", "Code", "ris", "Critical", "Medium", "Monitoring", "", "", "", "-"],
    ["F-07", "Cross", "Cross-cutting", "Medium", "Medium", "Escalated", "", "", "", "ongoing"],
    ["F-08", "Blank workstream", None, "Low", "Low", "Open", "", "", "", "March 2022"],
]


@pytest.fixture(scope="module", params=WRITERS)
def forgiving_log(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "Risk Register.xlsx"
    return write_workbook(
        path, {"Register": [["Cleveland Police change team risk log"], [], HEADER, *ROWS]}, request.param
    )


def _rows(preview):
    return {row.label: row for row in preview.rows}


def _ws(store, code):
    return store.scalar("SELECT id FROM workstream WHERE code = ?", (code,))


def test_every_row_of_an_ordinary_register_is_valid(store, forgiving_log):
    preview = preview_risks(store, forgiving_log)
    assert [(row.action, row.label) for row in preview.rows] == [("create", row[0]) for row in ROWS]


def test_programme_level_values_mean_no_workstream(store, forgiving_log):
    rows = _rows(preview_risks(store, forgiving_log))
    for ref in ("F-01", "F-02", "F-07", "F-08"):
        assert rows[ref].values["workstream_id"] is None, ref
    assert any("read as programme-level" in w.message for w in rows["F-01"].warnings)


def test_short_abbreviated_initials_and_lower_case_names_find_the_workstream(store, forgiving_log):
    rows = _rows(preview_risks(store, forgiving_log))
    assert rows["F-03"].values["workstream_id"] == _ws(store, "VUL")
    assert rows["F-04"].values["workstream_id"] == _ws(store, "RM")
    assert rows["F-05"].values["workstream_id"] == _ws(store, "IOM")
    assert rows["F-06"].values["workstream_id"] == _ws(store, "RIS")
    assert any("'Resource Mgmt' read as RM" in w.message for w in rows["F-04"].warnings)


def test_placeholder_dates_are_blank_and_periods_are_their_last_day_with_a_warning(store, forgiving_log):
    rows = _rows(preview_risks(store, forgiving_log))
    dates = {ref: row.values["review_date"] for ref, row in rows.items()}
    assert dates == {
        "F-01": None,
        "F-02": "2022-12-31",  # Q3 of the financial year 2022/23 ends in December
        "F-03": "2022-03-31",
        "F-04": None,
        "F-05": "2023-03-31",
        "F-06": None,
        "F-07": None,
        "F-08": "2022-03-31",
    }
    assert any("'TBC' is a placeholder; left blank" in w.message for w in rows["F-01"].warnings)
    assert any("quarter 3 of financial year 2022/23" in w.message for w in rows["F-02"].warnings)


def test_register_status_words_map_to_status_and_response_with_a_warning(store, forgiving_log):
    rows = _rows(preview_risks(store, forgiving_log))
    status = {ref: (row.values["status"], row.values["response"]) for ref, row in rows.items()}
    assert status["F-01"] == ("Open", "Treat")  # the response column wins over the status's hint
    assert status["F-03"] == ("Closed", "Transfer")  # no response given: the status says it
    assert status["F-05"][0] == "Closed" and status["F-06"][0] == "Open" and status["F-07"][0] == "Open"
    assert any(
        "status 'Transferred' read as Closed, response Transfer" in w.message for w in rows["F-03"].warnings
    )


def test_three_point_scores_spread_over_one_to_five_and_the_preview_says_so(store, forgiving_log):
    preview = preview_risks(store, forgiving_log)
    rows = _rows(preview)
    scores = {
        ref: (row.values["inherent_likelihood"], row.values["inherent_impact"]) for ref, row in rows.items()
    }
    assert scores["F-01"] == (5, 1) and scores["F-02"] == (3, 5) and scores["F-06"] == (5, 3)
    notes = preview.sheets[0].notes
    assert any("'Likelihood (H/M/L)' is on a 3-point scale" in note for note in notes)
    assert any("'Impact' is on a 3-point scale" in note for note in notes)  # by what it holds


def test_columns_are_classed_by_what_they_hold_and_contingency_is_kept(store, forgiving_log):
    preview = preview_risks(store, forgiving_log)
    targets = {use.header: use.target for use in preview.sheets[0].columns}
    assert targets["Mitigation Strategy"] == "response"
    assert targets["Mitigation / Prevention"] == "actions"
    assert targets["Contingency"] == "notes+"
    assert any("'Mitigation Strategy' holds only Treat" in note for note in preview.sheets[0].notes)
    rows = _rows(preview)
    assert rows["F-01"].values["actions"] == "Weekly board"
    assert rows["F-04"].values["response"] == "Terminate"
    assert rows["F-01"].values["notes"] == f"{EXTRA_MARKER}\nContingency: Pause"


def test_preview_shows_each_value_as_it_will_be_stored(store, forgiving_log):
    lines = preview_risks(store, forgiving_log).lines()
    start = lines.index("+ create Register row 4: risk F-01")
    block = lines[start : start + 12]
    assert "    inherent likelihood: 'High' -> '5'" in block
    assert "    status: 'In Progress' -> 'Open'" in block
    assert "    workstream: 'Programme' -> '(programme)'" in block
    assert "    review date: 'TBC' -> (blank)" in block


def test_the_forgiving_import_writes_what_it_previewed(store, forgiving_log):
    preview = preview_risks(store, forgiving_log)
    result = apply_preview(store, preview)
    assert result.created == len(ROWS)
    stored = store.query_one("SELECT * FROM risk WHERE ref = 'F-03'")
    assert (stored["status"], stored["response"], stored["review_date"]) == (
        "Closed",
        "Transfer",
        "2022-03-31",
    )
    assert stored["workstream_id"] == _ws(store, "VUL")


def _resource_planning(store):
    with edit(store, "add a workstream", action="edit") as change:
        change.insert("workstream", {"code": "RP", "name": "Resource Planning", "position": 9})


def _log(tmp_path, workstreams):
    rows = [["Ref", "Title", "Workstream"]] + [[f"W-{i}", f"Risk {i}", w] for i, w in enumerate(workstreams)]
    return write_workbook(tmp_path / "log.xlsx", {"Risks": rows})


def test_ambiguous_and_unknown_workstreams_name_the_close_ones(store, tmp_path):
    _resource_planning(store)
    preview = preview_risks(store, _log(tmp_path, ["Resource", "Force Kontrol Room", "Nowhere at all"]))
    messages = [str(row.problems[0]) for row in preview.invalid]
    assert messages[0].startswith(
        "Risks!C2: workstream 'Resource' could be any of RM (Resource Management), RP (Resource Planning)"
    )
    assert "closest: FCR (Force Control Room)" in messages[1]
    assert '--map-workstream "Nowhere at all=FCR"' in messages[2]


def test_map_workstream_applies_to_the_whole_import(store, tmp_path):
    _resource_planning(store)
    path = _log(tmp_path, ["Resource", "Old Control Room", "resource", "Old Control Room"])
    preview = preview_risks(
        store, path, workstreams={"Resource": "RP", "old control room": "Force Control Room"}
    )
    assert [row.values["workstream_id"] for row in preview.rows] == [_ws(store, "RP"), _ws(store, "FCR")] * 2
    assert any("mapped to RP (Resource Planning)" in w.message for w in preview.rows[0].warnings)
    programme = preview_risks(store, path, workstreams={"Resource": "Programme", "Old Control Room": "FCR"})
    assert programme.rows[0].values["workstream_id"] is None
    with pytest.raises(ImportRefused, match="'Nope' is not a workstream code or name"):
        preview_risks(store, path, workstreams={"Resource": "Nope"})


def test_a_column_can_be_given_another_meaning_or_ignored(store, forgiving_log):
    preview = preview_risks(store, forgiving_log, columns={"I": "ignore", "Mitigation Strategy": "keep"})
    targets = {use.letter: use.target for use in preview.sheets[0].columns}
    assert targets["I"] == "ignored" and targets["G"] == "notes+"
    rows = _rows(preview)
    assert rows["F-01"].values["response"] is None
    assert rows["F-02"].values["response"] == "Treat"  # now only the status 'Mitigating' says it
    assert rows["F-01"].values["notes"] == f"{EXTRA_MARKER}\nMitigation Strategy: Treat"
    assert any("(chosen)" in note for note in preview.sheets[0].notes)
    with pytest.raises(ImportRefused, match=r"'sideways' is not a meaning; use one of actions"):
        preview_risks(store, forgiving_log, columns={"I": "sideways"})
    with pytest.raises(ImportRefused, match=r"no column 'ZZ' in the header row"):
        preview_risks(store, forgiving_log, columns={"ZZ": "actions"})
