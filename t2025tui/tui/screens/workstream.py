"""One workstream in full: RAG and reason, the suggested RAG with its rule, overdue actions and
dependencies at risk, commentary, projects, milestones, RAG history, notes."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from t2025tui.core.queries import workstream as queries
from t2025tui.core.text import display_text
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.screens.plan_actions import MilestonePlanActions, ProjectPlanActions
from t2025tui.tui.screens.workstream_actions import MilestoneActions, WorkstreamActions
from t2025tui.tui.widgets.column_fit import fit_widths
from t2025tui.tui.widgets.flags import (
    dependency_cell,
    dependency_line,
    flag_lines,
    overdue_line,
    suggested_line,
)
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.literal import literal, literal_block
from t2025tui.tui.widgets.rag import rag_palette, rag_text, rag_with_reason
from t2025tui.tui.widgets.status import milestone_status_text, shorten

# (label, width at 120 columns, gives way on a narrow screen). The status and dependency flag
# come before the baseline, actual and reason, so at 80 columns the title shortens and those
# scroll off.
MILESTONE_COLUMNS = (
    ("Ref", 8, False),
    ("Milestone", 40, True),
    ("Forecast", 10, False),
    ("Slip", 5, False),
    ("Status", 9, False),
    ("Dependency", 10, False),
    ("Baseline", 10, False),
    ("Actual", 10, False),
    ("Reason", 30, True),
)
TITLE_MINIMUM = 20


def milestone_widths(available: int) -> list[int]:
    """The reason gives way first, then the title, down to TITLE_MINIMUM; the rest scrolls."""
    widths = [width for _, width, _ in MILESTONE_COLUMNS]
    reason_only = [label == "Reason" for label, _, _ in MILESTONE_COLUMNS]
    title_only = [label == "Milestone" for label, _, _ in MILESTONE_COLUMNS]
    widths = fit_widths(widths, reason_only, available)
    return fit_widths(widths, title_only, available, minimum=TITLE_MINIMUM)


class WorkstreamScreen(
    WorkstreamActions, MilestoneActions, MilestonePlanActions, ProjectPlanActions, AppScreen
):
    PALETTE_GROUP = "workstream"
    BINDINGS = [
        Binding("r", "set_rag", "RAG", id="workstream.rag", tooltip="Set this workstream's RAG"),
        Binding("c", "commentary", "Commentary", id="workstream.commentary"),
        Binding("n", "note", "Note", id="workstream.note", tooltip="Add a note"),
        Binding(
            "f",
            "milestone_form('forecast')",
            "Forecast",
            id="workstream.forecast",
            tooltip="Set the selected milestone's forecast date",
        ),
        # n is the note: a adds. a, e, m and delete act on the table with the focus (tab moves
        # between milestones and projects).
        Binding(
            "a",
            "plan('add')",
            "Add",
            id="workstream.add",
            show=False,
            tooltip="Add a milestone (a project when the projects table has the focus)",
        ),
        Binding(
            "e",
            "plan('edit')",
            "Edit",
            id="workstream.edit",
            show=False,
            tooltip="Edit the selected milestone (rename, owner, tolerance) or project",
        ),
        Binding(
            "m",
            "plan('move')",
            "Move",
            id="workstream.move",
            show=False,
            tooltip="Move the selected milestone or project to another workstream (or project)",
        ),
        Binding(
            "delete",
            "plan('remove')",
            "Remove",
            id="workstream.remove",
            show=False,
            tooltip="Remove the selected milestone or project, with a reason (ctrl+z undoes it)",
        ),
        Binding(
            "A",
            "add_project",
            "Add project",
            id="workstream.add_project",
            show=False,
            tooltip="Add a project to this workstream",
        ),
        Binding(
            "B",
            "milestone_form('rebaseline')",
            "Re-baseline",
            id="workstream.rebaseline",
            show=False,
            tooltip="New baseline for the selected milestone (reason required)",
        ),
        Binding(
            "x",
            "milestone_form('descope')",
            "De-scope",
            id="workstream.descope",
            show=False,
            tooltip="De-scope or reinstate the selected milestone (reason required)",
        ),
        Binding(
            "d",
            "confirm_done",
            "Done",
            id="workstream.done",
            tooltip="Mark the selected milestone done today",
        ),
        Binding("right_square_bracket", "slip(7)", "Slip +1w", id="workstream.slip", key_display="]"),
        Binding(
            "left_square_bracket",
            "slip(-7)",
            "Earlier -1w",
            id="workstream.earlier",
            key_display="[",
            show=False,
        ),
        Binding(
            "D",
            "add_dependency",
            "Needs...",
            id="workstream.dependency",
            show=False,
            tooltip="The selected milestone needs another (any workstream) done first",
        ),
        Binding("full_stop", "step(1)", "Next workstream", id="workstream.next", key_display=".", show=False),
        Binding(
            "comma", "step(-1)", "Previous workstream", id="workstream.previous", key_display=",", show=False
        ),
        Binding("j", "cursor('down')", "Down", id="workstream.down", show=False),
        Binding("k", "cursor('up')", "Up", id="workstream.up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict | None = None
        self._keep: tuple[int | None, int] = (None, 0)
        self._widths: list[int] = []
        self._select_next: int | None = None

    def compose(self):
        with VerticalScroll(id="workstream-detail"):
            yield Static(id="ws-title", markup=False)
            yield Static(id="ws-rag", markup=False, classes="rag-line")
            yield Static(id="ws-suggested", markup=False)
            yield Static(id="ws-flags", markup=False)
            yield Label("Commentary", classes="section-title")
            yield Static(id="ws-commentary", markup=False)
            yield Label("Milestones", id="ws-milestones-title", classes="section-title")
            yield DataTable(id="ws-milestones", cursor_type="row", zebra_stripes=True)
            yield Label("Projects", classes="section-title")
            yield DataTable(id="ws-projects", cursor_type="row")
            yield Label("RAG history", classes="section-title")
            yield DataTable(id="ws-rag-history", cursor_type="row")
            yield Label("Notes", classes="section-title")
            yield DataTable(id="ws-notes", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        self._add_milestone_columns()
        self.query_one("#ws-projects", DataTable).add_columns("Project", "Group", "Status", "Reason")
        self.query_one("#ws-rag-history", DataTable).add_columns("When", "From", "To", "Reason")
        self.query_one("#ws-notes", DataTable).add_columns("When", "Note")
        self.query_one("#ws-milestones", DataTable).focus()

    def _add_milestone_columns(self) -> bool:
        """(Re)make the milestone columns for the width; True if they changed."""
        widths = milestone_widths((self.size.width or self.app.size.width) - 4)
        if widths == self._widths:
            return False
        self._widths = widths
        table = self.query_one("#ws-milestones", DataTable)
        table.clear(columns=True)
        for (label, _, _), width in zip(MILESTONE_COLUMNS, widths, strict=True):
            table.add_column(label, width=width)
        return True

    def on_resize(self) -> None:
        if self._add_milestone_columns() and self.data is not None:
            self._draw()

    def read(self) -> dict | None:
        ids = queries.workstream_ids(self.store)
        if not ids:
            return None
        current = self.app.current_workstream_id
        shown = current if current in ids else ids[0]
        data = queries.detail(self.store, shown)
        if data is None:
            return None
        data["position"] = (ids.index(shown) + 1, len(ids))
        return data

    def show(self, data: dict | None) -> None:
        if data is None:
            self.query_one("#ws-title", Static).update("No workstreams yet: press 1, then a to add one.")
            self.data = None
            return
        self.app.current_workstream_id = data["workstream"]["id"]
        selected = self.selected_milestone()
        chosen, self._select_next = self._select_next, None
        self._keep = (
            chosen or (selected["id"] if selected else None),
            self.query_one("#ws-milestones", DataTable).cursor_row,
        )
        self.data = data
        self._draw()

    def _draw(self) -> None:
        assert self.data is not None
        keep_id, keep_row = self._keep
        palette = rag_palette(self.app)
        row = self.data["workstream"]
        title = literal(row["code"], "bold")
        title.append(" · ")
        title.append(display_text(row["name"]), style="bold")
        title.append(f" · lead {display_text(row['lead']) or '-'}")
        title.append(
            f"   ({self.data['position'][0]} of {self.data['position'][1]}; , and . to step)", style="dim"
        )
        self.query_one("#ws-title", Static).update(title)
        self.query_one("#ws-rag", Static).update(
            rag_with_reason("RAG", row["rag"], row["rag_reason"], palette)
        )
        self.query_one("#ws-suggested", Static).update(suggested_line(self.data["suggested"], palette))
        self.query_one("#ws-flags", Static).update(
            flag_lines(
                overdue_line(self.data["overdue_actions"]),
                dependency_line(self.data["dependencies"], row["id"]),
            )
        )
        self.query_one("#ws-commentary", Static).update(
            literal_block(row["commentary"]) if row["commentary"] else Text("(none: press c)", style="dim")
        )

        shown, total = len(self.data["milestones"]), self.data["milestone_count"]
        self.query_one("#ws-milestones-title", Label).update(
            "Milestones"
            if shown == total
            else f"Milestones: the first {shown:,} of {total:,}, open and nearest first (3 opens the full register)"
        )
        table = self.query_one("#ws-milestones", DataTable)
        table.clear()
        title_width, reason_width = self._widths[1], self._widths[-1]
        for m in self.data["milestones"]:
            table.add_row(
                literal(m["ref"]),
                literal(shorten(m["title"], title_width)),
                Text(m["forecast_date"] or "-"),
                Text("" if m["slippage_days"] is None else f"{m['slippage_days']:+d}d"),
                milestone_status_text(m["status"]),
                dependency_cell(m["waits_on"]),
                Text(m["baseline_date"] or "-"),
                Text(m["actual_date"] or "-"),
                literal(shorten(m["last_change_reason"], reason_width)),
                key=str(m["id"]),
            )
        if self.data["milestones"]:
            ids = [m["id"] for m in self.data["milestones"]]
            # The selection follows the milestone, which may have moved in the forecast order.
            table.move_cursor(row=ids.index(keep_id) if keep_id in ids else min(keep_row, len(ids) - 1))

        projects = self.query_one("#ws-projects", DataTable)
        keep_project = projects.cursor_row
        projects.clear()
        for p in self.data["projects"]:
            projects.add_row(
                literal(shorten(p["name"], 48)),
                Text(p["grouping"]),
                Text(p["status"]),
                literal(shorten(p["status_reason"], 48)),
            )
        if self.data["projects"]:
            projects.move_cursor(row=min(keep_project, len(self.data["projects"]) - 1))

        history = self.query_one("#ws-rag-history", DataTable)
        history.clear()
        for h in self.data["rag_history"]:
            history.add_row(
                Text(h["at"][:16].replace("T", " ")),
                rag_text(h["old"], palette=palette),
                rag_text(h["new"], palette=palette),
                literal(shorten(h["reason"], 60)),
            )
        if not self.data["rag_history"]:
            history.add_row(Text("-"), Text(""), Text(""), Text("no RAG changes recorded yet", style="dim"))

        notes = self.query_one("#ws-notes", DataTable)
        notes.clear()
        for n in self.data["notes"]:
            notes.add_row(Text(n["created_at"][:16].replace("T", " ")), literal(shorten(n["text"], 90)))

    # Asked to show one record -------------------------------------------------------
    def show_record(self, kind: str, record_id: int) -> bool:
        """A workstream, or the workstream of a project or note with the cursor on that row."""
        workstream_id = queries.owning_workstream(self.store, kind, record_id)
        if workstream_id is None:
            return False
        self.app.current_workstream_id = workstream_id
        self.data = None
        self.reload(now=True)
        if kind == "workstream" or self.data is None:
            return True
        rows = self.data["projects" if kind == "project" else "notes"]
        ids = [row["id"] for row in rows]
        table = self.query_one("#ws-projects" if kind == "project" else "#ws-notes", DataTable)
        table.focus()
        if record_id in ids:
            table.move_cursor(row=ids.index(record_id))
            self.call_after_refresh(table.scroll_visible)
        else:
            self.notify(f"That {kind} is not among the {len(ids)} shown here.", severity="warning")
        return True

    # Selection -----------------------------------------------------------------
    def selected_workstream(self) -> dict | None:
        return self.data["workstream"] if self.data else None

    def action_add_dependency(self) -> None:
        from t2025tui.tui.modals.dependency_form import DependencyForm, add_from_form

        milestone = self.selected_milestone()
        if milestone is None:
            self.notify("No milestone selected", severity="warning")
            return
        self.edit(lambda: DependencyForm(milestone["ref"]), lambda new: add_from_form(self.store, new))

    def selected_milestone(self) -> dict | None:
        if not self.data or not self.data["milestones"]:
            return None
        row = self.query_one("#ws-milestones", DataTable).cursor_row
        return self.data["milestones"][row] if 0 <= row < len(self.data["milestones"]) else None

    def selected_project(self) -> dict | None:
        if not self.data or not self.data["projects"]:
            return None
        row = self.query_one("#ws-projects", DataTable).cursor_row
        return self.data["projects"][row] if 0 <= row < len(self.data["projects"]) else None

    def milestone_added(self, milestone_id: int) -> None:
        self._select_next = milestone_id

    def milestone_workstream_id(self) -> int | None:
        return self.data["workstream"]["id"] if self.data else self.app.current_workstream_id

    project_workstream_id = milestone_workstream_id

    def action_plan(self, verb: str) -> None:
        """a / e / m / delete on the projects table when it has the focus, else on milestones."""
        if self.data is None:
            self.notify("No workstreams yet: add one with a on the dashboard.", severity="warning")
            return
        on_projects = self.focused is self.query_one("#ws-projects", DataTable)
        getattr(self, f"action_{verb}_{'project' if on_projects else 'milestone'}")()

    def action_cursor(self, direction: str) -> None:
        table = (
            self.focused
            if isinstance(self.focused, DataTable)
            else self.query_one("#ws-milestones", DataTable)
        )
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def action_step(self, delta: int) -> None:
        ids = queries.workstream_ids(self.store)
        if not ids:
            return
        index = ids.index(self.app.current_workstream_id) if self.app.current_workstream_id in ids else 0
        self.app.current_workstream_id = ids[(index + delta) % len(ids)]
        self.data = None  # a different workstream: start at its first milestone
        self.query_one("#ws-milestones", DataTable).move_cursor(row=0)
        self.reload(now=True)

    # Milestone edits -------------------------------------------------------------
    def action_confirm_done(self) -> None:
        from t2025tui.tui.modals.confirm import ConfirmModal

        milestone = self._open_milestone()
        if milestone is None:
            return
        self.app.push_screen(
            ConfirmModal(
                f"Mark {display_text(milestone['title'])} done today "
                f"({(self.app.programme_today() or date.today()).isoformat()})?"
            ),
            lambda yes: self.action_done() if yes else None,
        )

    def action_milestone_form(self, mode: str) -> None:
        """The registers' milestone form (forecast, re-baseline, de-scope), saved through its service."""
        from t2025tui.tui.modals.milestone_form import MilestoneForm, apply_milestone_change

        milestone = self.selected_milestone()
        if milestone is None:
            self.notify("No milestone selected.", severity="warning")
            return
        store = self.app.store
        self.app.edit(
            lambda: MilestoneForm(milestone, mode),
            lambda change: apply_milestone_change(store, milestone, change),
        )
