"""PagedTable: only a page of rows is ever in the DataTable; keys move through the whole list."""

import sqlite3

from textual.app import App, ComposeResult
from textual.widgets import Static

from t2025tui.tui.widgets.paged_table import PagedColumn, PagedTable
from tests.tui.registers_harness import settle

ROWS = 100_000


def numbers_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO item (id, name) VALUES (?, ?)", ((i, f"item {i}") for i in range(ROWS)))
    conn.execute("INSERT INTO item (id, name) VALUES (?, ?)", (ROWS, "[bold]markup[/] \x1b[2J"))
    return conn


class TableApp(App):
    def __init__(self):
        super().__init__()
        self.conn = numbers_db()
        self.fetches: list[tuple[int, int, str]] = []

    def fetch(self, offset, limit, text):
        self.fetches.append((offset, limit, text))
        return [
            {"id": r[0], "name": r[1]}
            for r in self.conn.execute(
                "SELECT id, name FROM item WHERE name LIKE ? ORDER BY id LIMIT ? OFFSET ?",
                (f"%{text}%", limit, offset),
            )
        ]

    def count(self, text):
        return self.conn.execute("SELECT COUNT(*) FROM item WHERE name LIKE ?", (f"%{text}%",)).fetchone()[0]

    def compose(self) -> ComposeResult:
        yield PagedTable(
            [PagedColumn("id", "Id", 8), PagedColumn("name", "Name", 30)],
            self.fetch,
            self.count,
            page_size=50,
        )

    def on_mount(self) -> None:
        self.query_one(PagedTable).focus()


def status_line(table: PagedTable) -> str:
    return str(table.query_one(".paged-table--status", Static).render())


async def test_only_one_page_is_loaded_and_status_counts_all():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        assert table.grid.row_count == 50
        assert table.total == ROWS + 1
        assert status_line(table).startswith("rows 1-50 of 100,001")


async def test_moving_past_the_page_loads_the_next_window():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        for _ in range(3):
            await pilot.press("pagedown")
        await settle(pilot)
        await pilot.press(*["j"] * 20)
        await settle(pilot)
        assert table.current_row["id"] == table.position
        assert table.position > 50 and table.page_offset > 0
        assert table.grid.row_count == 50
        await pilot.press("k")
        await settle(pilot)
        assert table.current_row["id"] == table.position


async def test_g_and_G_jump_to_the_ends():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        await pilot.press("G")
        await settle(pilot)
        assert table.current_row["id"] == ROWS
        assert status_line(table).startswith("rows 99,952-100,001 of 100,001")
        await pilot.press("g")
        await settle(pilot)
        assert table.current_row["id"] == 0 and table.page_offset == 0


async def test_filter_counts_and_escape_clears():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        await pilot.press("slash", *"9999", "enter")
        await settle(pilot)
        assert table.total == 19  # 9999, 19999 ... 89999 and 99990-99999
        assert all("9999" in row["name"] for row in table.rows)
        assert "filter: 9999" in status_line(table)
        await pilot.press("escape")
        await settle(pilot)
        assert table.total == ROWS + 1 and table.filter_text == ""


async def test_no_match_shows_the_empty_message():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        await pilot.press("slash", *"zzz", "enter")
        await settle(pilot)
        assert table.total == 0 and table.current_row is None
        assert status_line(table).startswith("No rows")


async def test_cells_are_literal_without_control_characters():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        await pilot.press("G")
        await settle(pilot)
        cell = table.grid.get_row_at(table.grid.cursor_row)[1]
        assert cell.plain == "[bold]markup[/] [2J"
        assert cell.spans == []


async def test_filter_waits_for_a_pause_in_typing():
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        app.fetches.clear()
        await pilot.press("slash", *"12345")
        await pilot.pause(0.5)
        await settle(pilot)
        assert table.filter_text == "12345" and table.total == 1
        # One query for the whole word, not one per keystroke.
        assert [text for _, _, text in app.fetches] == ["12345"]


async def test_a_failing_query_is_reported_not_crashed():
    from t2025tui.core.errors import StoreBusyError

    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)

        def busy(text):
            raise StoreBusyError("the database is busy; try again in a moment")

        table.count = busy
        table.reload()
        await settle(pilot)
        assert any("database is busy" in str(n.message) for n in app._notifications)
        assert not table.loading_rows and table.grid.row_count == 50  # the last page stays on screen
