"""History: the change log paged from SQLite, filtered by record type, dates and the last board."""

from textual.widgets import Static

from t2025tui.core.services import milestones, risks
from t2025tui.tui.modals.date_range_form import DateRangeForm
from t2025tui.tui.screens.history import HistoryScreen
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.registers_harness import RegisterHarness, settle, type_into


def slip_one(store, reason="supplier delay"):
    target = store.query_one("SELECT * FROM milestone WHERE forecast_date IS NOT NULL ORDER BY id LIMIT 1")
    milestones.shift_forecast(store, target["id"], 7, reason, expected_version=target["version"])
    return target


async def test_newest_change_first_with_reason(store):
    target = slip_one(store)
    app = RegisterHarness(store, HistoryScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        newest = table.rows[:2]
        assert {(r["entity"], r["entity_id"]) for r in newest} == {("milestone", target["id"])}
        assert {r["field"] for r in newest} == {"forecast_date", "last_change_reason"}
        detail = str(app.screen.query_one("#history-detail", Static).render())
        assert "Reason: supplier delay" in detail


async def test_since_last_board_hides_the_seed(store):
    slip_one(store)
    app = RegisterHarness(store, HistoryScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        everything = table.total
        await pilot.press("b")
        await settle(pilot)
        # The seed is dated on the board's day (15 March 2022); only the slip is after it.
        assert table.total == 2 and {r["field"] for r in table.rows} == {
            "forecast_date",
            "last_change_reason",
        }
        assert "Since last board (2022-03-15)" in str(
            app.screen.query_one("#history-filters", Static).render()
        )
        await pilot.press("b")
        await settle(pilot)
        assert table.total == everything


async def test_record_type_and_date_range_filters(store):
    slip_one(store)
    risk = store.query_one("SELECT * FROM risk ORDER BY ref LIMIT 1")
    risks.close_risk(store, risk["id"], "done", expected_version=risk["version"])
    app = RegisterHarness(store, HistoryScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        for _ in range(6):  # all -> programme -> ... -> risk
            await pilot.press("e")
        await settle(pilot)
        assert {r["entity"] for r in table.rows} == {"risk"}
        assert table.rows[0]["field"] == "status"
        await pilot.press("c", "d")
        await pilot.pause()
        assert isinstance(app.screen, DateRangeForm)
        await type_into(pilot, "#field-since", "01/03/2022")
        await type_into(pilot, "#field-until", "2022-03-15")
        await pilot.press("enter")
        await settle(pilot)
        assert table.total > 0 and all(r["at"][:10] == "2022-03-15" for r in table.rows)


async def test_markup_in_data_is_shown_literally(store):
    target = store.query_one("SELECT * FROM risk ORDER BY ref LIMIT 1")
    risks.update_risk(
        store, target["id"], expected_version=target["version"], title="[bold]Red[/] \x1b[31mrisk"
    )
    app = RegisterHarness(store, HistoryScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        cells = [str(cell) for cell in table.grid.get_row_at(0)]
        assert "[bold]Red[/] [31mrisk" in cells[7]
        assert not any("\x1b" in cell for cell in cells)


async def test_large_change_log_shows_only_a_page(store):
    with store.write() as conn:
        batch = conn.execute(
            "INSERT INTO change_batch (at, action, summary) VALUES"
            " ('2022-04-01T09:00:00+00:00', 'import', 'bulk updates')"
        ).lastrowid
        conn.executemany(
            "INSERT INTO change_log (batch_id, at, entity, entity_id, entity_label, action, field, old, new)"
            " VALUES (?, '2022-04-01T09:00:00+00:00', 'milestone', ?, ?, 'update', 'forecast_date',"
            " '\"2022-04-01\"', '\"2022-04-08\"')",
            ((batch, 1 + i % 7, f"generated {i}") for i in range(200_000)),
        )
    seeded = store.scalar("SELECT COUNT(*) FROM change_log") - 200_000
    app = RegisterHarness(store, HistoryScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.total == 200_000 + seeded
        assert table.grid.row_count <= table.page_size
        await pilot.press("G")
        await settle(pilot)
        assert table.current_row["batch_action"] == "seed" and table.grid.row_count <= table.page_size
        await pilot.press("b")  # since the board: only the bulk updates
        await settle(pilot)
        assert table.total == 200_000


async def test_a_milestone_is_named_with_its_ref_also_after_a_rename_or_removal(store):
    target = slip_one(store)
    fresh = store.query_one("SELECT * FROM milestone WHERE id = ?", (target["id"],))
    milestones.update_milestone(
        store, target["id"], title="Renamed in the app", expected_version=fresh["version"]
    )
    other = store.query_one("SELECT * FROM milestone WHERE ref = 'IOM-M01'")
    milestones.remove_milestone(store, other["id"], "Folded into BAU", expected_version=other["version"])
    app = RegisterHarness(store, HistoryScreen)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        column = [str(c.label) for c in table.grid.columns.values()].index("Record")
        shown = [str(table.grid.get_cell_at((row, column))) for row in range(6)]
        removed, renamed, slipped = shown[0], shown[1], shown[2:4]
        assert removed.startswith("IOM-M01 Specialist Operations")
        assert renamed == f"{target['ref']} Renamed in the app"
        # The slip, logged under the old title, still carries the milestone's (unchanged) ref.
        assert all(cell.startswith(f"{target['ref']} {target['title'][:10]}") for cell in slipped)
        detail = str(app.screen.query_one("#history-detail", Static).render())
        assert "IOM-M01" in detail
