"""A table that shows one page of a long list, asking SQLite for the rows it needs.

A DataTable holding every row measures every cell before its first paint (100,000 rows take
over ten seconds), so this widget keeps only a window of `page_size` rows around the cursor.
The cursor has an absolute position in the whole list; when it leaves the loaded window the
window is re-centred on it and fetched again in a worker thread, so the UI never waits on
SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from t2025tui.core.errors import T2025Error
from t2025tui.core.text import display_text
from t2025tui.tui.widgets.column_fit import fit_widths

Fetch = Callable[[int, int, str], list[dict]]
"""fetch(offset, limit, filter_text) -> rows of the page."""
Count = Callable[[str], int]
"""count(filter_text) -> number of rows the filter matches."""
FILTER_DELAY = 0.3  # seconds of no typing before the filter is applied
FILTER_MAX = 200  # characters: longer than any name or title searched for


@dataclass(frozen=True)
class PagedColumn:
    """One column: `render(row)` may return styled Text; plain values are shown literally."""

    key: str
    label: str
    width: int | None = None
    render: Callable[[dict], object] | None = None
    flex: bool = False  # a name or title: narrows first on a narrow terminal

    def cell(self, row: dict) -> Text:
        value = self.render(row) if self.render else row.get(self.key)
        if isinstance(value, Text):
            return value
        return Text(display_text(value), no_wrap=True, overflow="ellipsis")


class FilterInput(Input):
    """The `/` filter box; escape clears it and hands the keys back to the table."""

    BINDINGS = [
        Binding(
            "escape",
            "close",
            "Clear filter",
            id="paged_table.filter.close",
            tooltip="Clear the filter and close it",
        ),
    ]

    def action_close(self) -> None:
        owner = next(a for a in self.ancestors if isinstance(a, PagedTable))
        owner.close_filter(clear=True)


class PageGrid(DataTable):
    """The visible page. Cursor keys move the absolute position kept by the PagedTable."""

    BINDINGS = [
        Binding(
            "down,j",
            "cursor_down",
            "Next row",
            show=False,
            id="paged_table.down",
            tooltip="Move to the next row",
        ),
        Binding(
            "up,k",
            "cursor_up",
            "Previous row",
            show=False,
            id="paged_table.up",
            tooltip="Move to the previous row",
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="paged_table.page_down",
            tooltip="Move down one screenful",
        ),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            show=False,
            id="paged_table.page_up",
            tooltip="Move up one screenful",
        ),
        Binding(
            "g,home", "first", "First row", show=False, id="paged_table.first", tooltip="Go to the first row"
        ),
        Binding("G,end", "last", "Last row", show=False, id="paged_table.last", tooltip="Go to the last row"),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="paged_table.filter",
            tooltip="Show only rows containing some text",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="paged_table.clear_filter",
            tooltip="Show every row again",
        ),
    ]

    @property
    def owner(self) -> PagedTable:
        return next(a for a in self.ancestors if isinstance(a, PagedTable))

    def action_cursor_down(self) -> None:
        self.owner.move_by(1)

    def action_cursor_up(self) -> None:
        self.owner.move_by(-1)

    def _screenful(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_page_down(self) -> None:
        self.owner.move_by(self._screenful())

    def action_page_up(self) -> None:
        self.owner.move_by(-self._screenful())

    def action_first(self) -> None:
        self.owner.move_to(0)

    def action_last(self) -> None:
        self.owner.move_to(self.owner.total - 1)

    def action_filter(self) -> None:
        self.owner.open_filter()

    def action_clear_filter(self) -> None:
        self.owner.set_filter("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a filter, escape belongs to the screen and app.
        if action == "clear_filter":
            return bool(self.owner.filter_text)
        return True

    def _on_mouse_scroll_down(self, event) -> None:
        # At the bottom of the loaded page the wheel keeps going into the next rows.
        if self.scroll_y >= self.max_scroll_y:
            event.prevent_default()
            self.owner.move_by(3)

    def _on_mouse_scroll_up(self, event) -> None:
        if self.scroll_y <= 0 and self.owner.page_offset > 0:
            event.prevent_default()
            self.owner.move_by(-3)


class PagedTable(Vertical):
    """Rows from `fetch`, a page at a time, with "rows X-Y of N" and a `/` filter."""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    PagedTable > PageGrid { height: 1fr; }
    PagedTable > FilterInput { display: none; height: 3; }
    PagedTable.-filtering > FilterInput { display: block; }
    PagedTable > .paged-table--status { height: 1; color: $text-muted; padding: 0 1; }
    """

    class Highlighted(Message):
        """The cursor is on `row` (None when the list is empty)."""

        def __init__(self, table: PagedTable, row: dict | None):
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> PagedTable:
            return self.table

    class Chosen(Message):
        """Enter was pressed on `row`."""

        def __init__(self, table: PagedTable, row: dict):
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> PagedTable:
            return self.table

    class Loaded(Message):
        """A page arrived and is on screen."""

        def __init__(self, table: PagedTable):
            super().__init__()
            self.table = table

        @property
        def control(self) -> PagedTable:
            return self.table

    loading_rows: reactive[bool] = reactive(False)

    def __init__(
        self,
        columns: list[PagedColumn],
        fetch: Fetch,
        count: Count,
        *,
        page_size: int = 100,
        empty_message: str = "No rows",
        filter_placeholder: str = "Filter (enter keeps it, escape clears)",
        key_field: str = "id",
        id: str | None = None,
        classes: str | None = None,
    ):
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.fetch = fetch
        self.count = count
        self.page_size = page_size
        self.key_field = key_field
        self._follow: object | None = None
        self._follow_next: object | None = None  # see select_after_reload
        self._seeking: tuple[object, Callable[[], int | None]] | None = None  # see show_key
        self._filter_timer: Timer | None = None
        self.empty_message = empty_message
        self.filter_placeholder = filter_placeholder
        self.filter_text = ""
        self.page_offset = 0
        self.total = 0
        self.position = 0
        self.rows: list[dict] = []
        self._generation = 0
        self._widths: list[int] = [column.width or len(column.label) for column in columns]

    def compose(self) -> ComposeResult:
        grid = PageGrid(cursor_type="row", zebra_stripes=True)
        self._add_columns(grid)
        yield grid
        yield FilterInput(placeholder=self.filter_placeholder, max_length=FILTER_MAX)
        yield Static("", classes="paged-table--status", markup=False)

    def _add_columns(self, grid: DataTable) -> None:
        for column, width in zip(self.columns, self._widths, strict=True):
            grid.add_column(column.label, width=width, key=column.key)

    def on_resize(self) -> None:
        """Narrow the name columns to fit, so the status columns on the right stay in view."""
        grid = self.grid
        available = grid.scrollable_content_region.width or self.size.width
        widths = fit_widths(
            [column.width or len(column.label) for column in self.columns],
            [column.flex for column in self.columns],
            available,
        )
        if widths == self._widths:
            return
        self._widths = widths
        grid.clear(columns=True)
        self._add_columns(grid)
        self._fill(grid)

    def on_mount(self) -> None:
        self.reload()

    @property
    def grid(self) -> PageGrid:
        return self.query_one(PageGrid)

    @property
    def current_row(self) -> dict | None:
        index = self.position - self.page_offset
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def focus(self, scroll_visible: bool = True) -> PagedTable:
        self.grid.focus(scroll_visible)
        return self

    # Moving ------------------------------------------------------------------
    def move_by(self, delta: int) -> None:
        self.move_to(self.position + delta)

    def move_to(self, position: int) -> None:
        if self.total <= 0:
            return
        self.position = max(0, min(position, self.total - 1))
        if self.page_offset <= self.position < self.page_offset + len(self.rows):
            self._show_cursor()
        else:
            self._follow = self._seeking = None  # the user moved on; do not jump back to the record
            self._load(self._centred_offset(), recount=False)

    def _centred_offset(self) -> int:
        start = self.position - self.page_size // 2
        return max(0, min(start, self.total - self.page_size))

    def _show_cursor(self) -> None:
        grid = self.grid
        index = self.position - self.page_offset
        if 0 <= index < grid.row_count and grid.cursor_row != index:
            grid.move_cursor(row=index, animate=False)
        self._update_status()

    # Loading -----------------------------------------------------------------
    def reload(self, *, reset: bool = False) -> None:
        """Count again and fetch the page around the cursor (or the first page when `reset`).

        The cursor stays on the same record when it is still near (an edit may re-sort it).
        """
        if self._seeking is not None and not reset:  # still on its way to a record: go on there
            self.show_key(*self._seeking)
            return
        current, wanted = self.current_row, self._follow_next
        self._follow_next = None
        if wanted is None:
            wanted = None if reset or current is None else current.get(self.key_field)
        self._follow = wanted
        if reset:
            self.position = 0
        self._load(0, recount=True)  # the worker centres the page once it knows the new count

    def select_after_reload(self, key: object) -> None:
        """The next reload selects the record with this key (one just added), if it is near."""
        self._follow_next = key

    def show_key(self, key: object, locate: Callable[[], int | None]) -> None:
        """Load the page holding the row whose key is `key`, with the cursor on it. `locate()`
        (run in the table's worker) gives the row's place in the list; None leaves the cursor."""
        self._generation += 1
        self.loading_rows = True
        self._follow = key
        self._seeking = (key, locate)
        self._update_status()
        self._locate_page(self._generation, locate, self.filter_text)

    @work(thread=True, exclusive=True, group="paged-table")
    def _locate_page(self, generation: int, locate: Callable[[], int | None], filter_text: str) -> None:
        try:
            total = self.count(filter_text)
            found = locate()
            position = self.position if found is None else found
            offset = max(0, min(max(0, position - self.page_size // 2), total - self.page_size))
            rows = self.fetch(offset, self.page_size, filter_text) if total else []
        except T2025Error as exc:
            self.post_message(self.PageFailed(generation, str(exc)))
            return
        self.post_message(self.PageLoaded(generation, offset, total, rows))

    def _load(self, offset: int, *, recount: bool) -> None:
        self._generation += 1
        self.loading_rows = True
        self._update_status()
        self._fetch_page(self._generation, offset, recount, self.filter_text)

    @work(thread=True, exclusive=True, group="paged-table")
    def _fetch_page(self, generation: int, offset: int, recount: bool, filter_text: str) -> None:
        try:
            total = self.count(filter_text) if recount else self.total
            if recount:
                position = max(0, min(self.position, total - 1))
                offset = max(0, min(max(0, position - self.page_size // 2), total - self.page_size))
            rows = self.fetch(offset, self.page_size, filter_text) if total else []
        except T2025Error as exc:  # e.g. the file is busy or was damaged underneath us
            self.post_message(self.PageFailed(generation, str(exc)))
            return
        self.post_message(self.PageLoaded(generation, offset, total, rows))

    class PageLoaded(Message):
        """A worker's page (dropped when a newer request superseded it: see `generation`)."""

        def __init__(self, generation: int, offset: int, total: int, rows: list[dict]):
            super().__init__()
            self.generation, self.offset, self.total, self.rows = generation, offset, total, rows

    class PageFailed(Message):
        def __init__(self, generation: int, message: str):
            super().__init__()
            self.generation, self.message = generation, message

    def on_paged_table_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        self._apply_page(message.generation, message.offset, message.total, message.rows)

    def on_paged_table_page_failed(self, message: PageFailed) -> None:
        message.stop()
        self._load_failed(message.generation, message.message)

    def _load_failed(self, generation: int, message: str) -> None:
        if generation != self._generation or not self.is_mounted:
            return
        self.loading_rows = False
        self._update_status()
        self.notify(
            f"Could not load the rows: {display_text(message)}", severity="error", markup=False, timeout=8
        )

    def _apply_page(self, generation: int, offset: int, total: int, rows: list[dict]) -> None:
        if generation != self._generation or not self.is_mounted:
            return  # a newer request superseded this page
        self.page_offset, self.total, self.rows = offset, total, rows
        self._seeking = None
        if self._follow is not None:
            found = next((i for i, row in enumerate(rows) if row.get(self.key_field) == self._follow), None)
            if found is not None:
                self.position = offset + found
            self._follow = None
        self.position = max(0, min(self.position, total - 1))
        self._fill(self.grid)
        self.loading_rows = False
        self._update_status()
        self.post_message(self.Highlighted(self, self.current_row))
        self.post_message(self.Loaded(self))

    def _fill(self, grid: DataTable) -> None:
        grid.clear()
        for index, row in enumerate(self.rows):
            grid.add_row(*(column.cell(row) for column in self.columns), key=str(self.page_offset + index))
        if self.rows:
            grid.move_cursor(row=self.position - self.page_offset, animate=False)

    def _update_status(self) -> None:
        if self.total == 0 and not self.loading_rows:
            text = self.empty_message
        else:
            first = self.page_offset + 1 if self.rows else 0
            text = f"rows {first:,}-{self.page_offset + len(self.rows):,} of {self.total:,}"
            if self.rows:
                text += f"  ·  row {self.position + 1:,}"
        if self.filter_text:
            text += f"  ·  filter: {display_text(self.filter_text)}"
        if self.loading_rows:
            text += "  ·  loading…"
        self.query_one(".paged-table--status", Static).update(text)

    # Events from the grid ----------------------------------------------------
    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.loading_rows or not (0 <= event.cursor_row < len(self.rows)):
            return
        position = self.page_offset + event.cursor_row
        if position != self.position:
            self.position = position
            self._update_status()
        self.post_message(self.Highlighted(self, self.current_row))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.current_row
        if row is not None:
            self.post_message(self.Chosen(self, row))

    # Filter --------------------------------------------------------------------
    def open_filter(self) -> None:
        self.add_class("-filtering")
        box = self.query_one(FilterInput)
        box.value = self.filter_text
        box.focus()

    def close_filter(self, *, clear: bool) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        self.remove_class("-filtering")
        if clear and self.filter_text:
            self.set_filter("")
        self.grid.focus()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.reload(reset=True)
        self.grid.refresh_bindings()

    @on(Input.Changed, "FilterInput")
    def _filter_changed(self, event: Input.Changed) -> None:
        # Wait for a pause in typing: a count over a million rows per keystroke would queue up.
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, lambda: self._apply_typed(event.value))

    def _apply_typed(self, text: str) -> None:
        self._filter_timer = None
        if text.strip() != self.filter_text:
            self.set_filter(text)

    @on(Input.Submitted, "FilterInput")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._apply_typed(event.value)
        self.remove_class("-filtering")
        self.grid.focus()
