"""Corporate Health Check: each team's check, its measures (sickness, overtime, ...) and ratings."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from t2025tui.core.queries import health as health_queries
from t2025tui.core.services import health
from t2025tui.core.text import display_text
from t2025tui.tui.modals.health_form import HealthCheckForm, MeasureForm, RatingForm
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.key_table import KeyTable


def _number(value: float | None) -> str:
    if value is None:
        return "not recorded"
    return f"{value:g}"


class HealthScreen(AppScreen):
    CSS_PATH = "health.tcss"

    BINDINGS = [
        Binding(
            "e",
            "edit_selected",
            "Edit",
            id="health.edit",
            tooltip="Edit the selected measure (value, name, unit) or rating (or the check when neither table has focus)",
        ),
        Binding(
            "c",
            "edit_check",
            "Edit check",
            id="health.edit_check",
            tooltip="Edit the team, date, status, themes and notes",
        ),
        Binding(
            "m", "new_measure", "Add measure", id="health.new_measure", tooltip="Add a measure to this check"
        ),
        Binding("r", "new_rating", "Add rating", id="health.new_rating", tooltip="Add a member's rating"),
        Binding(
            "delete,x",
            "remove_measure",
            "Remove measure",
            id="health.remove_measure",
            key_display="x",
            tooltip="Remove the selected measure (asks why; ctrl+z undoes)",
        ),
        Binding(
            "n", "new_check", "New check", id="health.new_check", tooltip="Start a health check for a team"
        ),
        Binding(
            "right_square_bracket",
            "next_check",
            "Next check",
            id="health.next",
            tooltip="Show the next team's check",
        ),
        Binding(
            "left_square_bracket",
            "previous_check",
            "Previous check",
            show=False,
            id="health.previous",
            tooltip="Show the previous team's check",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.checks: list[dict] = []
        self.check_index = 0
        self.measures: list[dict] = []
        self.ratings: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static("Corporate Health Check", classes="screen-title", markup=False)
        yield Static("", id="health-check", markup=False)
        with Horizontal(id="health-tables"):
            with Vertical(classes="health-panel"):
                yield Label("Measures", classes="health-heading")
                yield KeyTable(id="health-measures", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="health-panel"):
                yield Label("", id="health-ratings-heading", classes="health-heading", markup=False)
                yield KeyTable(id="health-ratings", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    @property
    def check(self) -> dict | None:
        return self.checks[self.check_index] if self.checks else None

    def on_mount(self) -> None:
        self.query_one("#health-measures", KeyTable).focus()

    def read(self) -> tuple[list[dict], int, list[dict], list[dict]]:
        checks = health_queries.checks(self.store)
        index = min(self.check_index, max(0, len(checks) - 1))
        check = checks[index] if checks else None
        measures = health_queries.measures(self.store, check["id"]) if check else []
        ratings = health_queries.ratings(self.store, check["id"]) if check else []
        return checks, index, measures, ratings

    def show(self, data: tuple[list[dict], int, list[dict], list[dict]]) -> None:
        self.checks, self.check_index, self.measures, self.ratings = data
        self._show_check()
        self._fill(
            self.query_one("#health-measures", KeyTable),
            [("Measure", 24), ("Value", 14), ("Unit", 16)],
            [(m["name"], _number(m["value"]), m["unit"]) for m in self.measures],
        )
        self._fill(
            self.query_one("#health-ratings", KeyTable),
            [("Member", 20), ("Rating", 7), ("Comment", 26)],
            [(r["member"], f"{r['rating']}/10", r["comment"]) for r in self.ratings],
        )
        if self.ratings:
            average = sum(r["rating"] for r in self.ratings) / len(self.ratings)
            heading = f"Engagement ratings: {len(self.ratings)}, average {average:.1f}/10"
        else:
            heading = "Engagement ratings: none recorded yet (r adds one)"
        self.query_one("#health-ratings-heading", Label).update(heading)

    def _fill(self, table: DataTable, columns: list[tuple[str, int]], rows: list[tuple]) -> None:
        cursor = table.cursor_row
        table.clear(columns=True)
        for label, width in columns:
            table.add_column(label, width=width)
        for row in rows:
            table.add_row(*(Text(display_text(cell), no_wrap=True, overflow="ellipsis") for cell in row))
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def _show_check(self) -> None:
        check = self.check
        if check is None:
            self.query_one("#health-check", Static).update("No health checks yet: press n to start one.")
            return
        lines = [
            f"Team: {display_text(check['team'])}   ({self.check_index + 1} of {len(self.checks)}; [ and ] switch)",
            f"Date: {check['check_date'] or 'not recorded'}   Status: {display_text(check['status']) or '-'}",
            f"Themes: {display_text(check['themes']) or '-'}",
            f"Notes: {display_text(check['notes']) or '-'}",
        ]
        self.query_one("#health-check", Static).update("\n".join(lines))

    def _need_check(self) -> dict | None:
        if self.check is None:
            self.notify("Start a health check first (n).", severity="warning")
        return self.check

    def action_next_check(self) -> None:
        if self.checks:
            self.check_index = (self.check_index + 1) % len(self.checks)
            self.reload(now=True)

    def action_previous_check(self) -> None:
        if self.checks:
            self.check_index = (self.check_index - 1) % len(self.checks)
            self.reload(now=True)

    def action_edit_selected(self) -> None:
        focused = self.focused
        if isinstance(focused, KeyTable) and focused.id == "health-measures" and self.measures:
            self._edit_measure(self.measures[focused.cursor_row])
        elif isinstance(focused, KeyTable) and focused.id == "health-ratings" and self.ratings:
            self._edit_rating(self.ratings[focused.cursor_row])
        else:
            self.action_edit_check()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit_selected()

    def _edit_measure(self, measure: dict) -> None:
        def save(fields: dict) -> str | None:
            if not fields:
                return None
            health.update_measure(self.store, measure["id"], expected_version=measure["version"], **fields)
            name = fields.get("name", measure["name"])
            if set(fields) == {"value"}:
                return f"{display_text(name)}: {_number(fields['value'])}"
            return f"Measure {display_text(name)} saved"

        self.edit(lambda: MeasureForm(measure), save)

    def action_remove_measure(self) -> None:
        from t2025tui.tui.modals.reason import ReasonPrompt

        table = self.query_one("#health-measures", KeyTable)
        if not self.measures:
            self.notify("This check has no measures to remove.", severity="warning")
            return
        if self.focused is not table:
            self.notify("x removes a measure: select one in the Measures table first.", severity="warning")
            return
        measure = self.measures[min(table.cursor_row, len(self.measures) - 1)]
        unit = f" {measure['unit']}" if measure["unit"] else ""
        question = (
            f"Remove the measure {display_text(measure['name'])} ({_number(measure['value'])}{unit})? "
            "The check's ratings stay."
        )

        def save(reason: str) -> str:
            health.remove_measure(self.store, measure["id"], reason, expected_version=measure["version"])
            return f"Measure {display_text(measure['name'])} removed (ctrl+z undoes)"

        self.edit(lambda: ReasonPrompt(question), save)

    def _edit_rating(self, rating: dict) -> None:
        def save(fields: dict) -> str | None:
            if not fields:
                return None
            health.update_rating(self.store, rating["id"], expected_version=rating["version"], **fields)
            return f"Rating by {display_text(rating['member'])} saved"

        self.edit(lambda: RatingForm(rating), save)

    def action_edit_check(self) -> None:
        check = self._need_check()
        if check is None:
            return

        def save(fields: dict) -> str | None:
            if not fields:
                return None
            health.update_health_check(self.store, check["id"], expected_version=check["version"], **fields)
            return f"Health check for {display_text(check['team'])} saved"

        self.edit(lambda: HealthCheckForm(check), save)

    def action_new_check(self) -> None:
        def save(fields: dict) -> str:
            health.create_health_check(self.store, **fields)
            return f"Health check for {display_text(fields['team'])} added"

        self.edit(lambda: HealthCheckForm(None), save)

    def action_new_measure(self) -> None:
        check = self._need_check()
        if check is None:
            return

        def save(fields: dict) -> str:
            health.add_measure(self.store, check["id"], fields["name"], fields["value"], fields["unit"])
            return f"Measure {display_text(fields['name'])} added"

        self.edit(MeasureForm, save)

    def action_new_rating(self) -> None:
        check = self._need_check()
        if check is None:
            return

        def save(fields: dict) -> str:
            health.add_rating(self.store, check["id"], fields["member"], fields["rating"], fields["comment"])
            return f"Rating by {display_text(fields['member'])} added"

        self.edit(RatingForm, save)
