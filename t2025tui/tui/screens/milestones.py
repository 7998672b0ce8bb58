"""All milestones, paged from SQLite: filter by workstream and status, sort by slippage, edit dates."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from t2025tui.core.queries import lists, status
from t2025tui.core.text import display_text
from t2025tui.tui.modals.milestone_form import MilestoneForm, apply_milestone_change
from t2025tui.tui.screens.plan_actions import MilestonePlanActions
from t2025tui.tui.screens.register_cells import number_text, status_text
from t2025tui.tui.screens.register_screen import RegisterScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedColumn, PagedTable

STATUSES = (None, "late", "at risk", "on track", "complete", "de-scoped")
SORTS = ("forecast", "slippage", "workstream")


class MilestonesScreen(MilestonePlanActions, RegisterScreen):
    CSS_PATH = "milestones.tcss"
    TABLE_ID = "milestones-table"
    ROW_NOUN = "milestone"
    ROW_KIND = "milestone"

    BINDINGS = [
        Binding(
            "f",
            "edit('forecast')",
            "Forecast",
            id="milestones.forecast",
            tooltip="Change the forecast date (a reason is required when it slips)",
        ),
        Binding(
            "a",
            "edit('actual')",
            "Done",
            id="milestones.actual",
            tooltip="Record the actual completion date (blank re-opens)",
        ),
        Binding(
            "b",
            "edit('rebaseline')",
            "Re-baseline",
            id="milestones.rebaseline",
            tooltip="Set a new baseline date with a reason; the old one is kept",
        ),
        Binding(
            "x",
            "edit('descope')",
            "De-scope",
            id="milestones.descope",
            tooltip="De-scope or reinstate the milestone, with a reason",
        ),
        Binding(
            "n", "add_milestone", "New", id="milestones.add", tooltip="Add a milestone (its ref is given)"
        ),
        Binding(
            "e",
            "edit_milestone",
            "Edit",
            id="milestones.edit",
            show=False,
            tooltip="Rename the milestone, change its owner, tolerance or notes",
        ),
        Binding(
            "m",
            "move_milestone",
            "Move",
            id="milestones.move",
            show=False,
            tooltip="Move the milestone to another workstream or project (its ref stays)",
        ),
        Binding(
            "delete",
            "remove_milestone",
            "Remove",
            id="milestones.remove",
            show=False,
            tooltip="Remove the milestone, with a reason (ctrl+z undoes it)",
        ),
        Binding(
            "w",
            "next_workstream",
            "Workstream",
            id="milestones.filter_workstream",
            tooltip="Show the next workstream's milestones (cycles back to all)",
        ),
        Binding(
            "v",
            "next_status",
            "Status",
            id="milestones.filter_status",
            tooltip="Show only late / at risk / on track / complete / de-scoped (cycles)",
        ),
        Binding(
            "o",
            "next_sort",
            "Sort",
            id="milestones.sort",
            tooltip="Sort by forecast date, slippage (largest first) or workstream",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.workstreams: list[dict] = []
        self.workstream_index = 0  # 0 = all
        self.status_index = 0
        self.sort_index = 0

    @property
    def workstream_id(self) -> int | None:
        return self.workstreams[self.workstream_index - 1]["id"] if self.workstream_index else None

    @property
    def status_filter(self) -> str | None:
        return STATUSES[self.status_index]

    @property
    def sort(self) -> str:
        return SORTS[self.sort_index]

    def compose(self) -> ComposeResult:
        yield Static("Milestones", classes="screen-title", markup=False)
        yield Static("", id="milestones-filters", markup=False)
        yield Static("", id="milestones-counts", markup=False)
        yield PagedTable(
            self._columns(),
            self._fetch,
            self._count,
            id="milestones-table",
            empty_message="No milestones match these filters",
            filter_placeholder="Filter milestone titles or refs (enter keeps it, escape clears)",
        )
        yield Static("", id="milestones-detail", markup=False)
        yield KeyBar()

    def _columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 8),
            PagedColumn("workstream_name", "Workstream", 20, flex=True),
            PagedColumn("title", "Milestone", 34, flex=True),
            PagedColumn("baseline_date", "Baseline", 10),
            PagedColumn("forecast_date", "Forecast", 10),
            PagedColumn("slippage_days", "Slip d", 6, lambda r: number_text(r["slippage_days"])),
            PagedColumn("status", "Status", 9, lambda r: status_text(self.app, r["status"])),
            # "at risk" when a milestone it needs is forecast after it (the line below names it);
            # short enough that it stays in view at 80 columns.
            PagedColumn(
                "waits_on",
                "Depends",
                7,
                lambda r: status_text(self.app, "at risk") if r.get("waits_on") else Text(""),
            ),
        ]

    def _filters(self) -> dict:
        return {"workstream_id": self.workstream_id, "status": self.status_filter}

    def _fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return lists.milestones(
            self.store, **self._filters(), search=search or None, order=self.sort, limit=limit, offset=offset
        )

    def _count(self, search: str) -> int:
        return lists.count_milestones(self.store, **self._filters(), search=search or None)

    def show_everything(self) -> None:
        self.workstream_index = self.status_index = 0
        self._show_filters()

    def position_of(self, record_id: int) -> int | None:
        return lists.milestone_position(self.store, record_id, **self._filters(), order=self.sort)

    def on_mount(self) -> None:
        self.workstreams = lists.workstream_names(self.store)
        self._show_filters()
        self.table.focus()

    def read(self) -> dict[str, int]:
        return status.milestone_counts(self.store)

    def show_header(self, data: dict[str, int]) -> None:
        self.query_one("#milestones-counts", Static).update(
            "   ".join(f"{name} {n:,}" for name, n in data.items())
        )

    def _show_filters(self) -> None:
        workstream = (
            display_text(self.workstreams[self.workstream_index - 1]["name"])
            if self.workstream_index
            else "all"
        )
        self.query_one("#milestones-filters", Static).update(
            f"Workstream: {workstream} (w)   Status: {self.status_filter or 'all'} (v)   Sort: {self.sort} (o)"
        )

    @on(PagedTable.Highlighted, "#milestones-table")
    def _show_detail(self, event: PagedTable.Highlighted) -> None:
        row = event.row
        if row is None:
            text = ""
        else:
            parts = [
                f"Actual {row['actual_date']}" if row["actual_date"] else "",
                f"Project: {display_text(row['project_name'])}" if row["project_name"] else "",
                f"Owner: {display_text(row['owner'])}" if row["owner"] else "",
                f"Tolerance {row['tolerance_days']} d",
                f"Dependency at risk: needs {display_text(row['waits_on'])}" if row.get("waits_on") else "",
                f"Last reason: {display_text(row['last_change_reason'])}"
                if row["last_change_reason"]
                else "",
            ]
            text = "   ".join(p for p in parts if p)
        self.query_one("#milestones-detail", Static).update(text)

    @on(PagedTable.Chosen, "#milestones-table")
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self.action_edit("forecast")

    def _refilter(self) -> None:
        self._show_filters()
        self.table.reload(reset=True)

    def action_next_workstream(self) -> None:
        self.workstream_index = (self.workstream_index + 1) % (len(self.workstreams) + 1)
        self._refilter()

    def action_next_status(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUSES)
        self._refilter()

    def action_next_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._refilter()

    def selected_milestone(self) -> dict | None:
        return self.table.current_row

    def milestone_added(self, milestone_id: int) -> None:
        self.table.select_after_reload(milestone_id)

    def milestone_workstream_id(self) -> int | None:
        return self.workstream_id or self.app.current_workstream_id

    def action_edit(self, mode: str) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.edit(
            lambda: MilestoneForm(row, mode), lambda change: apply_milestone_change(self.store, row, change)
        )
