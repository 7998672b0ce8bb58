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

APPLIERS: dict[str, Callable[[Change, RowPlan], None]] = {}


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
            for row in rows:
                if not (row.entity == "risk" and row.action == "create"):
                    APPLIERS[row.entity](change, row)
            batch_id = change.batch_id
    return ImportResult(created, changed, len(invalid), preview.count("conflict"), batch_id)


def changed_since_preview(plan: RowPlan) -> StaleEditError:
    return StaleEditError(
        f"{plan.entity.replace('_', ' ')} {plan.label} changed in the app since the preview, so nothing was "
        "written; preview the import again."
    )


def update_checked(change: Change, plan: RowPlan, changes: dict, *, reason: str | None = None) -> dict:
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
def apply_pack_edit(change: Change, plan: RowPlan) -> None:
    # The service rules (reasons for worsening RAG and slips, the recommendation status flow)
    # were checked when previewed; the version check here catches anything changed since.
    update_checked(change, plan, plan.values)
