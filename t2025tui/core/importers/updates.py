"""The Futures Board pack, returned after leads edited it in Excel -> a preview of changes.

Rows are matched by what the pack shows: workstreams by Code, milestones by Workstream and
Milestone title, recommendations by Ref. A cell counts as edited only when it differs from
the value the record held when the pack was exported (rebuilt from the change log), so the
pack's stale copy of something changed in the app since is never mistaken for an edit. A row
that was edited in Excel *and* changed in the app since the export is a conflict and is not
applied. The pack records the last change-log entry it reflects (a custom document property);
a pack without it falls back to its creation time, or the end of its "as at" day if rebuilt.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from t2025tui.core.changes import decode
from t2025tui.core.importers import values as conv
from t2025tui.core.importers.grid import Grid, cell_name, is_blank
from t2025tui.core.importers.headers import ColumnUse, HeaderMatch, find_header
from t2025tui.core.importers.preview import Preview, Problem, RowPlan, SheetUse
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.importers.source import open_source
from t2025tui.core.models import RecommendationStatus
from t2025tui.core.rag import is_worse, rag_scale
from t2025tui.core.services.recommendations import allowed_next, needs_reason
from t2025tui.core.store import Store

RECOMMENDATION_STATUSES = tuple(RecommendationStatus.__args__)
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
        },
        ("forecast_date", "actual_date", "last_change_reason"),
    ),
    "Recommendations": SheetSpec(
        "recommendation",
        ("ref",),
        {"ref": ("ref",), "status": ("status",), "evidence": ("evidence",), "notes": ("notes",)},
        ("status", "evidence", "notes"),
    ),
}
DATE_FIELDS = ("baseline_date", "forecast_date", "actual_date")
NOT_SET_WORDS = ("not set", "none", "n/a", "-")  # how the pack shows a RAG that was never set
FIELD_WORDS = {
    "rag": "RAG",
    "rag_reason": "reason for RAG",
    "forecast_date": "forecast",
    "actual_date": "actual date",
    "last_change_reason": "reason for last change",
}


def preview_updates(store: Store, path: Path) -> Preview:
    """Read a returned pack and say, row by row, what importing it would change."""
    file_name = Path(path).name
    with open_source(path, allow_csv=False) as source:
        found = [name for name in SHEETS if name in source.sheet_names]
        if not found:
            raise ImportRefused(
                f"{file_name} is not a Futures Board pack: it has none of the sheets "
                f"{', '.join(SHEETS)}. Export the pack with `t2025 export` and send that."
            )
        _check_programme(store, source.core_property("title"), file_name)
        grids = {name: source.read(name) for name in found}
        summary = source.read("Summary") if "Summary" in source.sheet_names else None
        last_id = _whole_number(source.custom_property(CHANGE_LOG_PROPERTY))
        if last_id is not None:
            history = History(store, after_id=last_id)
        else:
            history = History(store, exported_at=_exported_at(source.created(), summary, file_name))
    preview = Preview("updates", file_name)
    if summary is not None:
        SummaryRows(store, summary, history, preview).build()
    for name, grid in grids.items():
        spec = SHEETS[name]
        match = find_header(grid, spec.columns, required=spec.key[:1])
        if match is None or any(k not in match.field_columns() for k in spec.key):
            preview.warnings.append(
                Problem(name, "no table with the pack's column names found; sheet skipped")
            )
            continue
        match = HeaderMatch(
            match.sheet,
            match.row,
            tuple(
                use if use.target in spec.columns else ColumnUse(use.column, use.header, "ignored")
                for use in match.columns
            ),
        )
        preview.sheets.append(SheetUse(name, match.row, match.columns))
        UpdateRows(store, grid, match, spec, history, preview).build()
    return preview


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
            bound = (exported_at - timedelta(days=1)).date().isoformat()
            entries = [
                e
                for e in store.query(f"{columns} WHERE at >= ? AND {tables} ORDER BY id", (bound,))
                if _moment(e["at"]) is not None and _moment(e["at"]) >= exported_at
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
        self.records = self._load()

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
            if _same(parsed, exported) or _same(parsed, record[field]):
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
        edits = {}
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
            if not (_same(reason, exported) or _same(reason, programme[reason_field])):
                edits[reason_field] = reason
        except conv.CellError as exc:
            plan.problems.append(Problem(cell_name(self.grid.name, row, 3), str(exc)))
        if plan.problems:
            plan.action = "invalid"
            return plan
        if not edits:
            return plan
        if self.history.changed_at("programme", 1) is not None:
            changed_at = self.history.changed_at("programme", 1)
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
            elif is_worse(programme[rag_field], new) and not edits.get(reason_field, "").strip():
                plan.problems.append(
                    Problem(
                        cell_name(self.grid.name, row, 3),
                        f"{label} worsens from {programme[rag_field]} to {new}; write the new "
                        "reason beside it",
                    )
                )
        if edits.get(reason_field, "").strip():
            plan.reason = edits[reason_field].strip()
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
    return int(number) if number is not None and number.is_integer() and number >= 0 else None


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def _same(new, old) -> bool:
    """Equal as the user sees them: text ignoring surrounding spaces, blank and missing alike."""
    if isinstance(new, str) or isinstance(old, str):
        return (new or "").strip() == (old or "").strip()
    return new == old
