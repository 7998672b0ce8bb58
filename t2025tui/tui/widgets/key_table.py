"""A DataTable for short lists that also moves with j/k/h/l and g/G."""

from textual.binding import Binding
from textual.widgets import DataTable


class KeyTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down", tooltip="Move down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up", tooltip="Move up"),
        Binding("h", "cursor_left", "Left", show=False, id="table.left", tooltip="Move left"),
        Binding("l", "cursor_right", "Right", show=False, id="table.right", tooltip="Move right"),
        Binding("g", "scroll_top", "First row", show=False, id="table.first", tooltip="Go to the first row"),
        Binding("G", "scroll_bottom", "Last row", show=False, id="table.last", tooltip="Go to the last row"),
    ]
