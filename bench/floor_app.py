"""The floor: the least a Textual app can do, a header and a static 20-row table.

`bench/run.py` starts it in a pseudo-terminal exactly as it starts `t2025` and waits for
FLOOR_MARKER (the last row) to appear, so the ratio app/floor is what the product adds to
what Textual itself costs. For edit latency, `u` changes a cell and `n` changes a cell and
shows a notification, `m` asks for a reason in a modal whose enter does the same, and `M`
asks and changes the cell without a notification (as a slip does), all with no database: the
time from key to painted frame is what Textual itself needs to show a change.
"""

from textual.app import App, ComposeResult
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header

FLOOR_MARKER = "Floor row 20"


class ReasonModal(ModalScreen[str]):
    DEFAULT_CSS = (
        "ReasonModal { align: center middle; } ReasonModal > Label, ReasonModal > Input { width: 60; }"
    )

    def compose(self) -> ComposeResult:
        # Imported here so the cold-start floor imports no more than a table app needs.
        from textual.widgets import Input, Label

        yield Label("Floor reason?")
        yield Input(placeholder="Reason")

    def on_input_submitted(self, event) -> None:
        self.dismiss(event.value)


class FloorApp(App):
    TITLE = "Floor"
    BINDINGS = [
        ("ctrl+q", "quit", "Quit"),
        ("u", "update", "Update"),
        ("n", "update(True)", "Update+notify"),
        ("m", "ask", "Ask"),
        ("M", "ask(False)", "Ask, no notice"),
    ]
    updates = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Workstream")
        table.add_column("RAG", width=18)  # wide enough for "Floor update N"
        table.add_columns("Lead", "Late", "At risk")
        for i in range(1, 21):
            table.add_row(f"Floor row {i}", "Amber", "ACC", str(i), str(20 - i), key=str(i))
        self.columns = list(table.columns)

    def action_update(self, notify: bool = False) -> None:
        self.updates += 1
        self.query_one(DataTable).update_cell("1", self.columns[1], f"Floor update {self.updates}")
        if notify:
            self.notify(f"Floor notice {self.updates}")

    def action_ask(self, notify: bool = True) -> None:
        self.push_screen(ReasonModal(), lambda reason: self.action_update(notify))


if __name__ == "__main__":
    FloorApp().run()
