"""The risk register: heat maps (inherent and residual), paged register, review-overdue flags."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from t2025tui.core.queries import lists, status
from t2025tui.core.services import risks
from t2025tui.core.text import display_text
from t2025tui.tui.modals.changed_fields import workstream_choices
from t2025tui.tui.modals.risk_form import CloseRiskForm, RiskForm
from t2025tui.tui.screens.register_cells import status_text
from t2025tui.tui.screens.register_screen import RegisterScreen
from t2025tui.tui.widgets.heat_map import HeatMap
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.paged_table import PagedColumn, PagedTable

SHOWING = ("Open", "Closed", None)


def _score(row: dict, which: str):
    score = row[f"{which}_score"]
    return f"{score} {row[f'{which}_band']}" if score is not None else "-"


class RisksScreen(RegisterScreen):
    CSS_PATH = "risks.tcss"
    TABLE_ID = "risks-table"
    ROW_NOUN = "risk"
    ROW_KIND = "risk"

    BINDINGS = [
        Binding("n", "new_risk", "New", id="risks.new", tooltip="Add a risk to the register"),
        Binding("e", "edit_risk", "Edit", id="risks.edit", tooltip="Edit the selected risk"),
        Binding(
            "c",
            "close_risk",
            "Close/re-open",
            id="risks.close",
            tooltip="Close the selected risk (or re-open a closed one), with a reason",
        ),
        Binding(
            "i",
            "to_issue",
            "To issue",
            id="risks.to_issue",
            tooltip="The selected risk has happened: make it an issue (the risk is closed, its history kept)",
        ),
        Binding(
            "v",
            "next_view",
            "Open/closed/all",
            id="risks.view",
            tooltip="Show open risks, closed risks or all risks",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.showing_index = 0
        self.header: dict = {}

    @property
    def showing(self) -> str | None:
        return SHOWING[self.showing_index]

    def compose(self) -> ComposeResult:
        yield Static("Risk register", classes="screen-title", markup=False)
        with Horizontal(id="risks-maps"):
            yield HeatMap("Inherent (open risks)", id="risks-inherent")
            yield HeatMap("Residual (open risks)", id="risks-residual")
            yield Static("", id="risks-summary", markup=False)
        yield PagedTable(
            self._columns(),
            self._fetch,
            self._count,
            id="risks-table",
            empty_message="No risks to show",
            filter_placeholder="Filter by ref or title",
        )
        yield Static("", id="risks-detail", markup=False)
        yield KeyBar()

    def _columns(self) -> list[PagedColumn]:
        return [
            PagedColumn("ref", "Ref", 11),
            PagedColumn("title", "Title", 36, flex=True),
            PagedColumn("owner", "Owner", 12, flex=True),
            PagedColumn(
                "inherent_score",
                "Inherent",
                9,
                lambda r: status_text(self.app, _score(r, "inherent"), r["inherent_band"]),
            ),
            PagedColumn(
                "residual_score",
                "Residual",
                9,
                lambda r: status_text(self.app, _score(r, "residual"), r["residual_band"]),
            ),
            PagedColumn("response", "Response", 9),
            PagedColumn("review_date", "Review", 10),
            PagedColumn(
                "review_overdue",
                "Flag",
                7,
                lambda r: status_text(self.app, "overdue") if r["review_overdue"] else "",
            ),
            PagedColumn("status", "Status", 6),
        ]

    def _fetch(self, offset: int, limit: int, search: str) -> list[dict]:
        return lists.risks(self.store, status=self.showing, search=search or None, limit=limit, offset=offset)

    def _count(self, search: str) -> int:
        return lists.count_risks(self.store, status=self.showing, search=search or None)

    def on_mount(self) -> None:
        self.table.focus()

    def read(self) -> dict:
        return {
            "bands": lists.risk_bands(self.store),
            "inherent": lists.heat_map(self.store, "inherent"),
            "residual": lists.heat_map(self.store, "residual"),
            "counts": status.risk_counts(self.store),
        }

    def show_header(self, data: dict) -> None:
        self.header = data
        amber, red = data["bands"]
        self.query_one("#risks-inherent", HeatMap).show(data["inherent"], amber, red)
        self.query_one("#risks-residual", HeatMap).show(data["residual"], amber, red)
        self._show_summary()

    def _show_summary(self) -> None:
        amber, red = self.header["bands"]
        counts = self.header["counts"]
        self.query_one("#risks-summary", Static).update(
            f"Open risks: {counts['open']:,}\n"
            f"Red {counts['Red']:,}  Amber {counts['Amber']:,}  Green {counts['Green']:,}\n"
            f"Not yet scored: {counts['unscored']:,}\n"
            f"Review overdue: {counts['review overdue']:,}\n"
            f"Bands: score ≥{red} Red, ≥{amber} Amber\n"
            f"Showing: {(self.showing or 'all').lower()} risks (v)"
        )

    @on(PagedTable.Highlighted, "#risks-table")
    def _show_detail(self, event: PagedTable.Highlighted) -> None:
        row = event.row
        text = ""
        if row is not None:
            parts = [
                f"Event: {display_text(row['event'])}" if row["event"] else "",
                f"Actions: {display_text(row['actions'])}" if row["actions"] else "",
            ]
            text = "   ".join(p for p in parts if p)
        self.query_one("#risks-detail", Static).update(text)

    @on(PagedTable.Chosen, "#risks-table")
    def _chosen(self, event: PagedTable.Chosen) -> None:
        self.action_edit_risk()

    def show_everything(self) -> None:
        self.showing_index = SHOWING.index(None)
        if self.header:
            self._show_summary()

    def position_of(self, record_id: int) -> int | None:
        return lists.risk_position(self.store, record_id, status=self.showing)

    def action_next_view(self) -> None:
        self.showing_index = (self.showing_index + 1) % len(SHOWING)
        self._show_summary()
        self.table.reload(reset=True)

    def action_new_risk(self) -> None:
        choices = workstream_choices(self.store)

        def save(fields: dict) -> str:
            risks.create_risk(self.store, **fields)
            return f"Risk {display_text(fields['ref'])} added"

        self.edit(lambda: RiskForm(None, choices), save)

    def action_edit_risk(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        choices = workstream_choices(self.store)

        def save(fields: dict) -> str | None:
            if not fields:
                return None
            risks.update_risk(self.store, row["id"], expected_version=row["version"], **fields)
            return f"Risk {display_text(row['ref'])} saved"

        self.edit(lambda: RiskForm(row, choices), save)

    def action_close_risk(self) -> None:
        row = self.selected_row()
        if row is None:
            return

        def save(reason: str) -> str:
            if row["status"] == "Closed":
                risks.reopen_risk(self.store, row["id"], reason, expected_version=row["version"])
                return f"Risk {display_text(row['ref'])} re-opened"
            risks.close_risk(self.store, row["id"], reason, expected_version=row["version"])
            return f"Risk {display_text(row['ref'])} closed"

        self.edit(lambda: CloseRiskForm(row), save)

    def action_to_issue(self) -> None:
        from t2025tui.core.services.issues import issue_from_risk
        from t2025tui.tui.modals.reason import ReasonPrompt

        row = self.selected_row()
        if row is None:
            return
        if row["status"] != "Open":
            self.notify(
                f"Risk {display_text(row['ref'])} is closed; re-open it first (c)", severity="warning"
            )
            return
        ref = display_text(row["ref"])

        def save(reason: str) -> str:
            new_id = issue_from_risk(self.store, row["id"], reason)
            return f"Risk {ref} is now issue I{new_id} (risk closed, its history kept; 9 shows the logs)"

        self.edit(
            lambda: ReasonPrompt(
                f"Risk {ref} has happened: turn it into an issue and close the risk?",
                placeholder="What happened (enter confirms, escape cancels)",
            ),
            save,
        )
