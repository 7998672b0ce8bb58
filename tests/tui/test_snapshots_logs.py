"""Snapshots of the governance logs' looks: the action log's overdue flag at 80x24, and the
decision log grouped by board meeting. Plain `def` tests (snap_compare runs its own loop).
Update with `pytest tests/tui/test_snapshots_logs.py --snapshot-update` after checking the SVGs."""

from t2025tui.core.services import actions
from t2025tui.tui.screens.actions_log import ActionsLogScreen
from t2025tui.tui.screens.decisions_log import DecisionsLogScreen
from tests.tui.registers_harness import RegisterHarness, stop_blinking


def test_action_log_flags_overdue_at_80x24(snap_compare, store):
    actions.create_action(store, title="Confirm the resourcing approach", owner="DCC", due_date="2022-03-01")
    actions.create_action(
        store, title="Book the May board", owner="PMO", due_date="2022-04-30", workstream_id=1
    )
    assert snap_compare(
        RegisterHarness(store, ActionsLogScreen), terminal_size=(80, 24), run_before=stop_blinking
    )


def test_decision_log_grouped_by_meeting(snap_compare, store):
    decision = store.query_one("SELECT id FROM decision WHERE position = 3")
    actions.create_action(store, title="Draft the resourcing paper", decision_id=decision["id"])
    assert snap_compare(
        RegisterHarness(store, DecisionsLogScreen), terminal_size=(120, 40), run_before=stop_blinking
    )
