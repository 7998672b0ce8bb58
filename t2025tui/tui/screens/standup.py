"""Stand-up mode: one workstream at a time, a few keys each.

r/a/g set the RAG (a reason is asked only when it worsens), ] and [ move the selected
milestone's forecast a week later or earlier (a slip asks why, once), d marks it done today,
n adds a note, space or enter moves on. Five workstreams with one RAG change and one slip
take about ten keystrokes plus the two typed reasons.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Label, Static

from t2025tui.core.queries import workstream as queries
from t2025tui.core.text import display_text
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.screens.workstream_actions import MilestoneActions, WorkstreamActions
from t2025tui.tui.widgets.flags import (
    dependency_cell,
    dependency_line,
    flag_lines,
    overdue_line,
    suggested_line,
)
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.literal import literal, literal_block
from t2025tui.tui.widgets.rag import rag_palette, rag_with_reason
from t2025tui.tui.widgets.reason_bar import ReasonBar
from t2025tui.tui.widgets.status import milestone_status_text, shorten

# A stand-up talks about what is due next; the full list is the milestones register (3).
OPEN_MILESTONES_SHOWN = 30
SHORT_BELOW = 24  # rows
TITLE_WIDTH = 46
# Baseline, forecast, slip, status and dependency, with every cell's padding: what the title leaves.
OTHER_COLUMNS = 10 + 10 + 6 + 9 + 10 + 2 * 6 + 2


class StandupScreen(WorkstreamActions, MilestoneActions, AppScreen):
    PALETTE_GROUP = "stand-up"
    BLOCKS_SCREEN_KEYS = True  # number keys and s wait until the stand-up ends (escape)
    # On a short terminal the milestones keep their room; commentary and notes give way.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]
    BINDINGS = [
        Binding("r", "set_rag('Red')", "Red", id="standup.red", tooltip="RAG Red (asks why if worse)"),
        Binding(
            "a", "set_rag('Amber')", "Amber", id="standup.amber", tooltip="RAG Amber (asks why if worse)"
        ),
        Binding("g", "set_rag('Green')", "Green", id="standup.green", tooltip="RAG Green"),
        Binding(
            "right_square_bracket",
            "slip(7)",
            "Slip +1w",
            id="standup.slip",
            key_display="]",
            tooltip="Selected milestone's forecast a week later (asks why)",
        ),
        Binding(
            "left_square_bracket",
            "slip(-7)",
            "Earlier -1w",
            id="standup.earlier",
            key_display="[",
            tooltip="Selected milestone's forecast a week earlier",
            show=False,
        ),
        Binding("d", "done", "Done", id="standup.done", tooltip="Mark the selected milestone done today"),
        Binding("n", "note", "Note", id="standup.note", tooltip="Add a note to this workstream"),
        # Not on the key line (undo keeps its place there); the line of keys above says it.
        Binding(
            "A",
            "new_action",
            "Action",
            id="standup.action",
            show=False,
            tooltip="Add an action for this workstream (shift+a)",
        ),
        Binding(
            "space,enter", "next", "Next", id="standup.next", key_display="space", tooltip="Next workstream"
        ),
        Binding(
            "backspace", "previous", "Back", id="standup.previous", show=False, tooltip="Previous workstream"
        ),
        Binding("down,j", "cursor(1)", "Next milestone", id="standup.down", show=False),
        Binding("up,k", "cursor(-1)", "Previous milestone", id="standup.up", show=False),
        Binding("escape", "finish", "End stand-up", id="standup.end"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[int] = []
        self.index = 0
        self.data: dict | None = None
        self.visited: set[int] = set()
        self._milestones_shown: list[tuple] | None = None
        self._selected_id: int | None = None
        self._selected_row = 0

    def compose(self):
        with Vertical(id="standup"):
            yield Static(id="standup-progress", markup=False)
            yield Static(
                "r/a/g RAG · ] slip a week · [ earlier · d done today · n note · A action · "
                "space next · backspace back · esc end",
                id="standup-keys",
                markup=False,
            )
            yield Static(id="standup-title", markup=False)
            yield Static(id="standup-rag", markup=False, classes="rag-line")
            yield Static(id="standup-flags", markup=False)
            yield Static(id="standup-commentary", markup=False)
            yield Label("Open milestones (↑↓ select)", id="standup-milestones-title", classes="section-title")
            table = DataTable(id="standup-milestones", cursor_type="row", zebra_stripes=True)
            table.can_focus = False  # space and enter belong to stand-up, not the table
            yield table
            yield Label("Latest notes", id="standup-notes-title", classes="section-title")
            yield Static(id="standup-notes", markup=False)
        yield KeyBar()
        yield ReasonBar(id="reason-bar")

    def on_mount(self) -> None:
        self.query_one("#standup-milestones", DataTable).add_columns(
            "Milestone", "Baseline", "Forecast", "Slip", "Status", "Dependency"
        )
        self.ids = queries.workstream_ids(self.store)
        if self.ids:
            self.app.current_workstream_id = self.ids[0]  # a stand-up goes through them all, in order

    def read(self) -> dict | None:
        """The current workstream as stand-up shows it (pure reads: a save's thread calls this)."""
        if not self.ids:
            return None
        return queries.detail(
            self.store,
            self.ids[self.index],
            open_milestones_only=True,
            milestone_limit=OPEN_MILESTONES_SHOWN,
        )

    def show(self, detail: dict | None) -> None:
        if not self.ids:
            self.query_one("#standup-title", Static).update("No workstreams to stand up.")
            return
        workstream_id = self.ids[self.index]
        if detail is not None and detail["workstream"]["id"] != workstream_id:
            return self.reload(now=True)  # moved on while it was being read
        if detail is None:  # deleted in another window
            self.ids = queries.workstream_ids(self.store)
            self.index = min(self.index, max(len(self.ids) - 1, 0))
            return self.reload(now=True) if self.ids else None
        same_workstream = self.data is not None and self.data["workstream"]["id"] == workstream_id
        selected = self.selected_milestone() if same_workstream else None
        self._selected_id = selected["id"] if selected else None
        self._selected_row = self.query_one("#standup-milestones", DataTable).cursor_row
        self.data = detail
        self.visited.add(workstream_id)
        self._draw(keep_cursor=same_workstream)
        # The answered question makes way a frame after the change it led to is drawn.
        self.call_after_refresh(self.query_one(ReasonBar).tidy)

    def _draw(self, keep_cursor: bool) -> None:
        assert self.data is not None  # drawn only after show() has data
        data = self.data
        row = data["workstream"]
        self._set(
            "#standup-progress",
            Text(f"Stand-up · workstream {self.index + 1} of {len(self.ids)}", style="bold"),
        )
        title = literal(row["name"], "bold")
        title.append(f" · lead {display_text(row['lead']) or '-'}")
        self._set("#standup-title", title)
        self._set(
            "#standup-rag",
            rag_with_reason("RAG", row["rag"], row["rag_reason"], rag_palette(self.app)),
            one_line=True,
        )
        # What the records say beside the RAG of record: the suggestion and its rule, this
        # workstream's overdue actions, and dependencies at risk on either side.
        self._set(
            "#standup-flags",
            flag_lines(
                suggested_line(data["suggested"], rag_palette(self.app)),
                overdue_line(data["overdue_actions"]),
                dependency_line(data["dependencies"], row["id"]),
            ),
        )
        self._set(
            "#standup-commentary",
            literal_block(row["commentary"]) if row["commentary"] else Text("(no commentary)", style="dim"),
        )
        shown, total = len(data["milestones"]), data["milestone_count"]
        self._set(
            "#standup-milestones-title",
            Text(
                "Open milestones (↑↓ select)"
                if shown == total
                else f"Open milestones, the nearest {shown} of {total:,} (↑↓ select)"
            ),
        )
        self._draw_milestones(keep_cursor)
        notes = Text()
        for note in data["notes"][:3]:
            notes.append(note["created_at"][:10] + " ", style="dim")
            notes.append(display_text(note["text"]) + "\n")
        self._set("#standup-notes", notes or Text("(none: press n)", style="dim"))

    def _set(self, selector: str, text: Text, one_line: bool = False) -> None:
        """Update a line only when its text changed: an update costs a layout pass of the
        screen (none for a line whose height is fixed at one), and after an edit most lines
        are as they were."""
        line = self.query_one(selector, Static)
        if line.content != text:
            line.update(text, layout=not one_line)

    def _milestone_cells(
        self,
        title: str,
        baseline: str | None,
        forecast: str | None,
        slippage: int | None,
        status: str,
        waits_on: str | None = None,
    ) -> tuple[Text, ...]:
        width = max(10, min(TITLE_WIDTH, (self.size.width or self.app.size.width) - OTHER_COLUMNS))
        return (
            literal(shorten(title, width)),
            Text(baseline or "-"),
            Text(forecast or "-"),
            Text("" if slippage is None else f"{slippage:+d}d"),
            milestone_status_text(status),
            dependency_cell(waits_on),
        )

    def _draw_milestones(self, keep_cursor: bool) -> None:
        table = self.query_one("#standup-milestones", DataTable)
        before = self._milestones_shown
        assert self.data is not None
        milestones = self.data["milestones"]
        if keep_cursor and before and {row[0] for row in before} == {m["id"] for m in milestones}:
            # While a workstream is being discussed its rows keep their places (they are put in
            # forecast order again when it is next shown): a slipped milestone stays under the
            # cursor, and the frame repaints its cells only.
            place = {row[0]: index for index, row in enumerate(before)}
            milestones.sort(key=lambda m: place[m["id"]])
        shown = [
            (
                m["id"],
                m["title"],
                m["baseline_date"],
                m["forecast_date"],
                m["slippage_days"],
                m["status"],
                m["waits_on"],
            )
            for m in milestones
        ]
        self._milestones_shown = shown
        in_place = keep_cursor and before is not None and len(before) == len(shown) and bool(shown)
        if in_place and before is not None:
            # Same number of rows (a slip, a RAG change): rewrite only the cells that differ,
            # so the frame repaints a few cells, not the whole table.
            # A column is as wide as its widest cell when the rows were added; a cell that grows
            # past it (a slip to three digits, a first forecast for "-", "late" to "on track")
            # widens it, or its end would be cut off.
            columns = table.ordered_columns
            for row_index, (old, new) in enumerate(zip(before, shown, strict=False)):
                if old == new:
                    continue
                cells = self._milestone_cells(*new[1:])
                for column_index, (old_value, new_value) in enumerate(zip(old[1:], new[1:], strict=False)):
                    if old_value != new_value:
                        cell = cells[column_index]
                        table.update_cell_at(
                            Coordinate(row_index, column_index),
                            cell,
                            update_width=cell.cell_len > columns[column_index].content_width,
                        )
        else:
            table.clear()
            for milestone_id, *fields in shown:
                table.add_row(*self._milestone_cells(*fields), key=str(milestone_id))
            if not shown:
                table.add_row(Text("no open milestones", style="dim"), "", "", "", "", "")
        if shown:
            ids = [row[0] for row in shown]
            keep_id = self._selected_id if keep_cursor else None
            # The selection follows the milestone, which may have moved in the forecast order.
            row = (
                ids.index(keep_id)
                if keep_id in ids
                else min(self._selected_row, len(ids) - 1)
                if keep_cursor
                else 0
            )
            if not in_place or row != table.cursor_row:
                table.move_cursor(row=row)

    # Reasons are asked in place ---------------------------------------------------
    def ask_reason(self, question: str, answer, *, value: str = "", error: str | None = None) -> None:
        self.query_one(ReasonBar).ask(question, answer, value=value, error=error)

    @property
    def asking_reason(self) -> bool:
        return self.query_one(ReasonBar).is_open

    # Selection -----------------------------------------------------------------
    def selected_workstream(self) -> dict | None:
        return self.data["workstream"] if self.data else None

    def selected_milestone(self) -> dict | None:
        if not self.data or not self.data["milestones"]:
            return None
        row = self.query_one("#standup-milestones", DataTable).cursor_row
        return self.data["milestones"][row] if 0 <= row < len(self.data["milestones"]) else None

    def action_cursor(self, delta: int) -> None:
        table = self.query_one("#standup-milestones", DataTable)
        table.action_cursor_down() if delta > 0 else table.action_cursor_up()

    def action_new_action(self) -> None:
        """An action for the workstream on screen, in a three-field form (A, type, enter)."""
        from t2025tui.core.queries.status import status_date
        from t2025tui.core.services.actions import create_action
        from t2025tui.tui.modals.action_form import QuickActionForm

        row = self.selected_workstream()
        if row is None:
            return
        store, today = self.store, status_date(self.store)

        def save(fields: dict) -> str:
            new_id = create_action(store, workstream_id=row["id"], **fields)
            return f"Action A{new_id} added for {display_text(row['code'])}"

        self.edit(lambda: QuickActionForm(row["name"], today=today), save)

    # Moving on -------------------------------------------------------------------
    def action_next(self) -> None:
        if self.index + 1 >= len(self.ids):
            self.action_finish()
            return
        self.index += 1
        self.app.current_workstream_id = self.ids[self.index]
        self.reload(now=True)

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.app.current_workstream_id = self.ids[self.index]
            self.reload(now=True)

    def action_finish(self) -> None:
        self.app.notify(f"Stand-up finished: {len(self.visited)} of {len(self.ids)} workstreams reviewed.")
        self.app.pop_screen()
        self.app.refresh_screens()  # the screen under the stand-up shows what changed in it
