"""Home: programme RAG, each workstream's RAG and trend since the last board, and the key tiles."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from t2025tui.core.errors import T2025Error
from t2025tui.core.queries import finance, status
from t2025tui.core.queries.first_steps import next_step
from t2025tui.core.queries.settings import status_date_notice
from t2025tui.core.queries.suggested_rag import flag_counts, suggest
from t2025tui.core.rag import rag_scale
from t2025tui.core.store import Store
from t2025tui.core.text import display_text
from t2025tui.tui.first_step_keys import keys_for
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.screens.plan_actions import WorkstreamPlanActions
from t2025tui.tui.screens.workstream_actions import WorkstreamActions
from t2025tui.tui.widgets.column_fit import CELL_PADDING, fit_widths
from t2025tui.tui.widgets.flags import short_rag
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.literal import literal
from t2025tui.tui.widgets.rag import rag_palette, rag_text, rag_with_reason, trend_text
from t2025tui.tui.widgets.status import milestone_status_text, progress_bar, shorten


def financial_year(day: date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{str(start + 1)[-2:]}"


# (label, key, width at 120 columns, whether it gives way on a narrow screen). The RAG column
# holds the RAG of record and, beside it, the suggested one as a small badge (its rule is on the
# line under the table); the counts are milestones late / at risk / overdue actions.
COLUMNS = (
    ("RAG  sug", "rag", 11, False),
    ("Trend", "trend", 8, False),
    ("Workstream", "name", 22, True),
    # Narrower than the name, so that at 120 columns a workstream's name is shown whole.
    ("Lead", "lead", 10, True),
    ("Next milestone", "next", 18, True),
    ("Due", "due", 10, False),
    ("Status", "status", 8, False),
    ("Late/risk/act", "counts", 13, False),
)
# Left out when even the shortest names would not let every status column fit (80 columns):
# the lead is on the workstream's own screen.
DROPPED_FIRST = "lead"
MANUAL_BADGE = 7  # " Amber ": the suggested badge lines up beside it


def late_and_at_risk(late: int, at_risk: int, overdue: int = 0) -> Text:
    text = Text(str(late), style="bold red" if late else "")
    text.append(" / ")
    text.append(str(at_risk), style="bold yellow" if at_risk else "")
    text.append(" / ")
    text.append(str(overdue), style="bold red" if overdue else "")
    return text


def first_step(store: Store) -> dict | None:
    """The next thing an empty programme needs, with where its key is (None once it has enough)."""
    step = next_step(store)
    if step is None:
        return None
    return {"step": step, "keys": keys_for(step.action)}


def suggestion(row: dict, flags: dict[int, dict]) -> tuple[str, str]:
    """The suggested RAG and its rule, from the dashboard's own counts (no second pass over the
    milestones: the late and at-risk counts are the kept figures)."""
    return suggest({"late": row["late"], "at_risk": row["at_risk"], **flags.get(row["id"], {})})


def load_dashboard(store: Store) -> dict:
    """Everything the dashboard shows, read in one go (runs in a worker thread)."""
    table = finance.table(store)
    programme = status.programme(store)
    fixed = programme.get("status_date")
    return {
        "programme": programme,
        "fixed_status_date": date.fromisoformat(fixed) if fixed else None,
        "first_step": first_step(store),
        "workstreams": status.workstreams(store),
        "last_board": status.last_board(store),
        "next_board": status.next_board(store),
        "risks": status.risk_counts(store),
        "recommendations": status.recommendation_counts(store),
        "finance": table,
        "status_date": status.status_date(store),
        "conclusion": status.conclusion(store),
        "scale": rag_scale(store),
        "flags": flag_counts(store),
    }


class DashboardScreen(WorkstreamActions, WorkstreamPlanActions, AppScreen):
    PALETTE_GROUP = "dashboard"
    # Straight to the table: focusing the scroll area first and moving on costs a style pass.
    AUTO_FOCUS = "#workstreams"
    BINDINGS = [
        Binding("enter", "open_workstream", "Open", id="dashboard.open", tooltip="Workstream detail"),
        Binding("r", "set_rag", "RAG", id="dashboard.rag", tooltip="Set the selected workstream's RAG"),
        Binding("c", "commentary", "Commentary", id="dashboard.commentary", tooltip="Edit commentary"),
        Binding("n", "note", "Note", id="dashboard.note", tooltip="Add a note to the selected workstream"),
        Binding(
            "slash",
            "app.search",
            "Search",
            id="dashboard.search",
            key_display="/",
            tooltip="Find anything (ctrl+f on every screen)",
            show=False,
        ),
        Binding(
            "p",
            "programme_rag",
            "Programme RAG",
            id="dashboard.programme_rag",
            tooltip="Set the overall or risk-management RAG",
        ),
        Binding(
            "b",
            "new_board",
            "New board",
            id="dashboard.new_board",
            show=False,
            tooltip="Add a Futures Board meeting",
        ),
        Binding(
            "B",
            "edit_board",
            "Edit board",
            id="dashboard.edit_board",
            show=False,
            tooltip="Edit the latest Futures Board meeting",
        ),
        # n is the note, so a adds a workstream here.
        Binding(
            "a",
            "add_workstream",
            "Add workstream",
            id="dashboard.add",
            show=False,
            tooltip="Add a workstream",
        ),
        Binding(
            "e",
            "edit_workstream",
            "Edit workstream",
            id="dashboard.edit",
            show=False,
            tooltip="Edit the selected workstream: code, name, lead, objective, order",
        ),
        Binding(
            "delete,x",
            "remove_workstream",
            "Remove workstream",
            id="dashboard.remove",
            show=False,
            tooltip="Remove the selected workstream (asks a reason and where its records go)",
        ),
        Binding(
            "o",
            "objectives",
            "Objectives",
            id="dashboard.objectives",
            show=False,
            tooltip="The strategic objectives: add, edit, remove",
        ),
        Binding("j", "cursor('down')", "Down", id="dashboard.down", show=False),
        Binding("k", "cursor('up')", "Up", id="dashboard.up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict | None = None
        self.widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dashboard"):
            yield Static(id="programme-title", markup=False)
            yield Static(id="programme-period", markup=False)
            yield Static(id="status-date-notice", markup=False)
            yield Static(id="first-step", markup=False)
            yield Static(id="overall-rag", markup=False, classes="rag-line")
            yield Static(id="risk-rag", markup=False, classes="rag-line")
            yield DataTable(id="workstreams", cursor_type="row", zebra_stripes=True)
            yield Static(id="workstream-rule", markup=False)
            with Horizontal(id="tiles"):
                yield Static(id="tile-risks", classes="tile", markup=False)
                yield Static(id="tile-recommendations", classes="tile", markup=False)
                yield Static(id="tile-finance", classes="tile", markup=False)
            yield Static(id="conclusion", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._add_columns(self._fitted_widths())

    def _fitted_widths(self) -> dict[str, int]:
        # Inside the table's border and the screen's padding.
        available = (self.size.width or self.app.size.width) - 4
        for columns in (COLUMNS, tuple(c for c in COLUMNS if c[1] != DROPPED_FIRST)):
            widths = fit_widths([w for _, _, w, _ in columns], [f for _, _, _, f in columns], available)
            if sum(widths) + CELL_PADDING * len(widths) <= available:
                break
        return {key: width for (_, key, _, _), width in zip(columns, widths, strict=True)}

    def _add_columns(self, widths: dict[str, int]) -> None:
        self.widths = widths
        table = self.query_one("#workstreams", DataTable)
        table.clear(columns=True)
        for label, key, _, _ in COLUMNS:
            if key in widths:
                table.add_column(label, key=key, width=widths[key])

    def on_resize(self) -> None:
        widths = self._fitted_widths()
        if widths != self.widths:
            self._add_columns(widths)
            if self.data is not None:
                self._fill_table(self.data["workstreams"], rag_palette(self.app))

    def first_load(self) -> None:
        """Read and draw the first data, from on_mount or the app's own on_mount, whichever
        comes second (the table's columns must exist).

        On the UI thread: the read takes milliseconds, and in a worker it would compete for the
        GIL with the first render and land a frame or two later. Not before on_mount: Textual
        lays the screen out once between the two, inside its start-up batch, and never writes
        that frame; laid out empty, that pass is cheap, and the data are in the first frame written."""
        if self.data is None and self.query_one("#workstreams", DataTable).columns:
            self.reload(now=True)

    def report_unreadable(self, exc: T2025Error) -> None:
        self.notify(f"Could not read the dashboard: {display_text(exc)}", severity="error", timeout=10)

    def read(self) -> dict:
        return load_dashboard(self.store)

    # Drawing -------------------------------------------------------------------
    def show(self, data: dict) -> None:
        self.data = data
        prog = data["programme"]
        palette = rag_palette(self.app)
        title = literal(prog.get("name"), "bold")
        if prog.get("organisation"):
            title.append(" · " + display_text(prog["organisation"]))
        self.query_one("#programme-title", Static).update(title)
        self.query_one("#programme-period", Static).update(self._period_line(data))
        self._show_hints(data)
        self.query_one("#overall-rag", Static).update(
            rag_with_reason("Overall", prog.get("overall_rag"), prog.get("overall_rag_reason"), palette)
        )
        self.query_one("#risk-rag", Static).update(
            rag_with_reason("Risk   ", prog.get("risk_rag"), prog.get("risk_rag_reason"), palette)
        )
        self._fill_table(data["workstreams"], palette)
        self._fill_tiles(data)
        self.query_one("#conclusion", Static).update(Text(display_text(data["conclusion"]), style="italic"))
        # After the frame is out: what it starts (warming imports in a thread) must not delay it.
        self.call_after_refresh(self.app.first_screen_shown)

    def _period_line(self, data: dict) -> Text:
        prog = data["programme"]
        last = data["last_board"]["meeting_date"] if data["last_board"] else "none"
        nxt = data["next_board"]["meeting_date"] if data["next_board"] else "none scheduled"
        return Text(
            f"{display_text(prog.get('reporting_period')) or 'No reporting period'} · status "
            f"{data['status_date'].isoformat()} · last board {last} · next board {nxt}",
            style="dim",
        )

    def _show_hints(self, data: dict) -> None:
        """A status date fixed in the past, and an empty programme's next step, each with its key."""
        settings_key = next(b for b in self.app.BINDINGS if isinstance(b, Binding) and b.id == "app.settings")
        notice = status_date_notice(
            data["fixed_status_date"],
            change_with=f"press {self.app.key_display(settings_key)} (settings) to change it.",
            short=True,
        )
        line = self.query_one("#status-date-notice", Static)
        line.update(notice or "")
        line.display = notice is not None
        hint = self.query_one("#first-step", Static)
        found = data["first_step"]
        hint.display = found is not None
        if found is None:
            return
        step, keys = found["step"], found["keys"]
        what = step.what[0].lower() + step.what[1:]
        if keys is None:
            how = f" (on the command line: {step.command})"
        else:
            how = ": press " + ", then ".join(
                self.app.key_display(key.binding) + (f" until the {key.until} shows" if key.until else "")
                for key in keys
            )
        hint.update(Text(f"Next: {what}{how}.", style="bold"))

    def _fill_table(self, rows: list[dict], palette: dict[str, str]) -> None:
        table = self.query_one("#workstreams", DataTable)
        keep = self.app.current_workstream_id
        table.clear()
        flags = self.data["flags"] if self.data else {}
        for row in rows:
            nxt = row["next_milestone"] or {}
            rag = rag_text(row["rag"], palette=palette, width=MANUAL_BADGE)
            rag.append(" ")
            rag.append_text(short_rag(suggestion(row, flags)[0], palette))
            cells = {
                "rag": rag,
                "trend": trend_text(row["trend"]),
                "name": literal(shorten(row["name"], self.widths["name"])),
                "lead": literal(shorten(row["lead"], self.widths.get("lead", 0))),
                "next": literal(shorten(nxt.get("title") or "-", self.widths["next"])),
                "due": Text(nxt.get("forecast_date") or ("-" if not nxt else "no date")),
                "status": milestone_status_text(nxt.get("status")),
                "counts": late_and_at_risk(
                    row["late"], row["at_risk"], flags.get(row["id"], {}).get("overdue_actions") or 0
                ),
            }
            table.add_row(*(cells[key] for key in self.widths), key=str(row["id"]))
        ids = [row["id"] for row in rows]
        if ids:
            table.move_cursor(row=ids.index(keep) if keep in ids else 0)
            self.app.current_workstream_id = ids[table.cursor_row]
        self._show_rule()

    def _show_rule(self) -> None:
        """The selected workstream's suggested RAG in words, under the table."""
        row = self.selected_workstream()
        line = Text()
        if row is not None and self.data is not None:
            rag, rule = suggestion(row, self.data["flags"])
            flags = self.data["flags"].get(row["id"], {})
            line.append(display_text(row["code"]) + " ", style="bold")
            line.append_text(short_rag(rag, rag_palette(self.app)))
            line.append(" " + rule)
            overdue = flags.get("overdue_actions") or 0
            if overdue and "overdue" not in rule:
                line.append(f"; {overdue} overdue action{'' if overdue == 1 else 's'}", style="bold red")
        self.query_one("#workstream-rule", Static).update(line)

    def _fill_tiles(self, data: dict) -> None:
        risks = data["risks"]
        tile = Text("Red risks\n", style="bold")
        tile.append(str(risks["Red"]), style="bold red" if risks["Red"] else "bold")
        tile.append(f" of {risks['open']} open\n{risks['review overdue']} review overdue")
        self.query_one("#tile-risks", Static).update(tile)

        recs = data["recommendations"]
        signed, total = recs.get("Signed off", 0), recs.get("total", 0)
        tile = Text("Recommendations signed off\n", style="bold")
        tile.append(f"{signed}/{total}\n", style="bold")
        tile.append_text(progress_bar(signed, total, 20))
        self.query_one("#tile-recommendations", Static).update(tile)

        fin = data["finance"]
        gaps = fin["surplus_deficit"]
        this_year = financial_year(data["status_date"])
        tile = Text("Surplus/(deficit) £000s\n", style="bold")
        tile.append(f"This year {this_year}: {finance.format_gbp000(gaps.get(this_year)) or '-'}")
        if gaps:
            # Lines are signed as the report's table: a positive total is spending above funding.
            worst = max(gaps, key=lambda year: gaps[year] or 0)
            tile.append(f"\nWorst {worst}: {finance.format_gbp000(gaps[worst])}")
        self.query_one("#tile-finance", Static).update(tile)

    # Selection -------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self.app.current_workstream_id = int(event.row_key.value)
            self._show_rule()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_workstream()

    def selected_workstream(self) -> dict | None:
        if not self.data:
            return None
        for row in self.data["workstreams"]:
            if row["id"] == self.app.current_workstream_id:
                return row
        return None

    def action_cursor(self, direction: str) -> None:
        table = self.query_one("#workstreams", DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def action_open_workstream(self) -> None:
        if self.selected_workstream() is not None:
            self.app.action_show("workstream")

    def action_objectives(self) -> None:
        from t2025tui.tui.screens.objectives import ObjectivesScreen

        self.app.push_screen(ObjectivesScreen())

    # Programme-level edits ---------------------------------------------------------
    def action_programme_rag(self) -> None:
        from t2025tui.core.services.programme import set_programme_rag
        from t2025tui.tui.modals.rag_form import ProgrammeRagForm, RagChoice

        if not self.data:
            return
        prog, scale, store = self.data["programme"], self.data["scale"], self.app.store
        currents = {"overall": prog["overall_rag"], "risk": prog["risk_rag"]}

        def save(choice: RagChoice) -> str:
            which = choice.which or "overall"
            set_programme_rag(store, which, choice.rag, choice.reason, expected_version=prog["version"])
            return f"{ProgrammeRagForm.TARGETS[which]} set to {choice.rag}"

        self.app.edit(lambda: ProgrammeRagForm(currents, scale), save)

    def action_new_board(self) -> None:
        from t2025tui.core.services.board import create_board_meeting
        from t2025tui.tui.modals.board_meeting import BoardMeetingForm

        store = self.app.store

        def save(values: dict) -> str:
            create_board_meeting(store, **values)
            return f"Board meeting {values['meeting_date'].isoformat()} added"

        self.app.edit(BoardMeetingForm, save)

    def action_edit_board(self) -> None:
        from t2025tui.core.services.board import update_board_meeting
        from t2025tui.tui.modals.board_meeting import BoardMeetingForm

        meeting = (self.data or {}).get("last_board") or (self.data or {}).get("next_board")
        if meeting is None:
            self.notify("No board meeting yet: press b to add one.", severity="warning")
            return
        store = self.app.store

        def save(values: dict) -> str:
            update_board_meeting(store, meeting["id"], expected_version=meeting["version"], **values)
            return "Board meeting saved"

        self.app.edit(lambda: BoardMeetingForm(meeting), save)
