"""The finance plan as the report lays it out: lines by year, totals and surplus/(deficit), GBP 000s."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from t2025tui.core.queries import finance as finance_query
from t2025tui.core.queries.finance import format_gbp000
from t2025tui.core.services import finance
from t2025tui.core.text import display_text
from t2025tui.tui.modals.finance_form import AmountChange, FinanceAmountForm, FinanceLineForm, NewFinanceLine
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.screens.register_cells import tone_colour
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.key_table import KeyTable

TOTAL_ROWS = {"total": "Total planned expenditure", "surplus": "Planned surplus/(deficit)"}


class FinanceScreen(AppScreen):
    CSS_PATH = "finance.tcss"

    BINDINGS = [
        Binding(
            "e",
            "edit_amount",
            "Edit amount",
            id="finance.edit",
            tooltip="Change the amount in the selected cell (GBP 000s)",
        ),
        Binding(
            "n", "new_line", "Add line", id="finance.new", tooltip="Add a line with an amount for every year"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: dict = {"years": [], "lines": []}

    def compose(self) -> ComposeResult:
        yield Static(
            "Finance: expenditure plans and funding (GBP 000s)", classes="screen-title", markup=False
        )
        yield KeyTable(id="finance-table", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="finance-summary", markup=False)
        yield Static(
            "Funding and savings are credits, shown in brackets. Totals and surplus/(deficit) are derived"
            " from the lines.",
            id="finance-note",
            markup=False,
        )
        yield KeyBar()

    @property
    def table(self) -> KeyTable:
        return self.query_one("#finance-table", KeyTable)

    def on_mount(self) -> None:
        self.table.focus()

    def read(self) -> dict:
        return finance_query.table(self.store)

    def show(self, data: dict) -> None:
        self.plan = data
        table = self.table
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Line", key="line", width=30)
        table.add_column("Kind", key="kind", width=11)
        for year in self.plan["years"]:
            table.add_column(Text(year, justify="right"), key=year, width=10)
        for index, line in enumerate(self.plan["lines"]):
            table.add_row(
                Text(display_text(line["line"])),
                Text(line["kind"]),
                *[self._money(line["amounts"].get(year)) for year in self.plan["years"]],
                key=f"line-{index}",
            )
        table.add_row(
            Text(TOTAL_ROWS["total"], style="bold"),
            Text(""),
            *[self._money(self.plan["total_planned_expenditure"][y], bold=True) for y in self.plan["years"]],
            key="total",
        )
        table.add_row(
            Text(TOTAL_ROWS["surplus"], style="bold"),
            Text(""),
            *[
                self._money(self.plan["surplus_deficit"][y], bold=True, signal=True)
                for y in self.plan["years"]
            ],
            key="surplus",
        )
        if table.row_count:
            table.move_cursor(row=min(cursor.row, table.row_count - 1), column=cursor.column, animate=False)
        self._show_summary()

    def _money(self, amount: int | None, *, bold: bool = False, signal: bool = False) -> Text:
        style = "bold" if bold else ""
        if signal and amount:
            colour = tone_colour(self.app, "error" if amount > 0 else "success")
            style = f"{style} {colour}" if colour else style
        return Text(format_gbp000(amount), style=style, justify="right")

    def _show_summary(self) -> None:
        surplus = self.plan["surplus_deficit"]
        if not surplus:
            self.query_one("#finance-summary", Static).update("No finance lines yet: press n to add one.")
            return
        # The report's sign: a positive sum of the lines means spending exceeds funding.
        gaps = {year: amount for year, amount in surplus.items() if amount > 0}
        if gaps:
            worst = max(gaps, key=lambda year: gaps[year])
            text = (
                f"Funding gap in {len(gaps)} of {len(surplus)} years; largest {format_gbp000(gaps[worst])}"
                f" in {worst}."
            )
        else:
            text = f"Balanced or in surplus in all {len(surplus)} years."
        self.query_one("#finance-summary", Static).update(text)

    @on(DataTable.CellSelected, "#finance-table")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        self.action_edit_amount()

    def action_edit_amount(self) -> None:
        coordinate = self.table.cursor_coordinate
        lines, years = self.plan["lines"], self.plan["years"]
        if coordinate.row >= len(lines):
            self.notify(
                "Totals are worked out from the lines; edit a line's amount instead.", severity="warning"
            )
            return
        if coordinate.column < 2:
            self.notify(
                "Move to a year's column (right arrow or l) to change its amount.", severity="warning"
            )
            return
        line, year = lines[coordinate.row], years[coordinate.column - 2]
        line_id = line["ids"].get(year)
        amount = line["amounts"].get(year)
        if line_id is None:
            self.notify(f"{display_text(line['line'])} has no {year} amount to change.", severity="warning")
            return
        version = line["versions"][year]

        def save(change: AmountChange) -> str:
            finance.set_finance_amount(
                self.store, line_id, change.amount, change.reason, expected_version=version
            )
            return f"{display_text(line['line'])} {year}: {format_gbp000(change.amount)}"

        self.edit(lambda: FinanceAmountForm(line["line"], year, amount), save)

    def action_new_line(self) -> None:
        years = list(self.plan["years"])
        if not years:
            self.notify(
                "The plan has no years yet; load a programme with finance lines first.", severity="warning"
            )
            return

        def save(new: NewFinanceLine) -> str:
            finance.add_finance_line(self.store, new.line, new.kind, new.amounts)
            return f"Added {display_text(new.line)}"

        self.edit(lambda: FinanceLineForm(years), save)
