"""Finance: the report's table with derived totals, amount edits in GBP 000s, new lines."""

import pytest
from textual.widgets import DataTable, Static

from t2025tui.tui.modals.finance_form import FinanceAmountForm, parse_gbp000
from t2025tui.tui.screens.finance import FinanceScreen
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into


def cell_text(table: DataTable, row: int, column: int) -> str:
    return str(table.get_cell_at((row, column)))


async def test_table_matches_report_totals(store):
    app = RegisterHarness(store, FinanceScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#finance-table", DataTable)
        rows = table.row_count
        assert cell_text(table, 0, 2) == "(145,045)"  # funding shown as a credit in brackets
        assert cell_text(table, rows - 2, 6) == "164,882"  # total planned expenditure 2025/26
        assert cell_text(table, rows - 1, 5) == "1,545"  # surplus/(deficit) 2024/25
        assert "largest 3,432 in 2025/26" in str(app.screen.query_one("#finance-summary", Static).render())


async def test_edit_amount_through_keys_recomputes_totals(store):
    target = store.query_one(
        "SELECT * FROM finance_line WHERE line = 'Non-Pay Expenditure' AND year = '2024/25'"
    )
    app = RegisterHarness(store, FinanceScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Non-Pay Expenditure is the fourth line; 2024/25 the fourth year (two text columns first).
        await pilot.press("j", "j", "j", "l", "l", "l", "l", "l", "e")
        await pilot.pause()
        assert isinstance(app.screen, FinanceAmountForm)
        await type_into(pilot, "#field-amount", "28,258")
        await type_into(pilot, "#field-reason", "non-pay savings agreed")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#finance-table", DataTable)
        assert cell_text(table, table.row_count - 1, 5) == "0"
    assert store.scalar("SELECT amount FROM finance_line WHERE id = ?", (target["id"],)) == 28258
    entry = log_rows(store, "finance_line", target["id"], "amount")[-1]
    assert (entry["old"], entry["new"], entry["reason"]) == (29803, 28258, "non-pay savings agreed")


async def test_bad_amount_is_refused_by_the_field(store):
    app = RegisterHarness(store, FinanceScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "l", "enter")
        await pilot.pause()
        await type_into(pilot, "#field-amount", "12.5k")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FinanceAmountForm)
        assert "not a whole number" in str(app.screen.query_one("#error-amount", Static).render())


async def test_totals_row_cannot_be_edited(store):
    app = RegisterHarness(store, FinanceScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G", "l", "l", "e")
        await pilot.pause()
        assert isinstance(app.screen, FinanceScreen)
        assert any("Totals are worked out" in str(n.message) for n in app._notifications)


async def test_add_line_for_every_year_in_one_change(store):
    batches = store.scalar("SELECT COUNT(*) FROM change_batch")
    app = RegisterHarness(store, FinanceScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "#field-line", "Home Office grant")
        form = app.screen
        form.query_one("#field-kind").value = "funding"
        for index, amount in enumerate(["(100)", "(200)", "(300)", "(400)", "(500)"]):
            await type_into(pilot, f"#field-year_{index}", amount)
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#finance-table", DataTable)
        assert cell_text(table, table.row_count - 1, 6) == "2,932"
    amounts = store.query(
        "SELECT year, amount FROM finance_line WHERE line = 'Home Office grant' ORDER BY year"
    )
    assert [a["amount"] for a in amounts] == [-100, -200, -300, -400, -500]
    assert store.scalar("SELECT COUNT(*) FROM change_batch") == batches + 1


@pytest.mark.parametrize("text, amount", [("1,234", 1234), ("(1,234)", -1234), ("-50", -50), ("0", 0)])
def test_parse_gbp000_reads_the_report_style(text, amount):
    assert parse_gbp000(text) == amount
