"""Helpers for the governance log tests: the app opened on one log, cells as shown, change log."""

from __future__ import annotations

from textual.widgets import Select, Static

from t2025tui.tui.widgets.paged_table import PagedTable, PageGrid
from tests.tui.registers_harness import RegisterHarness, settle, type_into

__all__ = ["RegisterHarness", "settle", "type_into", "cell", "rows_shown", "error_text", "choose", "changes"]


def grid(app) -> PageGrid:
    return app.screen.query_one(PageGrid)


def cell(app, row: int, column: int) -> str:
    return str(grid(app).get_cell_at((row, column))).strip()


def rows_shown(app) -> list[list[str]]:
    table = grid(app)
    return [[str(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]


def current(app) -> dict | None:
    return app.screen.query_one(PagedTable).current_row


def error_text(app, field: str) -> str:
    return str(app.screen.query_one(f"#error-{field}", Static).render())


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def choose(app, field: str, value) -> None:
    """Pick a drop-down's value as a user would with the arrows and enter."""
    app.screen.query_one(f"#field-{field}", Select).value = value


def changes(store, entity: str, entity_id: int) -> list[dict]:
    return store.query(
        "SELECT l.action, l.field, l.old, l.new, l.reason, b.summary FROM change_log l"
        " JOIN change_batch b ON b.id = l.batch_id WHERE l.entity = ? AND l.entity_id = ? ORDER BY l.id",
        (entity, entity_id),
    )


async def filter_to(pilot, text: str) -> None:
    await pilot.press("slash", *["space" if ch == " " else ch for ch in text], "enter")
    await settle(pilot)
