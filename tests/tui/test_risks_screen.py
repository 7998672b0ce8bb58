"""The risk register: heat maps, overdue flags, create / edit / close through the keys."""

from textual.widgets import Select, Static

from t2025tui.core.services import risks
from t2025tui.tui.modals.risk_form import CloseRiskForm, RiskForm
from t2025tui.tui.screens.risks import RisksScreen
from t2025tui.tui.widgets.heat_map import HeatMap
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into


def rendered(widget) -> str:
    return str(widget.render())


async def test_create_risk_with_scores_appears_on_heat_map(store):
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RiskForm)
        await type_into(pilot, "#field-ref", "T2025-R99")
        await type_into(pilot, "#field-title", "Supplier [bold]insolvency[/]")
        await type_into(pilot, "#field-inherent_likelihood", "4")
        await type_into(pilot, "#field-inherent_impact", "5")
        await type_into(pilot, "#field-residual_likelihood", "9")
        await pilot.pause()
        # The out-of-range score is refused beside its field while typing.
        assert "between 1 and 5" in rendered(app.screen.query_one("#error-residual_likelihood", Static))
        await type_into(pilot, "#field-residual_likelihood", "3")
        await type_into(pilot, "#field-residual_impact", "5")
        await type_into(pilot, "#field-review_date", "30/04/2022")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen)
        residual = app.screen.query_one("#risks-residual", HeatMap)
        assert residual.grid[5 - 1][3 - 1] == 1
        await pilot.press("slash", *"R99", "enter")
        await settle(pilot)
        row = app.screen.query_one(PagedTable).current_row
        assert row["title"] == "Supplier [bold]insolvency[/]" and row["residual_band"] == "Red"
    stored = store.query_one("SELECT * FROM risk WHERE ref = 'T2025-R99'")
    assert (stored["inherent_likelihood"], stored["inherent_impact"], stored["review_date"]) == (
        4,
        5,
        "2022-04-30",
    )
    assert (
        store.scalar(
            "SELECT COUNT(*) FROM change_log WHERE entity = 'risk' AND entity_id = ? AND action = 'create'",
            (stored["id"],),
        )
        == 1
    )


async def test_edit_risk_sends_only_changed_fields(store):
    target = store.query_one("SELECT * FROM risk ORDER BY ref LIMIT 1")
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *target["ref"], "enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, "#field-owner", "Chief Superintendent")
        app.screen.query_one("#field-response", Select).value = "Tolerate"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen)
    stored = store.query_one("SELECT * FROM risk WHERE id = ?", (target["id"],))
    assert stored["owner"] == "Chief Superintendent" and stored["response"] == "Tolerate"
    assert stored["actions"] == target["actions"]
    fields = {
        r["field"]
        for r in store.query(
            "SELECT field FROM change_log WHERE entity = 'risk' AND entity_id = ? AND action = 'update'",
            (target["id"],),
        )
    }
    assert fields == {"owner", "response"}


async def test_duplicate_ref_reopens_form_with_message_by_ref(store):
    refs = [r["ref"] for r in store.query("SELECT ref FROM risk ORDER BY ref LIMIT 2")]
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "#field-ref", refs[0])
        await type_into(pilot, "#field-title", "Another risk")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RiskForm)
        assert "already exists" in rendered(app.screen.query_one("#error-ref", Static))
        # What was typed is still there.
        assert app.screen.query_one("#field-title").value == "Another risk"
    assert store.scalar("SELECT COUNT(*) FROM risk WHERE title = 'Another risk'") == 0


async def test_close_risk_needs_reason_and_leaves_open_view(store):
    target = store.query_one("SELECT * FROM risk ORDER BY ref LIMIT 1")
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        open_before = app.screen.query_one(PagedTable).total
        await pilot.press("slash", *target["ref"], "enter")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CloseRiskForm)
        await pilot.press("enter")
        await pilot.pause()
        assert "is required" in rendered(app.screen.query_one("#error-reason", Static))
        await type_into(pilot, "#field-reason", "mitigated by new contract")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.total == 0
        await pilot.press("escape")  # clear the filter
        await settle(pilot)
        assert table.total == open_before - 1
    assert store.scalar("SELECT status FROM risk WHERE id = ?", (target["id"],)) == "Closed"
    assert log_rows(store, "risk", target["id"], "status")[-1]["reason"] == "mitigated by new contract"


async def test_review_overdue_flag_and_counts(store):
    target = store.query_one("SELECT * FROM risk ORDER BY ref LIMIT 1")
    risks.update_risk(
        store,
        target["id"],
        expected_version=target["version"],
        review_date="2022-01-31",
        residual_likelihood=5,
        residual_impact=5,
    )
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        first = table.rows[0]
        assert first["ref"] == target["ref"] and first["review_overdue"] == 1
        assert "overdue" in str(table.grid.get_row_at(0)[7])
        assert "Review overdue: 1" in rendered(app.screen.query_one("#risks-summary", Static))


async def test_large_register_shows_only_a_page(store):
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO risk (ref, title, inherent_likelihood, inherent_impact) VALUES (?, ?, 3, 4)",
            [(f"GEN-{i:05d}", f"Generated risk {i}") for i in range(10_000)],
        )
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.total == 10_007 and table.grid.row_count <= table.page_size
        assert app.screen.query_one("#risks-inherent", HeatMap).grid[4 - 1][3 - 1] == 10_000
