"""Building the Futures Board progress pack: read a consistent snapshot, write each sheet,
save through a checked temporary file."""

import errno
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from lxml.etree import SerialisationError  # type: ignore[import-untyped]
from openpyxl import Workbook, load_workbook
from openpyxl.packaging.custom import IntProperty

from t2025tui.core.export import (
    changes_sheet,
    every_change_sheet,
    finance_sheet,
    health_sheet,
    milestones_sheet,
    recommendations_sheet,
    risks_sheet,
    summary_sheet,
    workstreams_sheet,
)
from t2025tui.core.export.archive import save_pack
from t2025tui.core.export.atomic_write import atomic_write
from t2025tui.core.export.cells import safe_text
from t2025tui.core.export.context import PackContext
from t2025tui.core.export.errors import ExportError
from t2025tui.core.export.exceptions_sheets import LateMilestones, RedAmberRisks
from t2025tui.core.export.governance_sheets import (
    ActionLog,
    BoardGovernance,
    DecisionLog,
    DependencyLog,
    IssueLog,
    LessonLog,
)
from t2025tui.core.export.sheet import PackSheet, discard_unsaved
from t2025tui.core.queries import pack as pack_queries
from t2025tui.core.queries import status
from t2025tui.core.store import Store
from t2025tui.core.timetravel import as_of_store, later_changes, snapshot_store


# Printed in this order (File > Print, entire workbook): the board pack first, the full
# registers after it, each of those printing only its first page.
class SheetWriter(Protocol):
    """A sheet of the pack: a module or class with its title and a function writing it."""

    TITLE: str

    def write(self, wb: Workbook, ctx: PackContext) -> PackSheet: ...


SHEETS: list[SheetWriter] = [
    summary_sheet,
    workstreams_sheet,
    LateMilestones,
    RedAmberRisks,
    BoardGovernance,
    changes_sheet,
    finance_sheet,
    milestones_sheet,
    risks_sheet,
    recommendations_sheet,
    ActionLog,
    IssueLog,
    DecisionLog,
    DependencyLog,
    LessonLog,
    every_change_sheet,
    health_sheet,
]
SHEET_TITLES = [module.TITLE for module in SHEETS]
CHANGE_LOG_PROPERTY = "t2025tui last change-log id"

# progress(done, total, what is happening now)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PackResult:
    path: Path
    as_of: date
    since: date | None
    sheets: list[str]
    time_travelled: bool


def write_pack(
    store: Store,
    out: Path | str,
    *,
    as_of: date | None = None,
    since: date | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> PackResult:
    """Write the pack for the programme as it stood at the end of `as_of` (default: now).

    `since` (default: the last board meeting on or before `as_of`) frames the changes sheet
    and the "RAG at last board" column. Raises ExportError (a T2025Error) with one clear line.
    """
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ExportError(
            f"{out} does not end in .xlsx; the pack is an Excel workbook, so give a .xlsx name."
        )
    today = today or date.today()
    steps = len(SHEETS) + 3
    report = progress or (lambda done, total, what: None)
    report(0, steps, "Reading the programme")
    rewind = as_of is not None and later_changes(store, as_of) > 0
    snapshot = as_of_store(store, as_of) if rewind else snapshot_store(store)
    try:
        status_day = status.status_date(snapshot)
        # The last and next board are counted from the day asked for, else the programme's
        # today (its status date when one is fixed, as on the dashboard), not the calendar's.
        board_day = as_of or status_day
        as_of = as_of or today
        last_board = pack_queries.last_board_on_or_before(snapshot, board_day)
        if since is None:
            since = last_board
        elif since > as_of:
            raise ExportError(
                f"--since {since.isoformat()} is after --as-of {as_of.isoformat()}; "
                "give a since date on or before the as-of date."
            )
        ctx = PackContext(
            store=snapshot,
            as_of=as_of,
            since=since,
            last_board=last_board,
            board_day=board_day,
            status_date=status_day,
            generated_at=datetime.now().astimezone(),
            time_travelled=rewind,
        )

        def write(temp: Path) -> None:
            # Write-only: each sheet's rows go to a temporary file as they are made (see
            # sheet.py), so writing the sheets is already writing to disk, and the save zips them.
            wb = Workbook(write_only=True)
            try:
                dimensions = {}
                for done, module in enumerate(SHEETS, start=1):
                    report(done, steps, f"Writing {module.TITLE}")
                    sheet = module.write(wb, ctx)
                    sheet.finish()
                    dimensions[sheet.title] = sheet.dimension
                _properties(wb, ctx)
                report(steps - 2, steps, "Saving")
                _save(wb, temp, dimensions, ctx)
            except SerialisationError as exc:
                raise _as_os_error(exc) from None
            finally:
                discard_unsaved(wb)

        atomic_write(out, write, _check)
        report(steps, steps, "Done")
    finally:
        snapshot.close()
    return PackResult(out, as_of, since, list(SHEET_TITLES), rewind)


def _as_os_error(exc: Exception) -> OSError:
    """lxml reports a failed write of a sheet (a full disk, a file-size limit) as its own error
    naming the C error, not as an OSError: turn it back into one, so it gets the same one-line
    message as any other failed write."""
    text = str(exc)
    for name in ("ENOSPC", "EFBIG", "EDQUOT", "EACCES", "EROFS", "EIO"):
        if name in text and hasattr(errno, name):
            code = getattr(errno, name)
            return OSError(code, os.strerror(code))
    return OSError(errno.EIO, f"the pack could not be written ({text})")


def _save(wb: Workbook, temp: Path, dimensions: dict[str, str], ctx: PackContext) -> None:
    try:
        save_pack(wb, temp, dimensions, ctx.formula_values)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExportError(f"The pack was written damaged ({exc}); nothing was replaced. Try again.") from None


def _properties(wb: Workbook, ctx: PackContext) -> None:
    name = safe_text(ctx.programme.get("name") or "Programme")
    props = wb.properties
    props.title = f"Futures Board progress pack: {name}"
    props.subject = f"{name}: progress as at {ctx.as_of.isoformat()}"
    props.creator = "t2025tui"
    props.lastModifiedBy = "t2025tui"
    props.keywords = "Futures Board; progress pack; RAG; milestones; risks; finance"
    props.category = "Programme report"
    props.description = safe_text(ctx.programme.get("organisation") or "")
    created = ctx.generated_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.created = created
    props.modified = created
    # The last change-log entry the pack reflects (the snapshot's own, so exact even when rebuilt
    # "as at" an earlier date). `t2025 import updates` uses it to tell a lead's edit in the
    # returned pack from a later change in the app; Excel and LibreOffice keep custom properties.
    last_change = ctx.store.scalar("SELECT COALESCE(MAX(id), 0) FROM change_log")
    custom: Any = wb.custom_doc_props  # type: ignore[attr-defined]  # not in the stubs
    custom.append(IntProperty(name=CHANGE_LOG_PROPERTY, value=last_change))


def _check(path: Path) -> None:
    """The saved file must be a sound zip that openpyxl reads back with every sheet in place."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
        if bad:
            raise ExportError(f"The pack was written damaged ({bad}); nothing was replaced. Try again.")
        with open(path, "rb") as handle:  # a handle: openpyxl refuses names not ending .xlsx
            wb = load_workbook(handle, read_only=True)
            try:
                names = wb.sheetnames
            finally:
                wb.close()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExportError(f"The pack failed its check after saving ({exc}); nothing was replaced.") from None
    if names != SHEET_TITLES:
        raise ExportError(f"The pack failed its check after saving (sheets {names}); nothing was replaced.")
