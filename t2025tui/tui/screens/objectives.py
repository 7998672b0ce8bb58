"""The strategic objectives the workstreams serve: listed, added, edited and removed.

Opened from the dashboard (o) over it, as the stand-up is; escape goes back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from t2025tui.core.queries import plan
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.remove_form import Removal, RemoveForm
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.literal import literal
from t2025tui.tui.widgets.status import shorten


class ObjectivesScreen(AppScreen):
    PALETTE_GROUP = "objectives"
    BLOCKS_SCREEN_KEYS = True  # over the dashboard: escape first, as from the stand-up
    AUTO_FOCUS = "#objectives-table"
    DEFAULT_CSS = """
    ObjectivesScreen .screen-title { background: $primary; color: $text; text-style: bold; padding: 0 1; }
    ObjectivesScreen #objectives-help { color: $text-muted; padding: 0 1; }
    ObjectivesScreen #objectives-table { height: 1fr; }
    """
    BINDINGS = [
        Binding(
            "n,a", "add", "New", id="objectives.add", key_display="n", tooltip="Add a strategic objective"
        ),
        Binding(
            "e,enter", "edit", "Edit", id="objectives.edit", key_display="e", tooltip="Edit the objective"
        ),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="objectives.remove",
            key_display="del",
            tooltip="Remove the objective (asks a reason and where its workstreams go)",
        ),
        Binding("escape", "close", "Back", id="objectives.close", tooltip="Back to the dashboard"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static("Strategic objectives", classes="screen-title", markup=False)
        yield Static(
            "Each workstream (delivery priority) serves one; pick it in the workstream's form (e on the dashboard).",
            id="objectives-help",
            markup=False,
        )
        yield DataTable(id="objectives-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("No.", "Objective", "Workstreams", "Notes")

    def read(self) -> list[dict]:
        return plan.objectives(self.store)

    def show(self, data: list[dict]) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self.rows = data
        table.clear()
        width = max(self.size.width - 50, 20)  # number, count and notes keep theirs
        for row in data:
            table.add_row(
                Text(str(row["position"])),
                literal(shorten(row["title"], width)),
                Text(str(row["workstreams"])),
                literal(shorten(row["notes"], 20)),
                key=str(row["id"]),
            )
        if not data:
            table.add_row(
                Text(""), Text("No objectives yet: press n to add one.", style="dim"), Text(""), Text("")
            )
        elif keep > 0:
            table.move_cursor(row=min(keep, len(data) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def selected(self) -> dict | None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.rows):
            return self.rows[row]
        self.notify("No objective selected: press n to add one.", severity="warning")
        return None

    def action_add(self) -> None:
        from t2025tui.core.services.objectives import create_objective
        from t2025tui.tui.modals.objective_form import ObjectiveForm

        store = self.store

        def save(values: dict) -> str:
            create_objective(store, **values)
            return f"Objective added: {values['title']}"

        self.edit(ObjectiveForm, save)

    def action_edit(self) -> None:
        from t2025tui.core.services.objectives import update_objective
        from t2025tui.tui.modals.objective_form import ObjectiveForm

        row, store = self.selected(), self.store
        if row is None:
            return

        def save(values: dict) -> str | None:
            if values.get("position") is None:
                values.pop("position")
            diff = update_objective(
                store, row["id"], expected_version=row["version"], **changed_fields(row, values)
            )
            return "Objective saved" if diff else None

        self.edit(lambda: ObjectiveForm(row), save)

    def action_remove(self) -> None:
        from t2025tui.core.services.objectives import remove_objective

        row, store = self.selected(), self.store
        if row is None:
            return
        depending = plan.dependants(store, "objective", row["id"])
        others = tuple((label, value) for label, value in plan.objective_choices(store) if value != row["id"])
        label = f"{row['position']} ({display_text(shorten(row['title'], 40))})"

        def save(removal: Removal) -> str:
            remove_objective(
                store, row["id"], removal.reason, expected_version=row["version"], move_to=removal.move_to
            )
            return f"Objective {label} removed (ctrl+z undoes it)"

        self.edit(lambda: RemoveForm("objective", label, depending=depending, move_choices=others), save)

    def action_close(self) -> None:
        self.app.pop_screen()
        self.app.refresh_screens()  # the dashboard shows what changed here
