"""The suggested RAG beside each workstream's manual one, and the rule that gave it in words: one
test per rule, on a programme built for it (status date 2022-03-15)."""

from datetime import date

import pytest

from t2025tui.commands.init import create_programme
from t2025tui.core.queries.suggested_rag import suggested_rags
from t2025tui.core.services import actions, dependencies, milestones, risks, workstreams
from t2025tui.core.services.programme import update_programme


@pytest.fixture
def empty(tmp_path):
    store = create_programme(tmp_path / "rules.db", empty_name="Op Rules")
    update_programme(store, expected_version=None, status_date=date(2022, 3, 15))
    workstreams.create_workstream(store, code="DP", name="Digital Policing", rag="Green", position=1)
    yield store
    store.close()


def _ws(store) -> int:
    return store.scalar("SELECT id FROM workstream WHERE code = 'DP'")


def _rule(store) -> str:
    (only,) = suggested_rags(store)
    return only.rule


def _milestone(store, title, baseline, forecast) -> int:
    return milestones.create_milestone(
        store, workstream_id=_ws(store), title=title, baseline_date=baseline, forecast_date=forecast
    )


def test_nothing_wrong_suggests_green(empty):
    _milestone(empty, "On time", "2022-06-01", "2022-06-01")
    (only,) = suggested_rags(empty)
    assert (only.manual, only.suggested) == ("Green", "Green")
    assert only.rule.startswith("suggests Green: no milestone late or at risk")


def test_a_milestone_late_beyond_tolerance_suggests_red(empty):
    _milestone(empty, "Slipped", "2022-06-01", "2022-07-01")  # 30 days past a 14-day tolerance
    assert _rule(empty) == "suggests Red: 1 milestone late beyond tolerance"
    _milestone(empty, "Past today", "2022-03-01", "2022-03-10")
    assert _rule(empty) == "suggests Red: 2 milestones late beyond tolerance"


def test_a_milestone_at_risk_suggests_amber(empty):
    _milestone(empty, "A week out", "2022-06-01", "2022-06-08")  # within tolerance
    assert _rule(empty) == "suggests Amber: 1 milestone at risk"


def test_an_open_red_risk_suggests_amber_and_a_closed_one_does_not(empty):
    risk = risks.create_risk(
        empty, ref="R1", title="Supplier", workstream_id=_ws(empty), residual_likelihood=5, residual_impact=5
    )
    assert _rule(empty) == "suggests Amber: 1 red risk"
    risks.close_risk(empty, risk, "Supplier replaced", expected_version=None)
    assert _rule(empty).startswith("suggests Green")


def test_an_overdue_action_suggests_amber_until_done(empty):
    action = actions.create_action(
        empty, title="Chase supplier", workstream_id=_ws(empty), due_date=date(2022, 3, 1)
    )
    actions.create_action(empty, title="Not due yet", workstream_id=_ws(empty), due_date=date(2022, 4, 1))
    assert _rule(empty) == "suggests Amber: 1 overdue action"
    actions.set_action_status(empty, action, "Done", "", expected_version=None)
    assert _rule(empty).startswith("suggests Green")


def test_a_dependency_at_risk_suggests_amber(empty):
    other = workstreams.create_workstream(empty, code="IT", name="IT", position=2)
    needed = milestones.create_milestone(
        empty, workstream_id=other, title="Server", baseline_date="2022-06-01", forecast_date="2022-06-01"
    )
    waits = _milestone(empty, "Go live", "2022-05-20", "2022-05-20")
    dependencies.add_dependency(empty, waits, needed)
    dp = next(s for s in suggested_rags(empty) if s.code == "DP")
    assert dp.rule == "suggests Amber: 1 dependency at risk"


def test_several_amber_causes_are_all_named(empty):
    _milestone(empty, "A week out", "2022-06-01", "2022-06-08")
    actions.create_action(empty, title="Chase", workstream_id=_ws(empty), due_date=date(2022, 3, 1))
    assert _rule(empty) == "suggests Amber: 1 milestone at risk, 1 overdue action"
