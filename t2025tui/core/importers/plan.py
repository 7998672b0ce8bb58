"""A programme's plan kept in an Excel RAG tracker -> a preview of workstreams, projects and
milestones to create or change. Nothing is written here (see `apply`).

One sheet or several. A table has a row per milestone (deliverable, activity) with its
workstream and project, owner and dates; or a row per workstream with its RAG and commentary.
A sheet without a workstream column is one workstream's (the sheet's name). Missing workstreams
and projects are created; milestones are matched on their ref where the tracker and the app
have one, else on workstream + title. A blank cell never clears what the app holds.
"""

from dataclasses import dataclass, field
from pathlib import Path

from t2025tui.core.importers import values as conv
from t2025tui.core.importers.grid import Grid, GridTooBig, cell_name, is_blank
from t2025tui.core.importers.headers import HeaderMatch, find_header
from t2025tui.core.importers.preview import Preview, Problem, RowPlan, SheetUse
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.importers.source import open_source
from t2025tui.core.importers.workstreams import WorkstreamMatcher, key_of, words_of
from t2025tui.core.rag import rag_scale
from t2025tui.core.store import Store

PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "workstream": (
        "workstream",
        "work stream",
        "workstream name",
        "workstream code",
        "delivery priority",
        "priority",
        "strand",
        "programme area",
        "portfolio",
    ),
    "project": (
        "project",
        "project name",
        "delivery project",
        "work package",
        "workpackage",
        "programme project",
        "product",
    ),
    "ref": ("ref", "milestone ref", "milestone id", "id", "ms ref", "reference", "milestone no", "ref no"),
    "title": (
        "milestone",
        "milestones",
        "milestone title",
        "milestone name",
        "milestone description",
        "key milestone",
        "key milestones",
        "deliverable",
        "deliverables",
        "activity",
        "activities",
        "task",
        "action",
        "title",
        "description",
    ),
    "owner": ("owner", "milestone owner", "responsible", "accountable", "lead", "action owner", "task owner"),
    "baseline_date": (
        "baseline",
        "baseline date",
        "original",
        "original date",
        "original due date",
        "original target date",
        "planned date",
        "planned",
        "planned end",
        "planned completion",
        "due date",
        "due",
        "target date",
        "end date",
        "deadline",
    ),
    "forecast_date": (
        "forecast",
        "forecast date",
        "forecast completion",
        "latest forecast",
        "current forecast",
        "revised date",
        "revised due date",
        "revised target date",
        "revised",
        "expected date",
        "expected completion",
        "re forecast",
        "reforecast",
    ),
    "actual_date": (
        "actual",
        "actual date",
        "actual completion",
        "actual end",
        "completed",
        "completed date",
        "completion date",
        "date completed",
        "date achieved",
        "achieved",
        "done",
    ),
    "workstream_rag": (
        "workstream rag",
        "ws rag",
        "overall rag",
        "workstream status",
        "overall status",
        "workstream rag status",
    ),
    "rag": ("rag", "rag status", "status", "rating", "milestone rag", "milestone status", "progress rag"),
    "notes": (
        "comments",
        "comment",
        "commentary",
        "update",
        "latest update",
        "progress",
        "progress update",
        "notes",
        "narrative",
        "remarks",
        "rag reason",
        "reason",
    ),
}
MILESTONE_DATES = ("baseline_date", "forecast_date", "actual_date")
DONE_WORDS = frozenset({"complete", "completed", "done", "closed", "delivered", "achieved", "finished"})
FIELD_WORDS = {"baseline_date": "baseline", "forecast_date": "forecast", "actual_date": "actual date"}
HEADER_HINT = (
    "Workstream, Project, Milestone (or Deliverable, Activity), Owner, Baseline, Forecast, Actual, RAG"
)
MAX_CODE = 8


def preview_plan(
    store: Store, path: Path, *, sheet: str | None = None, workstreams: dict[str, str] | None = None
) -> Preview:
    """Read the tracker at `path` and say, row by row, what importing it would do."""
    file_name = Path(path).name
    with open_source(path) as source:
        tables, skipped = _find_tables(source, sheet, file_name)
    preview = Preview("plan", file_name)
    preview.warnings += [
        Problem(name, "hidden sheet, not read (name it with --sheet to read it)") for name in skipped
    ]
    try:
        matcher = WorkstreamMatcher(
            store.query("SELECT id, code, name FROM workstream ORDER BY position, id"), workstreams
        )
    except conv.CellError as exc:
        raise ImportRefused(str(exc)) from None
    builder = PlanRows(store, preview, matcher)
    for grid, match in tables:
        try:
            grid.fill_down_merged(match.row)
        except GridTooBig as exc:
            raise ImportRefused(f"{file_name}: {exc}.") from None
        notes = builder.read_table(grid, match)
        if "workstream" not in match.field_columns():
            notes.append(
                f"no workstream column: every row is of the workstream {grid.name!r} (the sheet's name)"
            )
        preview.sheets.append(SheetUse(grid.name, match.row, match.columns, tuple(notes)))
    builder.finish()
    return preview


def _find_tables(
    source, sheet: str | None, file_name: str
) -> tuple[list[tuple[Grid, HeaderMatch]], list[str]]:
    names = [sheet] if sheet is not None else source.visible()
    hidden = [] if sheet is not None else [n for n in source.sheet_names if n not in source.visible()]
    tables = []
    for name in names:
        grid = source.read(name)
        match = find_header(grid, PLAN_COLUMNS, required=("title", "workstream"))
        if match is not None and ({"title", "workstream_rag", "rag"} & set(match.field_columns())):
            tables.append((grid, match))
    if not tables:
        where = f"sheet {sheet!r}" if sheet is not None else "any sheet"
        raise ImportRefused(
            f"{file_name}: no plan table found in {where} (looked for a header row with column "
            f"names such as {HEADER_HINT})."
        )
    return tables, hidden


@dataclass
class NewWorkstream:
    key: str
    name: str
    code: str
    row: RowPlan


@dataclass
class Pending:
    """What the rows say about one workstream so far: its RAG and commentary, where they came from."""

    rag: tuple[str, str] | None = None  # (value, cell)
    commentary: tuple[str, str] | None = None
    lead: tuple[str, str] | None = None
    sources: list[str] = field(default_factory=list)


class PlanRows:
    def __init__(self, store: Store, preview: Preview, matcher: WorkstreamMatcher):
        self.store = store
        self.preview = preview
        self.matcher = matcher
        self.reason = f"Imported from {preview.file_name}"
        self.scale = rag_scale(store)
        self.workstreams = {row["id"]: row for row in store.query("SELECT * FROM workstream")}
        self.codes = {row["code"].upper() for row in self.workstreams.values()}
        self.new_workstreams: dict[str, NewWorkstream] = {}
        self.projects = {
            (row["workstream_id"], key_of(row["name"])): row for row in store.query("SELECT * FROM project")
        }
        self.new_projects: dict[tuple, RowPlan] = {}
        self.has_refs = True  # milestone refs (FCR-M03) since migration 003
        self.milestones: dict[tuple, dict] = {}
        self.milestone_refs: dict[str, dict] = {}
        for row in store.query("SELECT * FROM milestone"):
            self.milestones[(row["workstream_id"], key_of(row["title"]))] = row
            if row.get("ref"):
                self.milestone_refs[row["ref"].strip().lower()] = row
        self.seen: dict[tuple, str] = {}
        self.pending: dict[object, Pending] = {}  # workstream id or new key -> what rows said
        self.milestone_rows: list[RowPlan] = []

    # Workstreams -------------------------------------------------------------------
    def workstream(self, text: str, where: str, warnings: list[Problem]) -> tuple[int | str | None, str]:
        """(an existing workstream's id, or the key of one to create; its code) for `text`."""
        try:
            found, note = self.matcher.match(text)
        except conv.CellError as exc:
            if "could be any of" in str(exc):
                raise
            key = self.create_workstream(text.strip(), where)
            return key, self.new_workstreams[key.removeprefix("workstream:")].code
        if found is None:
            raise conv.CellError(
                f"workstream {text.strip()!r} means the programme, but every milestone belongs to a "
                "workstream; give the workstream's name or code"
            )
        if note:
            warnings.append(Problem(where, note))
        return found, self.workstreams[found]["code"]

    def create_workstream(self, name: str, where: str) -> str:
        key = key_of(name)
        if key not in self.new_workstreams:
            code = self.free_code(name)
            plan = RowPlan(
                "create",
                "workstream",
                f"{code} {name}",
                where,
                values={
                    "code": code,
                    "name": name,
                    "position": len(self.workstreams) + len(self.new_workstreams),
                },
                reason=self.reason,
                key=f"workstream:{key}",
            )
            plan.read = {"name": name, "code": code}
            self.new_workstreams[key] = NewWorkstream(key, name, code, plan)
            self.preview.rows.append(plan)
        return f"workstream:{key}"

    def free_code(self, name: str) -> str:
        words = [
            w for w in words_of(name) if w not in ("and", "of", "the", "for", "in", "on", "to", "a", "an")
        ]
        initials = "".join(w[0] for w in words).upper() if len(words) > 1 else ""
        base = (initials or (words[0][:4] if words else "WS")).upper()[:MAX_CODE] or "WS"
        code, number = base, 2
        taken = self.codes | {ws.code for ws in self.new_workstreams.values()}
        while code in taken:
            code, number = f"{base[: MAX_CODE - len(str(number))]}{number}", number + 1
        return code

    # Tables --------------------------------------------------------------------------
    def read_table(self, grid: Grid, match: HeaderMatch) -> list[str]:
        """Plan the table's rows; returns notes on how its columns were read."""
        columns = match.field_columns()
        notes = []
        if "ref" in columns and _numbers_only(grid, match, columns["ref"]):
            # Row numbers (1, 2, 3 ...) name rows of this sheet, not milestones.
            notes.append(
                f"{cell_name(grid.name, match.row, columns['ref'])} holds only numbers (row numbers, not "
                "milestone refs such as FCR-M03), so milestones are matched on workstream + title"
            )
            del columns["ref"]
        for row in sorted(r for r in grid.rows if r > match.row):
            cells = grid.rows[row]
            filled = [cells[c] for c in columns.values() if c in cells and not is_blank(cells[c])]
            if not filled:
                continue
            if len(filled) == 1 and isinstance(filled[0], str) and len(filled[0].split()) > 3:
                self.preview.warnings.append(
                    Problem(f"{grid.name} row {row}", "skipped: a note, not a milestone (one cell of text)")
                )
                continue
            TableRow(self, grid, columns, row, cells).plan()
        return notes

    def finish(self) -> None:
        """Workstream RAG, lead and commentary the rows gave, as one change per workstream."""
        for target, said in self.pending.items():
            if isinstance(target, str):
                new = self.new_workstreams[target.removeprefix("workstream:")].row
                for name, value in (("rag", said.rag), ("commentary", said.commentary), ("lead", said.lead)):
                    if value is not None:
                        new.values[name] = value[0]
                        new.read[name] = value[0]
                continue
            current = self.workstreams[target]
            changes = {}
            for name, value in (("rag", said.rag), ("commentary", said.commentary), ("lead", said.lead)):
                if value is not None and (current[name] or "") != value[0]:
                    changes[name] = value[0]
            plan = RowPlan(
                "unchanged",
                "workstream",
                current["code"],
                said.sources[0],
                entity_id=current["id"],
                version=current["version"],
                reason=self.reason,
            )
            if changes:
                plan.action = "update"
                plan.values = changes
                plan.old = {name: current[name] for name in changes}
            self.preview.rows.append(plan)
        # Workstreams and projects are created before the milestones that belong to them.
        order = {"workstream": 0, "project": 1, "milestone": 2}
        self.preview.rows.sort(key=lambda plan: order.get(plan.entity, 3))

    def say(self, target, what: str, value: str, cell: str, row_where: str) -> None:
        """Record a workstream-level value; two rows saying different things is an error."""
        said = self.pending.setdefault(target, Pending())
        if row_where not in said.sources:
            said.sources.append(row_where)
        earlier = getattr(said, what)
        if earlier is None:
            setattr(said, what, (value, cell))
        elif earlier[0] != value:
            word = "RAG" if what == "rag" else what
            raise conv.CellError(
                f"workstream {word} {value!r} differs from {earlier[0]!r} given at {earlier[1]}; "
                "give one value per workstream"
            )


class TableRow:
    """One row of a plan table: a milestone, or a workstream's own line."""

    def __init__(self, rows: PlanRows, grid: Grid, columns: dict[str, int], row: int, cells: dict):
        self.rows = rows
        self.grid = grid
        self.columns = columns
        self.row = row
        self.cells = cells
        self.where = f"{grid.name} row {row}"
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.read: dict[str, str] = {}

    def cell(self, name: str) -> str:
        return cell_name(self.grid.name, self.row, self.columns[name]) if name in self.columns else self.where

    def value(self, name: str):
        return self.cells.get(self.columns[name]) if name in self.columns else None

    def text(self, name: str) -> str:
        try:
            return conv.to_text(self.value(name), FIELD_WORDS.get(name, name.replace("_", " ")))
        except conv.CellError as exc:
            self.problems.append(Problem(self.cell(name), str(exc)))
            return ""

    def plan(self) -> None:
        workstream_text = self.text("workstream") if "workstream" in self.columns else self.grid.name
        title = self.text("title")
        label = title or workstream_text or "(blank)"
        target = None
        code = ""
        if not workstream_text:
            self.problems.append(Problem(self.cell("workstream"), "no workstream; every milestone needs one"))
        else:
            try:
                target, code = self.rows.workstream(workstream_text, self.cell("workstream"), self.warnings)
            except conv.CellError as exc:
                self.problems.append(Problem(self.cell("workstream"), str(exc)))
        if target is not None:
            self.workstream_values(target)
        if not title:
            if (
                "title" in self.columns
                and not self.problems
                and any(not is_blank(self.value(n)) for n in ("ref", *MILESTONE_DATES, "owner"))
            ):
                self.problems.append(Problem(self.cell("title"), "no milestone title; a milestone needs one"))
            if self.problems:
                self.invalid("workstream" if "title" not in self.columns else "milestone", label)
            return
        if self.problems or target is None:
            self.invalid("milestone", label)
            return
        self.milestone(target, code, title)

    def invalid(self, entity: str, label: str) -> None:
        self.rows.preview.rows.append(
            RowPlan("invalid", entity, label, self.where, problems=self.problems, warnings=self.warnings)
        )

    def workstream_values(self, target) -> None:
        rag_field = "workstream_rag" if "workstream_rag" in self.columns else None
        if rag_field is None and "title" not in self.columns and "rag" in self.columns:
            rag_field = "rag"  # a table of workstreams: its RAG is theirs
        try:
            if rag_field and not is_blank(self.value(rag_field)):
                rag = conv.to_rag(self.value(rag_field), self.rows.scale, "RAG")
                if rag:
                    self.rows.say(target, "rag", rag, self.cell(rag_field), self.where)
            if "title" not in self.columns:
                for name, what in (("notes", "commentary"), ("owner", "lead")):
                    if name in self.columns and not is_blank(self.value(name)):
                        self.rows.say(target, what, self.text(name), self.cell(name), self.where)
        except conv.CellError as exc:
            self.problems.append(Problem(self.cell(rag_field or "workstream"), str(exc)))

    def dates(self) -> dict[str, str | None]:
        found: dict[str, str | None] = {}
        for name in MILESTONE_DATES:
            value = self.value(name)
            if is_blank(value):
                continue
            notes: list[str] = []
            try:
                day = conv.to_date(value, FIELD_WORDS[name], notes)
            except conv.CellError as exc:
                self.problems.append(Problem(self.cell(name), str(exc)))
                continue
            self.warnings += [Problem(self.cell(name), note) for note in notes]
            found[name] = day.isoformat() if day else None
            self.read[name] = conv.to_text(value)
        return found

    def milestone(self, target, code: str, title: str) -> None:
        rows = self.rows
        values: dict = {"title": title}
        owner = self.text("owner")
        if owner:
            values["owner"] = owner
        notes = self.text("notes")
        status = self.text("rag") if "rag" in self.columns and "workstream_rag" not in self.columns else ""
        dates = self.dates()
        if status and status.lower() in DONE_WORDS and not dates.get("actual_date"):
            self.warnings.append(
                Problem(
                    self.cell("rag"), f"says {status!r} but gives no actual date; the milestone stays open"
                )
            )
        if status:
            notes = (
                f"{notes}\n\nStatus in the tracker: {status}".strip()
                if notes
                else f"Status in the tracker: {status}"
            )
        if notes:
            values["notes"] = notes
        values.update({k: v for k, v in dates.items() if v is not None})
        project = self.text("project")
        ref = self.text("ref") if rows.has_refs else ""
        if self.problems:
            self.invalid("milestone", title)
            return
        key = (target, key_of(title))
        label = f"{code}: {title}" if not ref else f"{ref} {title}"
        if key in rows.seen or (ref and ("ref", ref.lower()) in rows.seen):
            first = rows.seen.get(key) or rows.seen.get(("ref", ref.lower()))
            self.problems.append(
                Problem(
                    self.cell("title"), f"milestone {title!r} appears again (first at {first}); keep one row"
                )
            )
            self.invalid("milestone", label)
            return
        rows.seen[key] = self.where
        if ref:
            rows.seen[("ref", ref.lower())] = self.where
        current = rows.milestone_refs.get(ref.lower()) if ref else None
        if current is None and isinstance(target, int):
            current = rows.milestones.get(key)
        links = {}
        if isinstance(target, str):
            links["workstream_id"] = target
        else:
            values["workstream_id"] = target
        if project:
            self.read["project_id"] = project
            found = rows.projects.get((target, key_of(project))) if isinstance(target, int) else None
            if found is not None:
                values["project_id"] = found["id"]
            else:
                links["project_id"] = self.new_project(target, project)
        if current is None:
            self.create_milestone(values, links, label, ref)
        else:
            self.update_milestone(current, values, links, label)

    def new_project(self, target, name: str) -> str:
        rows = self.rows
        key = (target, key_of(name))
        if key not in rows.new_projects:
            plan = RowPlan(
                "create",
                "project",
                name,
                self.where,
                values={"name": name, "workstream_id": target if isinstance(target, int) else None},
                reason=rows.reason,
                key=f"project:{len(rows.new_projects)}",
            )
            if isinstance(target, str):
                plan.links["workstream_id"] = target
            plan.read = {"name": name}
            rows.new_projects[key] = plan
            rows.preview.rows.append(plan)
        return rows.new_projects[key].key

    def create_milestone(self, values: dict, links: dict, label: str, ref: str) -> None:
        if ref:
            values["ref"] = ref
        if "forecast_date" not in values and values.get("baseline_date"):
            values["forecast_date"] = values["baseline_date"]  # a tracker with one date: on plan
        plan = RowPlan("create", "milestone", label, self.where, values=values, reason=self.rows.reason)
        plan.links = links
        plan.warnings = self.warnings
        plan.read = {
            name: self.read.get(name, _plain(values.get(name))) for name in values if name != "workstream_id"
        }
        if "project_id" in plan.read:
            plan.display["project_id"] = self.read["project_id"]
        self.rows.preview.rows.append(plan)

    def update_milestone(self, current: dict, values: dict, links: dict, label: str) -> None:
        rows = self.rows
        plan = RowPlan(
            "unchanged",
            "milestone",
            label,
            self.where,
            entity_id=current["id"],
            version=current["version"],
            reason=rows.reason,
            warnings=self.warnings,
        )
        values.pop("workstream_id", None)
        values.pop("ref", None)
        changes = {}
        for name, new in values.items():
            old = current.get(name)
            if name == "notes" and (old or "").strip() == new.strip():
                continue
            if name == "title" and key_of(old or "") == key_of(new):
                continue  # how it was matched: the same title, typed another way
            if old != new:
                changes[name] = new
        if "baseline_date" in changes and current["baseline_date"] is not None:
            plan.warnings.append(
                Problem(
                    self.cell("baseline_date"),
                    "baseline changes are not imported; re-baseline in the app (it keeps the old one, with a reason)",
                )
            )
            del changes["baseline_date"]
        if "forecast_date" in changes and changes["forecast_date"] is None:
            del changes["forecast_date"]
        if links.get("project_id"):
            plan.links = {"project_id": links["project_id"]}
        if not changes and not plan.links:
            rows.preview.rows.append(plan)
            return
        if (
            "forecast_date" in changes
            and current["forecast_date"]
            and changes["forecast_date"] > current["forecast_date"]
        ):
            changes["last_change_reason"] = values.get("notes") or rows.reason
        plan.action = "update"
        plan.values = changes
        plan.old = {name: current.get(name) for name in changes}
        plan.read = {name: self.read[name] for name in changes if name in self.read}
        rows.preview.rows.append(plan)


def _plain(value) -> str:
    return "" if value is None else str(value)


def _numbers_only(grid: Grid, match: HeaderMatch, column: int) -> bool:
    values = [grid.rows[r].get(column) for r in grid.rows if r > match.row]
    filled = [v for v in values if not is_blank(v)]
    return bool(filled) and all(
        isinstance(v, (int, float)) or (isinstance(v, str) and v.strip().isdigit()) for v in filled
    )
