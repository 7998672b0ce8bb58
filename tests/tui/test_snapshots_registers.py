"""Snapshots of the register screens on the embedded T2025 programme, and a form showing an error.

Plain `def` tests (snap_compare runs its own event loop), fixed 120x40 terminal, no cursor blink.
Update with `pytest tests/tui/test_snapshots_registers.py --snapshot-update` after checking the SVGs.
"""

from t2025tui.tui.screens.finance import FinanceScreen
from t2025tui.tui.screens.health import HealthScreen
from t2025tui.tui.screens.history import HistoryScreen
from t2025tui.tui.screens.milestones import MilestonesScreen
from t2025tui.tui.screens.recommendations import RecommendationsScreen
from t2025tui.tui.screens.risks import RisksScreen
from tests.tui.registers_harness import RegisterHarness, settle, stop_blinking, type_into

SIZE = (120, 40)


def test_milestones_snapshot(snap_compare, store):
    assert snap_compare(
        RegisterHarness(store, MilestonesScreen), terminal_size=SIZE, run_before=stop_blinking
    )


def test_risks_snapshot(snap_compare, store):
    assert snap_compare(RegisterHarness(store, RisksScreen), terminal_size=SIZE, run_before=stop_blinking)


def test_recommendations_snapshot(snap_compare, store):
    assert snap_compare(
        RegisterHarness(store, RecommendationsScreen), terminal_size=SIZE, run_before=stop_blinking
    )


def test_finance_snapshot(snap_compare, store):
    assert snap_compare(RegisterHarness(store, FinanceScreen), terminal_size=SIZE, run_before=stop_blinking)


def test_health_snapshot(snap_compare, store):
    assert snap_compare(RegisterHarness(store, HealthScreen), terminal_size=SIZE, run_before=stop_blinking)


def test_history_snapshot(snap_compare, store):
    assert snap_compare(RegisterHarness(store, HistoryScreen), terminal_size=SIZE, run_before=stop_blinking)


def test_milestone_form_with_validation_error_snapshot(snap_compare, store):
    async def slip_without_reason(pilot):
        await settle(pilot)
        await pilot.press("slash", *"Longer term", "enter")
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        await type_into(pilot, "#field-date", "+2w")
        await pilot.press("enter")
        await stop_blinking(pilot)

    assert snap_compare(
        RegisterHarness(store, MilestonesScreen), terminal_size=SIZE, run_before=slip_without_reason
    )
