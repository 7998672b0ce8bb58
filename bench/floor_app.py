"""The cold-start floor: the least a Textual app can do, a header and a static 20-row table.

`bench/run.py` starts it in a pseudo-terminal exactly as it starts `t2025` and waits for
FLOOR_MARKER (the last row) to appear, so the ratio app/floor is what the product adds to
what Textual itself costs.
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

FLOOR_MARKER = "Floor row 20"


class FloorApp(App):
    TITLE = "Floor"
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Workstream", "RAG", "Lead", "Late", "At risk")
        for i in range(1, 21):
            table.add_row(f"Floor row {i}", "Amber", "ACC", str(i), str(20 - i))


if __name__ == "__main__":
    FloorApp().run()
