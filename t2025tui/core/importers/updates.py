"""The Futures Board pack, returned after leads edited it in Excel -> a preview of changes.

Rows are matched by what the pack shows: workstreams by Code, milestones by their Ref where the
pack has one (else, as in older packs, by Workstream and Milestone title), recommendations by Ref. A cell counts as edited only when it differs from
the value the record held when the pack was exported (rebuilt from the change log), so the
pack's stale copy of something changed in the app since is never mistaken for an edit. A row
that was edited in Excel *and* changed in the app since the export is a conflict and is not
applied. The pack records the last change-log entry it reflects (a custom document property);
a pack without it falls back to its creation time, or the end of its "as at" day if rebuilt.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import get_args

from t2025tui.core.changes import decode
from t2025tui.core.importers import values as conv
from t2025tui.core.importers.grid import Grid, cell_name, is_blank
from t2025tui.core.importers.headers import ColumnUse, HeaderMatch, find_header
from t2025tui.core.importers.preview import Preview, Problem, RowPlan, SheetUse
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.importers.sheet_parser import unescape_ooxml
from t2025tui.core.importers.source import open_source
from t2025tui.core.models import RecommendationStatus
from t2025tui.core.rag import is_worse, rag_scale
from t2025tui.core.services.recommendations import allowed_next, needs_reason
from t2025tui.core.store import Store

RECOMMENDATION_STATUSES: tuple[str, ...] = get_args(RecommendationStatus)
# Written by the export (core/export/pack.py, same name; a test keeps them equal). Not imported
# from there, because that module loads openpyxl.
CHANGE_LOG_PROPERTY = "t2025tui last change-log id"
PACK_TITLE = "Futures Board progress pack:"  # the export's document title, then the programme name


@dataclass(frozen=True)
class SheetSpec:
    entity: str
    key: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]  # field -> header names (normalised)
    editable: tuple[str, ...]
    optional: tuple[str, ...] = ()  # columns an older pack lacks


SHEETS: dict[str, SheetSpec] = {
    "Workstreams": SheetSpec(
        "workstream",
        ("code",),
        {
            "code": ("code", "workstream code"),
            "rag": ("rag now", "rag", "rag status"),
            "rag_reason": ("reason for rag", "rag reason", "reason"),
            "commentary": ("commentary", "comments"),
        },
        ("rag", "rag_reason", "commentary"),
    ),
    "Milestones": SheetSpec(
        "milestone",
        ("workstream", "title"),
        {
            "workstream": ("workstream",),
            "title": ("milestone", "title"),
            "baseline_date": ("baseline",),
            "forecast_date": ("forecast", "forecast date"),
            "actual_date": ("actual", "actual date"),
            "last_change_reason": ("reason for last change", "reason", "reason for change"),
            "ref": ("ref", "milestone ref"),
        },
        # The title too: a row is matched on its ref, so a title typed over is a rename.
        ("title", "forecast_date", "actual_date", "last_change_reason"),
        optional=("ref",),
    ),
    "Recommendations": SheetSpec(
        "recommendation",
        ("ref",),
        {"ref": ("ref",), "status": ("status",), "evidence": ("evidence",), "notes": ("notes",)},
        ("status", "evidence", "notes"),
    ),
}
# The pack's other sheets (core/export), never taken for a renamed editable sheet.
# Digests such as "Late and at-risk milestones" repeat an editable sheet's columns, so they must
# be listed here or one would be taken for that sheet when it has been renamed.
OTHER_PACK_SHEETS = (
    "Summary",
    "Late and at-risk milestones",
    "Red and amber risks",
    "Actions and issues due",
    "Changes since last board",
    "Every change since last board",
    "Risks",
    "Finance",
    "Action log",
    "Issue log",
    "Decision log",
    "Dependencies",
    "Lessons log",
    "Health check",
)
DATE_FIELDS = ("baseline_date", "forecast_date", "actual_date")
NOT_SET_WORDS = ("not set", "none", "n/a", "-")  # how the pack shows a RAG that was never set
FIELD_WORDS = {
    "rag": "RAG",
    "rag_reason": "reason for RAG",
    "forecast_date": "forecast",
    "actual_date": "actual date",
    "last_change_reason": "reason for last change",
    "title": "title",
}


def preview_updates(store: Store, path: Path) -> Preview:
    """Read a returned pack and say, row by row, what importing it would change."""
    file_name = Path(path).name
    with open_source(path, allow_csv=False) as source:
        _check_programme(store, source.core_property("title"), file_name)
        grids, missing, renamed = _pack_sheets(source, file_name)
        summary = source.read("Summary") if "Summary" in source.sheet_names else None
        last_id = _whole_number(source.custom_property(CHANGE_LOG_PROPERTY))
        if last_id is not None:
            history = History(store, after_id=last_id)
        else:
            history = History(store, exported_at=_exported_at(source.created(), summary, file_name))
    preview = Preview("updates", file_name)
    preview.warnings += renamed + missing
    if summary is not None:
        SummaryRows(store, summary, history, preview).build()
    for name, (grid, match) in grids.items():
        spec = SHEETS[name]
        match = HeaderMatch(
            match.sheet,
            match.row,
            tuple(
                use if use.target in spec.columns else ColumnUse(use.column, use.header, "ignored")
                for use in match.columns
            ),
        )
        preview.sheets.append(SheetUse(grid.name, match.row, match.columns))
        UpdateRows(store, grid, match, spec, history, preview).build()
    return preview


def _pack_sheets(
    source, file_name: str
) -> tuple[dict[str, tuple[Grid, HeaderMatch]], list[Problem], list[Problem]]:
    """The pack's editable sheets, by name or, when renamed, by their header row.

    A sheet that is neither where its name says nor recognisable by its header is reported,
    never silently left out: the edits in it would otherwise be lost without a word."""
    found: dict[str, tuple[Grid, HeaderMatch]] = {}
    missing: list[Problem] = []
    renamed: list[Problem] = []
    unclaimed = [name for name in source.visible() if name not in SHEETS and name not in OTHER_PACK_SHEETS]
    for name, spec in SHEETS.items():
        if name in source.sheet_names:
            grid = source.read(name)
            match = _spec_header(grid, spec)
            if match is not None:
                found[name] = (grid, match)
            else:
                missing.append(Problem(name, "no table with the pack's column names found; sheet skipped"))
            continue
        for other in list(unclaimed):
            grid = source.read(other)
            match = _spec_header(grid, spec, every_column=True)
            if match is not None:
                found[name] = (grid, match)
                unclaimed.remove(other)
                renamed.append(Problem(other, f"read as the pack's {name} sheet (found by its header row)"))
                break
        else:
            missing.append(
                Problem(
                    name,
                    f"the pack's {name} sheet is missing (renamed or deleted?), so no edits were read from it; "
                    "give it back its name or its header row",
                )
            )
    if not found:
        raise ImportRefused(
            f"{file_name} is not a Futures Board pack: it has none of the sheets "
            f"{', '.join(SHEETS)} (by name or header row). Export the pack with `t2025 export` and send that."
        )
    return found, missing, renamed


def _spec_header(grid: Grid, spec: SheetSpec, *, every_column: bool = False) -> HeaderMatch | None:
    match = find_header(grid, spec.columns, required=spec.key[:1])
    if match is None:
        return None
    fields = match.field_columns()
    wanted = [name for name in spec.columns if name not in spec.optional] if every_column else spec.key
    return match if all(field in fields for field in wanted) else None


def _check_programme(store: Store, title: str | None, file_name: str) -> None:
    """Refuse a pack exported from another programme: its rows would match nothing, or the wrong thing."""
    if not title or not title.startswith(PACK_TITLE):
        return
    pack_programme = title[len(PACK_TITLE) :].strip()
    ours = (store.scalar("SELECT name FROM programme WHERE id = 1") or "").strip()
    if pack_programme and ours and pack_programme != ours:
        raise ImportRefused(
            f"{file_name} is the pack of {pack_programme!r}, but this database holds {ours!r}; "
            "open the right database with --db."
        )


def _exported_at(created: datetime | None, summary: Grid | None, file_name: str) -> datetime:
    """The moment the pack's values describe."""
    as_of, rebuilt = _summary_as_of(summary)
    if rebuilt and as_of is not None:
        return datetime.combine(as_of + timedelta(days=1), time.min).astimezone()
    if created is None:
        raise ImportRefused(
            f"{file_name} does not say when it was exported (no creation time), so edits cannot "
            "be told from later changes in the app. Export a fresh pack with `t2025 export`."
        )
    return created


def _summary_as_of(summary: Grid | None) -> tuple[date | None, bool]:
    if summary is None:
        return None, False
    for cells in summary.rows.values():
        label = cells.get(1)
        if isinstance(label, str) and label.strip().lower() == "programme as at":
            text = str(cells.get(2) or "")
            rebuilt = "rebuilt" in text
            try:
                return conv.to_date(text.split("(")[0].strip(), "as at"), rebuilt
            except conv.CellError:
                return None, rebuilt
    return None, False


class History:
    """What each record held when the pack was exported, and which records changed since.

    The pack names the last change-log entry it reflects (a custom document property written
    by the export), which is exact. A pack without it falls back to its creation time, where
    a change in the same second as the export counts as after it (a conflict, never a lost edit).
    """

    def __init__(self, store: Store, *, after_id: int | None = None, exported_at: datetime | None = None):
        self.changed: dict[tuple[str, int], str] = {}
        self.old_values: dict[tuple[str, int], dict[str, object]] = {}
        columns = "SELECT id, entity, entity_id, field, action, old, at FROM change_log"
        tables = "entity IN ('programme', 'workstream', 'milestone', 'recommendation')"
        if after_id is not None:
            entries = store.query(f"{columns} WHERE id > ? AND {tables} ORDER BY id", (after_id,))
        else:
            if exported_at is None:
                raise ValueError("History needs after_id or exported_at")
            bound = (exported_at - timedelta(days=1)).date().isoformat()
            entries = [
                e
                for e in store.query(f"{columns} WHERE at >= ? AND {tables} ORDER BY id", (bound,))
                if (moment := _moment(e["at"])) is not None and moment >= exported_at
            ]
        for entry in entries:
            key = (entry["entity"], entry["entity_id"])
            self.changed.setdefault(key, entry["at"])
            if entry["action"] == "update":
                self.old_values.setdefault(key, {}).setdefault(entry["field"], decode(entry["old"]))

    def value_at_export(self, entity: str, record: dict, field: str):
        return self.old_values.get((entity, record["id"]), {}).get(field, record[field])

    def changed_at(self, entity: str, record_id: int) -> str | None:
        return self.changed.get((entity, record_id))


class UpdateRows:
    def __init__(
        self,
        store: Store,
        grid: Grid,
        match: HeaderMatch,
        spec: SheetSpec,
        history: History,
        preview: Preview,
    ):
        self.store = store
        self.grid = grid
        self.match = match
        self.spec = spec
        self.history = history
        self.preview = preview
        self.columns = match.field_columns()
        self.reason = f"From the pack returned by {preview.file_name}"
        self.scale = rag_scale(store)
        self.by_ref: dict[str, dict] = {}  # milestones by their ref (FCR-M03)
        self.records = self._load()
        self.seen: dict[int, tuple[int, tuple]] = {}  # record id -> (first row, its editable cells)

    def _load(self) -> dict[tuple, list[dict]]:
        entity = self.spec.entity
        if entity == "milestone":
            rows = self.store.query(
                "SELECT m.*, w.name AS workstream FROM milestone m "
                "JOIN workstream w ON w.id = m.workstream_id"
            )
        else:
            rows = self.store.query(f"SELECT * FROM {entity}")
        records: dict[tuple, list[dict]] = {}
        for row in rows:
            key = tuple(str(row[k]).strip().lower() for k in self.spec.key)
            records.setdefault(key, []).append(row)
            if row.get("ref") and entity == "milestone":
                self.by_ref[row["ref"].strip().lower()] = row
        return records

    def cell(self, row: int, field: str) -> str:
        return cell_name(self.grid.name, row, self.columns[field])

    def build(self) -> None:
        for row in sorted(r for r in self.grid.rows if r > self.match.row):
            cells = self.grid.rows[row]
            keys = [cells.get(self.columns[k]) for k in self.spec.key]
            if all(is_blank(k) for k in keys):
                continue
            plan = self.plan_row(row, cells, keys)
            if plan is not None:
                self.preview.rows.append(plan)

    def plan_row(self, row: int, cells: dict, keys: list) -> RowPlan | None:
        where = f"{self.grid.name} row {row}"
        entity = self.spec.entity
        try:
            key = tuple(conv.to_text(k, "key").lower() for k in keys)
        except conv.CellError as exc:
            return RowPlan("invalid", entity, "?", where, problems=[Problem(where, str(exc))])
        label = " / ".join(conv.to_text(k) for k in keys)
        found = self.records.get(key, [])
        ref = cells.get(self.columns["ref"]) if "ref" in self.columns else None
        if isinstance(ref, str) and ref.strip().lower() in self.by_ref:
            # A ref is stable: the row is its milestone even if the title was edited since.
            found = [self.by_ref[ref.strip().lower()]]
            label = f"{ref.strip()} {conv.to_text(keys[-1])}"
        if len(found) != 1:
            why = (
                f"no {entity} {label!r} in the database (was it renamed or deleted in the app?)"
                if not found
                else f"{len(found)} {entity}s match {label!r}; change this one in the app"
            )
            return RowPlan(
                "invalid", entity, label, where, problems=[Problem(self.cell(row, self.spec.key[-1]), why)]
            )
        record = found[0]
        editable = tuple(cells.get(self.columns[f]) for f in self.spec.editable if f in self.columns)
        if record["id"] in self.seen:
            first, first_cells = self.seen[record["id"]]
            if first_cells == editable:
                self.preview.warnings.append(
                    Problem(where, f"{entity} {label} repeats row {first} exactly; read once")
                )
                return None
            return RowPlan(
                "invalid",
                entity,
                label,
                where,
                problems=[
                    Problem(
                        where,
                        f"{entity} {label} appears twice in the pack (rows {first} and {row}) with different "
                        "values; delete the row that is wrong and import again",
                    )
                ],
            )
        self.seen[record["id"]] = (row, editable)
        plan = RowPlan(
            "unchanged",
            entity,
            label,
            where,
            entity_id=record["id"],
            version=record["version"],
            reason=self.reason,
        )
        edits = self.edited_cells(row, cells, record, plan)
        if plan.problems:
            plan.action = "invalid"
            return plan
        if not edits:
            return plan
        changed_at = self.history.changed_at(entity, record["id"])
        if changed_at is not None:
            plan.action = "conflict"
            fields = ", ".join(FIELD_WORDS.get(f, f.replace("_", " ")) for f in edits)
            plan.problems.append(
                Problem(
                    where,
                    f"{fields} edited in the pack, but this {entity} was changed in the "
                    f"app since the pack was exported (at {changed_at[:16].replace('T', ' ')});"
                    " not applied: make the change in the app",
                )
            )
            return plan
        getattr(self, f"rules_{entity}")(row, record, edits, plan)
        if plan.problems:
            plan.action = "invalid"
            return plan
        plan.action = "update"
        plan.values = edits
        plan.old = {field: record[field] for field in edits}
        return plan

    def edited_cells(self, row: int, cells: dict, record: dict, plan: RowPlan) -> dict:
        """Fields whose cell differs from what the record held at export time."""
        edits = {}
        for field in self.spec.editable + (("baseline_date",) if self.spec.entity == "milestone" else ()):
            if field not in self.columns:
                continue
            value = cells.get(self.columns[field])
            try:
                parsed = self.convert(field, value)
            except conv.CellError as exc:
                plan.problems.append(Problem(self.cell(row, field), str(exc)))
                continue
            exported = self.history.value_at_export(self.spec.entity, record, field)
            if _shown_as(parsed, exported) or _shown_as(parsed, record[field]):
                # Untouched in the pack, or already what the app holds (the same change made twice).
                continue
            if field == "baseline_date":
                plan.warnings.append(
                    Problem(
                        self.cell(row, field),
                        "baseline changes are not imported; re-baseline in the app (it needs a reason)",
                    )
                )
                continue
            edits[field] = parsed
        return edits

    def convert(self, field: str, value):
        what = FIELD_WORDS.get(field, field.replace("_", " "))
        if field in DATE_FIELDS:
            parsed = conv.to_date(value, what)
            return parsed.isoformat() if parsed else None
        if field == "rag":
            if isinstance(value, str) and value.strip().lower() in NOT_SET_WORDS:
                return None
            return conv.to_rag(value, self.scale, what)
        if field == "status":
            return conv.to_choice(value, RECOMMENDATION_STATUSES, what)
        return conv.to_text(value, what).replace("\r\n", "\n")

    def rules_workstream(self, row: int, record: dict, edits: dict, plan: RowPlan) -> None:
        if "rag" in edits:
            new = edits["rag"]
            if new is None:
                plan.problems.append(
                    Problem(self.cell(row, "rag"), "RAG cannot be cleared by import; set it in the app")
                )
            elif is_worse(record["rag"], new) and not edits.get("rag_reason", "").strip():
                where = (
                    self.cell(row, "rag_reason") if "rag_reason" in self.columns else self.cell(row, "rag")
                )
                plan.problems.append(
                    Problem(
                        where,
                        f"RAG worsens from {record['rag']} to {new}; write the new reason "
                        "in 'Reason for RAG'",
                    )
                )
            if edits.get("rag_reason", "").strip():
                plan.reason = edits["rag_reason"].strip()

    def rules_milestone(self, row: int, record: dict, edits: dict, plan: RowPlan) -> None:
        reason = edits.get("last_change_reason", "").strip()
        if "title" in edits and not (edits["title"] or "").strip():
            plan.problems.append(
                Problem(self.cell(row, "title"), "a milestone's title cannot be cleared; type its name")
            )
        if "forecast_date" in edits:
            new, old = edits["forecast_date"], record["forecast_date"]
            if new is None:
                plan.problems.append(
                    Problem(
                        self.cell(row, "forecast_date"),
                        "the forecast cannot be cleared by import; change it in the app",
                    )
                )
            elif old is not None and new > old and not reason:
                plan.problems.append(
                    Problem(
                        self.cell(row, "forecast_date"),
                        f"forecast slips from {old} to {new}; write why in 'Reason for last change'",
                    )
                )
        if "actual_date" in edits and edits["actual_date"] is None and record["actual_date"] and not reason:
            plan.problems.append(
                Problem(
                    self.cell(row, "actual_date"),
                    "clearing the actual date re-opens the milestone; write why in 'Reason for last change'",
                )
            )
        if reason:
            plan.reason = reason

    def rules_recommendation(self, row: int, record: dict, edits: dict, plan: RowPlan) -> None:
        if "status" not in edits:
            return
        new, old = edits["status"], record["status"]
        if new is None:
            plan.problems.append(
                Problem(
                    self.cell(row, "status"),
                    "status cannot be cleared; give one of " + ", ".join(RECOMMENDATION_STATUSES),
                )
            )
            return
        if new not in allowed_next(old):
            plan.problems.append(
                Problem(
                    self.cell(row, "status"),
                    f"{record['ref']} cannot go from {old} to {new}; "
                    f"next can be {', '.join(allowed_next(old))}",
                )
            )
            return
        reason = (edits.get("notes") or "").strip() or (edits.get("evidence") or "").strip()
        if needs_reason(old, new) and not reason:
            plan.problems.append(
                Problem(
                    self.cell(row, "status"), f"moving from {old} to {new} needs a reason; write it in Notes"
                )
            )
        if reason:
            plan.reason = reason


class SummaryRows:
    """The programme's Overall and Risk management RAG lines on the Summary sheet (label in A,
    RAG in B, reason in C). The workstream lines there are a digest: edit the Workstreams sheet."""

    LINES = {"overall": "overall", "risk management": "risk"}
    NO_REASON = "no reason recorded"  # what the pack shows for an empty reason

    def __init__(self, store: Store, grid: Grid, history: History, preview: Preview):
        self.store = store
        self.grid = grid
        self.history = history
        self.preview = preview
        self.scale = rag_scale(store)
        self.reason = f"From the pack returned by {preview.file_name}"

    def build(self) -> None:
        programme = self.store.query_one("SELECT * FROM programme WHERE id = 1")
        if programme is None:
            raise ImportRefused("this database holds no programme; create one with t2025 init")
        seen = set()
        for row in sorted(self.grid.rows):
            cells = self.grid.rows[row]
            label = cells.get(1)
            which = self.LINES.get(label.strip().lower()) if isinstance(label, str) else None
            if which is None or which in seen:
                continue
            seen.add(which)
            if not self.preview.sheets or self.preview.sheets[0].sheet != self.grid.name:
                self.preview.sheets.insert(
                    0,
                    SheetUse(
                        self.grid.name,
                        row,
                        (
                            ColumnUse(2, "RAG", "programme RAG"),
                            ColumnUse(3, "reason", "programme RAG reason"),
                        ),
                    ),
                )
            self.preview.rows.append(self.plan_line(row, cells, which, programme))

    def plan_line(self, row: int, cells: dict, which: str, programme: dict) -> RowPlan:
        rag_field, reason_field = f"{which}_rag", f"{which}_rag_reason"
        where = f"{self.grid.name} row {row}"
        label = "overall RAG" if which == "overall" else "risk management RAG"
        plan = RowPlan(
            "unchanged",
            "programme",
            label,
            where,
            entity_id=1,
            version=programme["version"],
            reason=self.reason,
        )
        edits: dict[str, str | None] = {}
        try:
            value = cells.get(2)
            rag = (
                None
                if isinstance(value, str) and value.strip().lower() in NOT_SET_WORDS
                else conv.to_rag(value, self.scale, "RAG")
            )
            if rag not in (
                self.history.value_at_export("programme", programme, rag_field),
                programme[rag_field],
            ):
                edits[rag_field] = rag
        except conv.CellError as exc:
            plan.problems.append(Problem(cell_name(self.grid.name, row, 2), str(exc)))
        try:
            reason = conv.to_text(cells.get(3), "reason")
            reason = "" if reason.lower() == self.NO_REASON else reason.replace("\r\n", "\n")
            exported = self.history.value_at_export("programme", programme, reason_field)
            if not (_shown_as(reason, exported) or _shown_as(reason, programme[reason_field])):
                edits[reason_field] = reason
        except conv.CellError as exc:
            plan.problems.append(Problem(cell_name(self.grid.name, row, 3), str(exc)))
        if plan.problems:
            plan.action = "invalid"
            return plan
        if not edits:
            return plan
        changed_at = self.history.changed_at("programme", 1)
        if changed_at is not None:
            plan.action = "conflict"
            plan.problems.append(
                Problem(
                    where,
                    f"{label} edited in the pack, but the programme was changed in the "
                    f"app since the pack was exported (at {changed_at[:16].replace('T', ' ')});"
                    " not applied: make the change in the app",
                )
            )
            return plan
        if rag_field in edits:
            new = edits[rag_field]
            if new is None:
                plan.problems.append(
                    Problem(
                        cell_name(self.grid.name, row, 2),
                        "RAG cannot be cleared by import; set it in the app",
                    )
                )
            elif is_worse(programme[rag_field], new) and not (edits.get(reason_field) or "").strip():
                plan.problems.append(
                    Problem(
                        cell_name(self.grid.name, row, 3),
                        f"{label} worsens from {programme[rag_field]} to {new}; write the new "
                        "reason beside it",
                    )
                )
        reason_given = (edits.get(reason_field) or "").strip()
        if reason_given:
            plan.reason = reason_given
        if plan.problems:
            plan.action = "invalid"
            return plan
        plan.action = "update"
        plan.values = edits
        plan.old = {field: programme[field] for field in edits}
        return plan


def _whole_number(text: str | None) -> int | None:
    """The property as written (an integer), or as LibreOffice re-saves it (a double, '120' or '120.0')."""
    try:
        number = float(text) if text else None
    except ValueError:
        return None
    if number is None or not (number.is_integer() and 0 <= number < 2**62):
        return None  # not an id the export could have written: the pack's creation time is used
    return int(number)


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


_PLAIN_TEXT = re.compile(r"[\x20-\x7e\n\t]*")


def _shown_as(cell, value) -> bool:
    """The cell is `value` as the pack shows it: the export cuts text longer than a cell holds
    (counting UTF-16 units, with a marker) and shows characters XML cannot hold as U+FFFD. A
    pack from before the export escaped a literal `_x000D_` held it as it is, so Excel read it
    as an escape and the text may come back decoded."""
    if _same(cell, value):
        return True
    if (
        not isinstance(value, str)
        or not value
        or (len(value) <= 16_000 and _PLAIN_TEXT.fullmatch(value) and "_x" not in value)
    ):
        return False
    from t2025tui.core.export.cells import safe_text  # loads openpyxl: only for unusual text

    shown = safe_text(value)
    if _same(cell, shown):
        return True
    # An older pack's literal `_x000D_`, read by Excel or LibreOffice as an escape.
    return isinstance(cell, str) and _same(unescape_ooxml(cell), unescape_ooxml(shown))


def _same(new, old) -> bool:
    """Equal as the user sees them: text ignoring surrounding spaces, blank and missing alike."""
    if isinstance(new, str) or isinstance(old, str):
        return (new or "").strip() == (old or "").strip()
    return new == old
