"""Helpers for the plan form tests: fill a form field by keys, pick a choice, read the log."""

from textual.widgets import Input, Select

from tests.tui.conftest import settle, type_text


async def fill(pilot, name: str, text: str) -> None:
    """Replace what field `name` holds with `text`, typed as keys."""
    widget = pilot.app.screen.query_one(f"#field-{name}")
    widget.focus()
    await pilot.pause()
    if isinstance(widget, Input):
        await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, text)


async def pick(pilot, name: str, value) -> None:
    """Choose `value` in drop-down `name` (as a user would by opening it and choosing)."""
    select = pilot.app.screen.query_one(f"#field-{name}", Select)
    select.value = value
    await pilot.pause()


async def save(pilot) -> None:
    await pilot.press("enter")
    await settle(pilot)


def batches(store, like: str) -> list[dict]:
    return store.query("SELECT * FROM change_batch WHERE summary LIKE ? ORDER BY id", (like,))


def logged(store, entity: str, entity_id: int, action: str) -> list[dict]:
    return store.query(
        "SELECT l.*, b.reason AS batch_reason FROM change_log l JOIN change_batch b ON b.id = l.batch_id"
        " WHERE l.entity = ? AND l.entity_id = ? AND l.action = ? ORDER BY l.id",
        (entity, entity_id, action),
    )
