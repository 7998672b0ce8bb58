"""Writing a preview: one transaction, one 'import' batch in the history, all or nothing.

Any invalid row stops the whole import unless `skip_invalid` is given. Conflicts (records
changed in the app since the pack was exported) are never applied. If a record changes between
the preview and the confirmation, nothing is written and the user is asked to preview again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from t2025tui.core.changes import Change, edit
from t2025tui.core.errors import StaleEditError
from t2025tui.core.importers.preview import Preview, RowPlan
from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.store import Store

# entity (or "entity:action") -> how to write a row; `created` maps the key of each record this
# import has created so far to its new id, for the rows that point at it.
APPLIERS: dict[str, Callable[[Change, RowPlan, dict[str, int]], None]] = {}


@dataclass(frozen=True)
class ImportResult:
    created: int
    changed: int
    skipped_invalid: int
    conflicts: int
    batch_id: int | None

    def message(self, file_name: str) -> str:
        parts = [f"{self.created} created", f"{self.changed} changed"]
        if self.skipped_invalid:
            parts.append(f"{self.skipped_invalid} invalid rows skipped")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflicts not applied")
        return f"Imported {file_name}: " + ", ".join(parts) + "."


def applier(entity: str):
    def register(function):
        APPLIERS[entity] = function
        return function

    return register


def apply_preview(store: Store, preview: Preview, *, skip_invalid: bool = False) -> ImportResult:
    invalid = preview.invalid
    if invalid and not skip_invalid:
        first = invalid[0].problems[0] if invalid[0].problems else invalid[0].where
        raise ImportRefused(
            f"{len(invalid)} invalid row{'s' if len(invalid) != 1 else ''} in {preview.file_name}, so nothing "
            f"was written (first: {first}). Fix them and import again, or use --skip-invalid."
        )
    rows = preview.to_write
    created = sum(1 for row in rows if row.action == "create")
    changed = len(rows) - created
    batch_id = None
    if rows:
        summary = f"Import {preview.kind} from {preview.file_name}: {created} created, {changed} changed"
        reason = f"Imported from {preview.file_name}"
        if preview.kind == "updates":  # the board's edits, recorded as the importer's, from that file
            summary = f"Edits from the pack returned by {preview.file_name}: {changed} changed"
            reason = f"From the pack returned by {preview.file_name}"
        with edit(store, summary, action="import", reason=reason) as change:
            _check_new_refs_still_free(change, rows)
            # New risks were validated with the Risk model when previewed and their refs were
            # just checked free, so they go in as one bulk insert.
            new_risks = [row for row in rows if row.entity == "risk" and row.action == "create"]
            change.insert_many_raw("risk", [row.values for row in new_risks])
            new_ids: dict[str, int] = {}
            for row in rows:
                if not (row.entity == "risk" and row.action == "create"):
                    write = APPLIERS.get(f"{row.entity}:{row.action}") or APPLIERS[row.entity]
                    write(change, row, new_ids)
            batch_id = change.batch_id
    return ImportResult(created, changed, len(invalid), preview.count("conflict"), batch_id)


def changed_since_preview(plan: RowPlan) -> StaleEditError:
    return StaleEditError(
        f"{plan.entity.replace('_', ' ')} {plan.label} changed in the app since the preview, so nothing was "
        "written; preview the import again."
    )


def update_checked(change: Change, plan: RowPlan, changes: dict, *, reason: str | None = None) -> dict:
    if plan.entity_id is None:
        raise ValueError(f"a change to {plan.label} was planned without the record's id")
    try:
        return change.update(
            plan.entity,
            plan.entity_id,
            changes,
            expected_version=plan.version,
            reason=plan.reason if reason is None else reason,
        )
    except StaleEditError:
        raise changed_since_preview(plan) from None


def _check_new_refs_still_free(change: Change, rows: list[RowPlan]) -> None:
    """A risk added in the app since the preview with a ref the import would create: stop.

    One query for the whole import (not one per row), inside the import's transaction."""
    creating = {row.values["ref"]: row for row in rows if row.entity == "risk" and row.action == "create"}
    if not creating:
        return
    for (ref,) in change.conn.execute("SELECT ref FROM risk"):
        if ref in creating:
            raise changed_since_preview(creating[ref])


@applier("risk")
@applier("programme")
@applier("workstream")
@applier("milestone")
@applier("recommendation")
def apply_pack_edit(change: Change, plan: RowPlan, created: dict[str, int]) -> None:
    # The service rules (reasons for worsening RAG and slips, the recommendation status flow)
    # were checked when previewed; the version check here catches anything changed since.
    values = {**plan.values, **{name: created[key] for name, key in plan.links.items()}}
    update_checked(change, plan, values)


@applier("workstream:create")
@applier("project:create")
@applier("milestone:create")
def apply_plan_create(change: Change, plan: RowPlan, created: dict[str, int]) -> None:
    """A record of a plan import, after the records it points at (the preview's order)."""
    values = {**plan.values, **{name: created[key] for name, key in plan.links.items()}}
    clash = _existing(change, plan.entity, values)
    if clash:
        raise changed_since_preview(plan)
    if plan.entity == "milestone":
        _milestone_defaults(change, values)
    new_id = change.insert(plan.entity, values)
    if plan.key:
        created[plan.key] = new_id


def _milestone_defaults(change: Change, values: dict) -> None:
    """What the milestone service gives a new milestone: the next ref of its workstream (so the
    history holds the ref it got) and the programme's default tolerance."""
    from t2025tui.core.services.milestones import next_ref

    if not values.get("ref"):
        values["ref"] = next_ref(change.conn, values["workstream_id"])
    if "tolerance_days" not in values:
        values["tolerance_days"] = change.conn.execute(
            "SELECT default_tolerance_days FROM programme WHERE id = 1"
        ).fetchone()[0]


def _existing(change: Change, entity: str, values: dict) -> bool:
    """A record added in the app since the preview that this create would duplicate."""
    args: tuple
    if entity == "workstream":
        sql, args = "SELECT 1 FROM workstream WHERE code = ? COLLATE NOCASE", (values["code"],)
    elif entity == "project":
        sql = "SELECT 1 FROM project WHERE workstream_id IS ? AND lower(name) = lower(?)"
        args = (values.get("workstream_id"), values["name"])
    elif values.get("ref"):
        sql = "SELECT 1 FROM milestone WHERE lower(ref) = lower(?) OR (workstream_id = ? AND lower(title) = lower(?))"
        args = (values["ref"], values["workstream_id"], values["title"])
    else:
        sql = "SELECT 1 FROM milestone WHERE workstream_id = ? AND lower(title) = lower(?)"
        args = (values["workstream_id"], values["title"])
    return change.conn.execute(sql, args).fetchone() is not None
