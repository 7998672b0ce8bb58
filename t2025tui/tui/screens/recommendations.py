"""HMICFRS recommendations by status, with counts (e.g. 11/30 signed off) and the status flow."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from t2025tui.core.queries import lists, status
from t2025tui.core.services import recommendations
from t2025tui.core.services.recommendations import ENDINGS, FLOW
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import workstream_choices
from t2025tui.tui.modals.recommendation_form import RecommendationForm, RecommendationStatusForm, StatusChange
from t2025tui.tui.screens.register_cells import status_text
from t2025tui.tui.screens.register_screen import RegisterScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedColumn, PagedTable

STATUSES = (None, *FLOW, *ENDINGS)
KIND_LABELS = {
    "cause of concern": "Cause of concern",
    "recommendation": "Recommendations",
    "area for improvement": "Areas for improvement",
}


class RecommendationsScreen(RegisterScreen):
    CSS_PATH = "recommendations.tcss"
    TABLE_ID = "recommendations-table"
    ROW_NOUN = "recommendation"
    ROW_KIND = "recommendation"

    BINDINGS = [
        Binding(
            "t",
            "change_status",
            "Status",
            id="recommendations.status",
            tooltip="Move the selected recommendation to its next status",
        ),
        Binding("n", "new_recommendation", "New", id="recommendations.new", tooltip="Add a recommendation"),
        Binding(
            "e",
            "edit_recommendation",
            "Edit",
            id="recommendations.edit",
            tooltip="Edit the selected recommendation's details",
        ),
        Binding(
            "v",
            "next_status_filter",
            "Show status",
            id="recommendations.filter_status",
            tooltip="Show only one status (cycles through them, then all)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_index = 0
        self.counts: dict[str, dict] = {}

    @property
    def status_filter(self) -> str | None:
        return STATUSES[self.status_index]

    def compose(self) -> ComposeResult:
        yield Static("HMICFRS recommendations", classes="screen-title", markup=False)
        yield Static("", id="recommendations-counts", markup=False)
        yield Static("", id="recommendations-filter", markup=False)
        yield PagedTable(
            self._columns(),
            self._fetch,
            self._count,
            id="recommendations-table",
            empty_message="No recommendations with this status",
            filter_placeholder="Filter by ref, text or owner",
        )
        yield Static("", id="recommendations-detail", markup=False)
        yield KeyBar()

    def _columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 12),
            PagedColumn("kind", "Type", 16, flex=True),
            PagedColumn("status", "Status", 21, lambda r: status_text(self.app, r["status"])),
            PagedColumn("owner", "Owner", 12, flex=True),
            PagedColumn("target_date", "Target", 10),
            PagedColumn("text", "Text", 34, lambda r: r["text"] or r["notes"], flex=True),
        ]

    def _fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return lists.recommendations(
            self.store, status=self.status_filter, search=search or None, limit=limit, offset=offset
        )

    def _count(self, search: str) -> int:
        return lists.count_recommendations(self.store, status=self.status_filter, search=search or None)

    def on_mount(self) -> None:
        self.table.focus()

    def read(self) -> dict[str, dict]:
        return {kind: status.recommendation_counts(self.store, kind) for kind in KIND_LABELS}

    def show_header(self, data: dict[str, dict]) -> None:
        self.counts = data
        self._show_counts()

    def _show_counts(self) -> None:
        lines = []
        for kind, label in KIND_LABELS.items():
            counts = self.counts[kind]
            if not counts["total"]:
                continue
            signed = counts.get("Signed off", 0)
            rest = "   ".join(f"{s} {counts[s]}" for s in STATUSES[1:] if s != "Signed off" and counts.get(s))
            lines.append(f"{label}: {signed}/{counts['total']} signed off   {rest}".rstrip())
        self.query_one("#recommendations-counts", Static).update("\n".join(lines) or "No recommendations yet")
        self.query_one("#recommendations-filter", Static).update(
            f"Showing: {self.status_filter or 'all'} (v)"
        )

    @on(PagedTable.Highlighted, "#recommendations-table")
    def _show_detail(self, event: PagedTable.Highlighted) -> None:
        row = event.row
        text = ""
        if row is not None:
            nxt = ", ".join(recommendations.allowed_next(row["status"]))
            text = f"Next: {nxt}   {display_text(row['text'] or row['notes'])}"
        self.query_one("#recommendations-detail", Static).update(text)

    @on(PagedTable.Chosen, "#recommendations-table")
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self.action_change_status()

    def show_everything(self) -> None:
        self.status_index = 0
        if self.counts:
            self._show_counts()

    def position_of(self, record_id: int) -> int | None:
        return lists.recommendation_position(self.store, record_id, status=self.status_filter)

    def action_next_status_filter(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUSES)
        self._show_counts()
        self.table.reload(reset=True)

    def action_change_status(self) -> None:
        row = self.selected_row()
        if row is None:
            return

        def save(change: StatusChange) -> str:
            recommendations.set_recommendation_status(
                self.store,
                row["id"],
                change.status,
                change.reason,
                expected_version=row["version"],
                evidence=change.evidence,
            )
            return f"{display_text(row['ref'])} is now {change.status}"

        self.edit(lambda: RecommendationStatusForm(row), save)

    def action_new_recommendation(self) -> None:
        choices = workstream_choices(self.store)

        def save(fields: dict) -> str:
            recommendations.create_recommendation(self.store, **fields)
            return f"{display_text(fields['ref'])} added"

        self.edit(lambda: RecommendationForm(None, choices), save)

    def action_edit_recommendation(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        choices = workstream_choices(self.store)

        def save(fields: dict) -> str | None:
            if not fields:
                return None
            recommendations.update_recommendation(
                self.store, row["id"], expected_version=row["version"], **fields
            )
            return f"{display_text(row['ref'])} saved"

        self.edit(lambda: RecommendationForm(row, choices), save)
