"""The governance logs, the suggested RAG and the dependency flag in the pack: the board page lists
what is open and due or overdue, the full logs follow the registers, the Workstreams sheet
carries the suggested RAG with its rule, and the Milestones sheet a Ref and the dependency flag,
which goes when the slip is fixed."""

import openpyxl
import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.export.cells import RAG_COLOURS
from t2025tui.core.services import actions, board, dependencies, milestones
from tests.export.reading import calamine_rows, table

# The embedded programme's status date is 15 March 2022; with no later board, "due" runs to
# 12 April 2022 (28 days on).


def _export(store, tmp_path, name="pack.xlsx"):
    out = tmp_path / name
    export_pack(store, out)
    return out


def _id(store, table_name, where, *args):
    return store.scalar(f"SELECT id FROM {table_name} WHERE {where}", args)


def _fill(cell) -> str:
    return cell.fill.start_color.rgb[-6:] if cell.fill and cell.fill.fill_type else ""


def _cells_by_header(path, sheet, first_header, key_header, key):
    ws = openpyxl.load_workbook(path)[sheet]
    header = next(r for r in range(1, 30) if ws.cell(row=r, column=1).value == first_header)
    headers = {ws.cell(row=header, column=c).value: c for c in range(1, ws.max_column + 1)}
    for row in range(header + 1, ws.max_row + 1):
        if ws.cell(row=row, column=headers[key_header]).value == key:
            return {h: ws.cell(row=row, column=c) for h, c in headers.items() if h}
    raise AssertionError(f"no row {key!r} on {sheet}")


@pytest.fixture
def logged(store):
    fcr = _id(store, "workstream", "code = 'FCR'")
    actions.create_action(
        store, title="Overdue: confirm resourcing", owner="DCC", due_date="2022-03-01", workstream_id=fcr
    )
    actions.create_action(
        store, title="Due soon: Niche plan", owner="ACC", due_date="2022-04-01", workstream_id=fcr
    )
    actions.create_action(store, title="Later: review in summer", owner="ACC", due_date="2022-08-01")
    done = actions.create_action(store, title="Done already", owner="ACC", due_date="2022-02-01")
    actions.set_action_status(store, done, "Done", "Sent", expected_version=1)
    return store


def test_the_board_page_lists_only_what_is_open_and_due_or_overdue(logged, tmp_path):
    rows = table(calamine_rows(_export(logged, tmp_path), "Actions and issues due"), "Log")
    listed = [(r["Log"], r["Item"], r["Flag"]) for r in rows]
    assert ("Action", "Overdue: confirm resourcing", "overdue") in listed
    assert ("Action", "Due soon: Niche plan", "due") in listed
    items = [r["Item"] for r in rows]
    assert "Later: review in summer" not in items and "Done already" not in items
    # The embedded programme's open issues and its four decisions awaiting an outcome.
    assert sum(1 for r in rows if r["Log"] == "Issue") == 5
    assert sum(1 for r in rows if r["Log"] == "Decision" and r["Flag"] == "awaiting outcome") == 4
    overdue = _cells_by_header(
        tmp_path / "pack.xlsx", "Actions and issues due", "Log", "Item", "Overdue: confirm resourcing"
    )
    assert _fill(overdue["Flag"]) == RAG_COLOURS["Red"]


def test_the_full_logs_follow_the_registers_with_every_record(logged, tmp_path):
    path = _export(logged, tmp_path)
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert names.index("Recommendations") < names.index("Action log") < names.index("Lessons log")
    action_rows = table(calamine_rows(path, "Action log"), "Ref")
    assert [r["Action"] for r in action_rows][-1] == "Done already"  # open first
    assert {r["Action"]: r["Overdue"] for r in action_rows}["Overdue: confirm resourcing"] == "overdue"
    assert {r["Action"]: r["Overdue"] for r in action_rows}["Later: review in summer"] == ""
    assert len(table(calamine_rows(path, "Issue log"), "Ref")) == 5
    decisions = table(calamine_rows(path, "Decision log"), "Board")
    assert len(decisions) == 4 and {r["Outcome"] for r in decisions} == {"awaiting"}
    lessons = table(calamine_rows(path, "Lessons log"), "Date")
    assert len(lessons) == 1 and "stress" in lessons[0]["Lesson"] + lessons[0]["What happened"]


def test_a_decision_given_an_outcome_leaves_the_board_page(store, tmp_path):
    decision = store.query_one("SELECT * FROM decision ORDER BY id LIMIT 1")
    board.update_decision(store, decision["id"], outcome="Agreed", expected_version=decision["version"])
    rows = table(calamine_rows(_export(store, tmp_path), "Actions and issues due"), "Log")
    assert decision["title"] not in [r["Item"] for r in rows if r["Log"] == "Decision"]
    log = {
        r["Decision"]: r["Outcome"]
        for r in table(calamine_rows(tmp_path / "pack.xlsx", "Decision log"), "Board")
    }
    assert log[decision["title"]] == "Agreed"


def test_a_slip_that_breaks_a_dependency_is_flagged_in_the_pack_and_goes_when_fixed(store, tmp_path):
    # VUL-M03 (30 Apr 2022) needs FCR-M01, which is forecast for 30 June 2022: at risk.
    needs = store.query_one("SELECT * FROM milestone WHERE ref = 'FCR-M01'")
    dependant = _id(store, "milestone", "ref = 'VUL-M03'")
    dependencies.add_dependency(store, dependant, needs["id"])
    path = _export(store, tmp_path)
    flagged = _cells_by_header(path, "Milestones", "Workstream", "Ref", "VUL-M03")
    assert flagged["Dependency"].value == "at risk: needs FCR-M01"
    assert _fill(flagged["Dependency"]) == RAG_COLOURS["Amber"]
    assert _cells_by_header(path, "Milestones", "Workstream", "Ref", "FCR-M01")["Dependency"].value is None
    board_rows = table(calamine_rows(path, "Actions and issues due"), "Log")
    assert [(r["Ref"], r["Flag"]) for r in board_rows if r["Log"] == "Dependency"] == [
        ("VUL-M03", "dependency at risk")
    ]
    [dep] = table(calamine_rows(path, "Dependencies"), "Milestone")
    assert (dep["Milestone"], dep["Needs"], dep["Flag"]) == ("VUL-M03", "FCR-M01", "dependency at risk")
    suggested = {r["Code"]: r for r in table(calamine_rows(path, "Workstreams"), "Code")}
    assert suggested["VUL"]["Rule"] == "suggests Amber: 1 dependency at risk"

    # Brought forward before the dependant's date: the flag goes from every sheet.
    milestones.set_forecast(store, needs["id"], "2022-04-15", expected_version=needs["version"])
    again = _export(store, tmp_path, "again.xlsx")
    assert _cells_by_header(again, "Milestones", "Workstream", "Ref", "VUL-M03")["Dependency"].value is None
    assert not [
        r for r in table(calamine_rows(again, "Actions and issues due"), "Log") if r["Log"] == "Dependency"
    ]
    [dep] = table(calamine_rows(again, "Dependencies"), "Milestone")
    assert dep["Flag"] == ""


def test_the_workstreams_sheet_gives_each_suggested_rag_with_its_rule(store, tmp_path):
    from t2025tui.core.queries.suggested_rag import suggested_rags

    path = _export(store, tmp_path)
    rows = {r["Code"]: r for r in table(calamine_rows(path, "Workstreams"), "Code")}
    for found in suggested_rags(store):
        assert (rows[found.code]["Suggested RAG"], rows[found.code]["Rule"]) == (found.suggested, found.rule)
    assert rows["FCR"]["Suggested RAG"] == "Red"
    assert rows["FCR"]["Rule"] == "suggests Red: 1 milestone late beyond tolerance"
    cell = _cells_by_header(path, "Workstreams", "Code", "Code", "FCR")["Suggested RAG"]
    assert _fill(cell) == RAG_COLOURS["Red"]
    # An overdue action turns a green workstream's suggestion amber, named in the rule.
    ris = _id(store, "workstream", "code = 'RIS'")
    actions.create_action(store, title="Chase the crime clinics", due_date="2022-03-01", workstream_id=ris)
    rows = {
        r["Code"]: r for r in table(calamine_rows(_export(store, tmp_path, "b.xlsx"), "Workstreams"), "Code")
    }
    assert (rows["RIS"]["RAG now"], rows["RIS"]["Suggested RAG"]) == ("Green", "Amber")
    assert rows["RIS"]["Rule"] == "suggests Amber: 1 overdue action"


def test_the_board_page_lists_each_kind_up_to_its_limit_then_says_how_many_more(store, tmp_path):
    from t2025tui.core.export.governance_sheets import LISTED_EACH

    for n in range(LISTED_EACH + 5):
        actions.create_action(store, title=f"Overdue action {n}", due_date=f"2022-02-{n + 1:02d}")
    path = _export(store, tmp_path)
    rows = table(calamine_rows(path, "Actions and issues due"), "Log")
    listed = [r for r in rows if r["Log"] == "Action"]
    assert [r["Item"] for r in listed[:LISTED_EACH]] == [f"Overdue action {n}" for n in range(LISTED_EACH)]
    assert listed[LISTED_EACH]["Item"] == "and 5 more: every one is on the sheet Action log"
    assert sum(1 for r in rows if r["Log"] == "Issue") == 5  # the other kinds still follow
    assert len(table(calamine_rows(path, "Action log"), "Ref")) == LISTED_EACH + 5
