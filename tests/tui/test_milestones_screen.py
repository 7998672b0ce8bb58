"""The milestones register: filters, paging at scale, and every date edit through the keys."""

from datetime import date

from textual.widgets import Static

from t2025tui.core.services import milestones
from t2025tui.tui.modals.milestone_form import MilestoneForm
from t2025tui.tui.screens.milestones import MilestonesScreen
from t2025tui.tui.widgets.paged_table import PagedTable
from tests.tui.registers_harness import RegisterHarness, log_rows, settle, type_into


def milestone_by_title(store, fragment):
    return store.query_one("SELECT * FROM milestone WHERE title LIKE ?", (f"%{fragment}%",))


async def open_on(pilot, store, fragment):
    """Filter the table down to one milestone so the cursor is on it."""
    await settle(pilot)
    await pilot.press("slash", *fragment, "enter")
    await settle(pilot)
    table = pilot.app.screen.query_one(PagedTable)
    assert table.total == 1, f"expected one milestone matching {fragment!r}"
    return table.current_row


async def test_slip_forecast_needs_reason_then_saves_and_logs(store):
    target = milestone_by_title(store, "Longer term engagement")
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(pilot, store, "Longer term engagement")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneForm)
        await type_into(pilot, "#field-date", "+2w")
        await pilot.press("enter")
        await pilot.pause()
        # A slip without a reason is refused beside the reason field and nothing is saved.
        assert isinstance(app.screen, MilestoneForm)
        assert "reason is required" in str(app.screen.query_one("#error-reason", Static).render())
        await type_into(pilot, "#field-reason", "supplier delay")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MilestonesScreen)
    row = store.query_one("SELECT * FROM milestone WHERE id = ?", (target["id"],))
    assert row["forecast_date"] == "2022-04-15"
    assert row["last_change_reason"] == "supplier delay"
    log = log_rows(store, "milestone", target["id"], "forecast_date")
    assert log[-1]["old"] == "2022-04-01" and log[-1]["new"] == "2022-04-15"
    assert log[-1]["reason"] == "supplier delay"


async def test_mark_done_with_uk_date(store):
    target = milestone_by_title(store, "Longer term engagement")
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(pilot, store, "Longer term engagement")
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "#field-date", "04/04/2022")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.current_row["status"] == "complete"
    assert store.scalar("SELECT actual_date FROM milestone WHERE id = ?", (target["id"],)) == "2022-04-04"
    assert log_rows(store, "milestone", target["id"], "actual_date")[-1]["new"] == "2022-04-04"


async def test_rebaseline_keeps_history_with_reason(store):
    target = milestone_by_title(store, "Longer term engagement")
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(pilot, store, "Longer term engagement")
        await pilot.press("b")
        await pilot.pause()
        await type_into(pilot, "#field-date", "2022-06-30")
        await type_into(pilot, "#field-reason", "board agreed new plan")
        await pilot.press("enter")
        await settle(pilot)
    assert store.scalar("SELECT baseline_date FROM milestone WHERE id = ?", (target["id"],)) == "2022-06-30"
    history = milestones.baseline_history(store, target["id"])
    assert history[-1]["baseline_date"] == "2022-04-01" and history[-1]["reason"] == "board agreed new plan"
    assert (
        log_rows(store, "milestone", target["id"], "baseline_date")[-1]["reason"] == "board agreed new plan"
    )


async def test_descope_requires_reason_and_keeps_the_milestone(store):
    target = milestone_by_title(store, "Longer term engagement")
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(pilot, store, "Longer term engagement")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "is required" in str(app.screen.query_one("#error-reason", Static).render())
        await type_into(pilot, "#field-reason", "moved to BAU")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(PagedTable).current_row["status"] == "de-scoped"
    assert store.scalar("SELECT descoped FROM milestone WHERE id = ?", (target["id"],)) == 1
    assert log_rows(store, "milestone", target["id"], "descoped")[-1]["reason"] == "moved to BAU"


async def test_escape_cancels_without_saving(store):
    target = milestone_by_title(store, "Longer term engagement")
    batches = store.scalar("SELECT COUNT(*) FROM change_batch")
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(pilot, store, "Longer term engagement")
        await pilot.press("f")
        await pilot.pause()
        await type_into(pilot, "#field-date", "+30")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MilestonesScreen)
    assert (
        store.scalar("SELECT forecast_date FROM milestone WHERE id = ?", (target["id"],))
        == target["forecast_date"]
    )
    assert store.scalar("SELECT COUNT(*) FROM change_batch") == batches


async def test_stale_edit_is_refused_and_reloaded(store, seeded_db_path):
    from t2025tui.core.store import open_store

    target = milestone_by_title(store, "Longer term engagement")
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(pilot, store, "Longer term engagement")
        other = open_store(seeded_db_path)
        milestones.set_forecast(other, target["id"], "2022-03-25", expected_version=target["version"])
        other.close()
        await pilot.press("f")
        await pilot.pause()
        await type_into(pilot, "#field-date", "2022-03-20")
        await pilot.press("enter")
        await settle(pilot)
        assert any("changed elsewhere" in n.message.lower() for n in app._notifications)
        # The form stays open with the typed date and the fresh one (tests/who/test_kept_draft.py);
        # escape gives it up, and the register shows the other window's date.
        assert "now: 2022-03-25" in str(app.screen.query_one("#hint-date").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(PagedTable).current_row["forecast_date"] == "2022-03-25"
    assert store.scalar("SELECT forecast_date FROM milestone WHERE id = ?", (target["id"],)) == "2022-03-25"


async def test_status_filter_and_slippage_sort(store):
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        everything = table.total
        await pilot.press("v")  # late only
        await settle(pilot)
        assert 0 < table.total < everything
        assert {row["status"] for row in table.rows} == {"late"}
        await pilot.press("v", "v", "v", "v", "v", "o")  # back to all, sort by slippage
        await settle(pilot)
        slips = [row["slippage_days"] for row in table.rows if row["slippage_days"] is not None]
        assert table.total == everything and slips == sorted(slips, reverse=True)


async def test_large_register_shows_only_a_page(store):
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO milestone (workstream_id, title, baseline_date, forecast_date) VALUES (?, ?, ?, ?)",
            [(1 + i % 5, f"Generated milestone {i}", "2022-06-01", "2022-06-10") for i in range(20_000)],
        )
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        assert table.total == 20_007
        assert table.grid.row_count <= table.page_size
        await pilot.press("G")
        await settle(pilot)
        assert table.position == 20_006 and table.grid.row_count <= table.page_size
        assert "of 20,007" in str(table.query_one(".paged-table--status", Static).render())


async def test_relative_forecast_counts_from_current_forecast(store):
    row = milestone_by_title(store, "Longer term engagement")
    form = MilestoneForm(row, "forecast")
    assert form.form_fields["date"].convert("+7") == date(2022, 4, 8)


async def test_cursor_follows_the_edited_milestone_when_it_re_sorts(store):
    app = RegisterHarness(store, MilestonesScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PagedTable)
        first = table.current_row
        await pilot.press("f")
        await pilot.pause()
        await type_into(pilot, "#field-date", "+1w")
        await type_into(pilot, "#field-reason", "late supplier")
        await pilot.press("enter")
        await settle(pilot)
        # Sorted by forecast, the slipped milestone moves down; the cursor goes with it.
        assert table.position > 0
        assert table.current_row["id"] == first["id"]
        assert table.current_row["forecast_date"] > first["forecast_date"]
