"""An existing risk log (say "SIT Risk Log V6 March 2022.xlsx") -> a preview of risks to create
or change. Risks are matched on their ref; nothing is written here (see `apply`).

Rules a user can rely on: a blank cell never clears what the app holds; columns the app has no
field for are kept in the risk's notes under a marker line (so re-importing the same file
changes nothing); score and RAG columns the app calculates itself are ignored.
"""

from pathlib import Path

import pydantic

from t2025tui.core.changes import first_error, to_db
from t2025tui.core.importers import values as conv
from t2025tui.core.importers.columns import (
    RISK_COLUMN_CONTENT,
    RISK_TARGETS,
    apply_column_choices,
    refine_columns,
    three_point_fields,
)
from t2025tui.core.importers.grid import ErrorValue, Formula, Grid, GridTooBig, cell_name, is_blank
from t2025tui.core.importers.headers import ColumnUse, HeaderMatch, find_header
from t2025tui.core.importers.preview import Preview, Problem, RowPlan, SheetUse
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.importers.source import open_source
from t2025tui.core.importers.workstreams import WorkstreamMatcher
from t2025tui.core.models import Risk
from t2025tui.core.store import Store

EXTRA_MARKER = "Other columns in the imported risk log:"
TEXT_FIELDS = ("ref", "title", "cause", "event", "effect", "category", "owner", "proximity", "actions")
SCORE_FIELDS = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")
FIELD_WORDS = {
    "inherent_likelihood": "likelihood",
    "inherent_impact": "impact",
    "residual_likelihood": "residual likelihood",
    "residual_impact": "residual impact",
    "review_date": "review date",
}
HEADER_HINT = "Ref, Risk ID, Risk No, Title, Risk Description, Likelihood, Impact, Owner"


def preview_risks(
    store: Store,
    path: Path,
    *,
    sheet: str | None = None,
    columns: dict[str, str] | None = None,
    workstreams: dict[str, str] | None = None,
) -> Preview:
    """Read the risk log at `path` and say, row by row, what importing it would do.

    `columns` changes what a column means for this import ({'K': 'actions', 'Contingency':
    'ignore'}); `workstreams` maps names the sheet uses to the app's ({'Old name': 'FCR'})."""
    file_name = Path(path).name
    with open_source(path) as source:
        grid, match, skipped = _find_table(source, sheet)
    try:
        grid.fill_down_merged(match.row)
    except GridTooBig as exc:
        raise ImportRefused(f"{file_name}: {exc}.") from None
    match, notes = refine_columns(grid, match, RISK_COLUMN_CONTENT)
    match, chosen = apply_column_choices(match, columns or {}, RISK_TARGETS, file_name)
    three_point = three_point_fields(grid, match)
    notes += chosen + [
        f"{use.letter} {use.header!r} is on a 3-point scale: Low / Medium / High read as 1 / 3 / 5"
        for use in match.columns
        if use.target in three_point
    ]
    preview = Preview(
        "risks", file_name, sheets=[SheetUse(grid.name, match.row, match.columns, tuple(notes))]
    )
    preview.warnings += [
        Problem(name, "hidden sheet, not read (name it with --sheet to read it)") for name in skipped
    ]
    if "title" not in match.field_columns():
        preview.warnings.append(
            Problem(
                f"{grid.name}!{match.row}", "no title column found, so only existing risks can be updated"
            )
        )
    try:
        matcher = WorkstreamMatcher(
            store.query("SELECT id, code, name FROM workstream ORDER BY position, id"), workstreams
        )
    except conv.CellError as exc:
        raise ImportRefused(str(exc)) from None
    RiskRows(store, grid, match, preview, matcher, three_point).build()
    return preview


def _find_table(source, sheet: str | None) -> tuple[Grid, HeaderMatch, list[str]]:
    hidden = [name for name in source.sheet_names if name not in source.visible()]
    if sheet is not None:
        grid = source.read(sheet)
        match = find_header(grid)
        if match is None:
            raise ImportRefused(
                f"{source.file_name}: no header row found in sheet {sheet!r} (looked in the "
                f"first rows for column names such as {HEADER_HINT})."
            )
        return grid, match, []
    names = source.visible()
    ordered = [n for n in names if "risk" in n.lower()] + [n for n in names if "risk" not in n.lower()]
    for name in ordered:
        grid = source.read(name)
        match = find_header(grid)
        if match is not None:
            return grid, match, hidden
    raise ImportRefused(
        f"{source.file_name}: no risk table found in any sheet (looked for a header row with "
        f"column names such as {HEADER_HINT}); name the sheet with --sheet."
    )


class RiskRows:
    def __init__(
        self,
        store: Store,
        grid: Grid,
        match: HeaderMatch,
        preview: Preview,
        matcher: WorkstreamMatcher,
        three_point: frozenset[str] = frozenset(),
    ):
        self.store = store
        self.grid = grid
        self.match = match
        self.preview = preview
        self.columns = match.field_columns()
        self.extras: list[ColumnUse] = match.extra_columns()
        self.existing = {row["ref"]: row for row in store.query("SELECT * FROM risk")}
        self.matcher = matcher
        self.codes = {ws.id: ws.code for ws in matcher.all}
        self.three_point = three_point
        self.seen: dict[str, int] = {}
        self.reason = f"Imported from {preview.file_name}"

    def where(self, row: int, field: str) -> str:
        return cell_name(self.grid.name, row, self.columns[field])

    def build(self) -> None:
        watched = sorted(set(self.columns.values()) | {use.column for use in self.extras})
        for row in sorted(r for r in self.grid.rows if r > self.match.row):
            cells = self.grid.rows[row]
            filled = [cells[c] for c in watched if c in cells and not is_blank(cells[c])]
            if not filled:
                continue
            if len(filled) == 1 and isinstance(filled[0], str) and len(filled[0].split()) > 3:
                self.preview.warnings.append(
                    Problem(f"{self.grid.name} row {row}", "skipped: a note, not a risk (one cell of text)")
                )
                continue
            plan = self.plan_row(row, cells)
            if plan is not None:
                self.preview.rows.append(plan)

    def plan_row(self, row: int, cells: dict) -> RowPlan | None:
        problems: list[Problem] = []
        warnings: list[Problem] = []
        parsed: dict = {}
        read: dict[str, object] = {}
        for field, column in self.columns.items():
            if column not in cells:
                continue
            value = cells[column]
            if value.__class__ is str and not value.strip():
                continue
            notes: list[str] = []
            try:
                parsed[field] = self.convert(field, value, notes)
            except conv.CellError as exc:
                problems.append(Problem(cell_name(self.grid.name, row, column), str(exc)))
                continue
            read["workstream_id" if field == "workstream" else field] = value  # shown as typed
            if notes:
                warnings += [Problem(cell_name(self.grid.name, row, column), note) for note in notes]
        if "status" in parsed:
            parsed["status"], implied = parsed["status"]
            if implied and "response" not in parsed:
                parsed["response"] = implied
        ref = parsed.get("ref") or ""
        where = f"{self.grid.name} row {row}"
        if not ref:
            if "title" not in parsed and not problems:
                self.preview.warnings.append(
                    Problem(where, "skipped: no ref and no title (a note or total row?)")
                )
                return None
            problems.insert(0, Problem(self._ref_cell(row), "no risk ref; every risk needs one (e.g. R-01)"))
            return RowPlan("invalid", "risk", parsed.get("title", "(no ref)"), where, problems=problems)
        if set(parsed) == {"ref"} and not problems and ref not in self.existing:
            # Templates often come with numbered rows waiting to be filled in.
            self.preview.warnings.append(Problem(where, f"skipped: {ref} has only a ref, nothing else"))
            return None
        if ref in self.seen:
            problems.insert(
                0,
                Problem(
                    self.where(row, "ref"),
                    f"ref {ref} appears again (first in row {self.seen[ref]}); refs must be unique",
                ),
            )
            return RowPlan("invalid", "risk", ref, where, problems=problems)
        self.seen[ref] = row
        extras = self.extra_values(row, cells, warnings)
        current = self.existing.get(ref)
        plan = (
            self.plan_update(row, ref, current, parsed, extras)
            if current
            else self.plan_create(row, ref, parsed, extras)
        )
        plan.problems = problems + plan.problems
        plan.warnings = warnings
        if plan.problems:
            plan.action = "invalid"
        plan.read = read
        if parsed.get("workstream") is not None:
            plan.display["workstream_id"] = self.codes.get(parsed["workstream"], "")
        elif "workstream" in parsed:
            plan.display["workstream_id"] = "(programme)"
        return plan

    def _ref_cell(self, row: int) -> str:
        return self.where(row, "ref") if "ref" in self.columns else f"{self.grid.name} row {row}"

    def convert(self, field: str, value, notes: list[str]):
        what = FIELD_WORDS.get(field, field.replace("_", " "))
        if field in SCORE_FIELDS:
            return conv.to_score(value, what, three_point=field in self.three_point)
        if field == "review_date":
            return conv.to_date(value, what, notes)
        if field == "status":
            return conv.to_register_status(value, what, notes)
        if field == "response":
            return conv.to_response(value, what)
        if field == "workstream":
            return self.workstream_id(value, what, notes)
        return conv.to_text(value, what)

    def workstream_id(self, value, what: str, notes: list[str]) -> int | None:
        found, note = self.matcher.match(conv.to_text(value, what))
        if note:
            notes.append(note)
        return found

    def extra_values(self, row: int, cells: dict, warnings: list[Problem]) -> list[tuple[str, str]]:
        kept = []
        for use in self.extras:
            value = cells.get(use.column)
            if isinstance(value, ErrorValue):
                warnings.append(
                    Problem(
                        cell_name(self.grid.name, row, use.column),
                        f"shows the Excel error {value.code}; not kept",
                    )
                )
                continue
            if isinstance(value, Formula):
                warnings.append(
                    Problem(
                        cell_name(self.grid.name, row, use.column),
                        f"is a formula ({value}); its last calculated value is kept",
                    )
                )
                value = value.cached
                if isinstance(value, ErrorValue):
                    continue
            if not is_blank(value):
                kept.append((use.header, conv.to_text(value)))
        return kept

    def db_values(self, parsed: dict) -> dict:
        values = {k: v for k, v in parsed.items() if k != "workstream"}
        if "workstream" in parsed:
            values["workstream_id"] = parsed["workstream"]
        return values

    def plan_create(self, row: int, ref: str, parsed: dict, extras) -> RowPlan:
        where = f"{self.grid.name} row {row}"
        values = self.db_values(parsed)
        values["notes"] = merged_notes("", parsed.get("notes"), extras)
        if not values.get("title"):
            cell = self.where(row, "title") if "title" in self.columns else where
            return RowPlan(
                "invalid", "risk", ref, where, problems=[Problem(cell, "no title; a new risk needs one")]
            )
        try:
            model = Risk.model_validate(values)
        except pydantic.ValidationError as exc:
            return RowPlan("invalid", "risk", ref, where, problems=[self.model_problem(row, exc)])
        stored = model.model_dump(mode="json", exclude={"id"})
        return RowPlan("create", "risk", ref, where, values=stored, reason=self.reason)

    def plan_update(self, row: int, ref: str, current: dict, parsed: dict, extras) -> RowPlan:
        where = f"{self.grid.name} row {row}"
        values = self.db_values(parsed)
        notes = merged_notes(current["notes"], parsed.get("notes"), extras)
        values["notes"] = notes
        changes = {k: to_db(v) for k, v in values.items() if current.get(k) != to_db(v)}
        plan = RowPlan(
            "unchanged",
            "risk",
            ref,
            where,
            entity_id=current["id"],
            version=current["version"],
            reason=self.reason,
        )
        if not changes:
            return plan
        try:
            Risk.model_validate({**current, **changes})
        except pydantic.ValidationError as exc:
            plan.problems.append(self.model_problem(row, exc))
            return plan
        plan.action = "update"
        plan.values = changes
        plan.old = {k: current[k] for k in changes}
        return plan

    def model_problem(self, row: int, exc: pydantic.ValidationError) -> Problem:
        error = first_error(exc)
        column = self.columns.get(error.field or "")
        where = cell_name(self.grid.name, row, column) if column else f"{self.grid.name} row {row}"
        return Problem(where, str(error))


def merged_notes(current: str, sheet_notes: str | None, extras: list[tuple[str, str]]) -> str:
    """The notes a risk should hold: the sheet's notes (or the app's, when the sheet has none)
    followed by the columns the app has no field for, under a marker so a re-import replaces them."""
    base = sheet_notes if sheet_notes else current.split(EXTRA_MARKER)[0].rstrip()
    if not extras:
        return base if sheet_notes else current
    block = EXTRA_MARKER + "\n" + "\n".join(f"{header}: {value}" for header, value in extras)
    return f"{base}\n\n{block}" if base else block
