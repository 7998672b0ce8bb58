"""Milestones: ref, baseline, forecast, actual, slippage in days, status, the dependency flag,
reason for the last change."""

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import editing, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries

TITLE = "Milestones"
STATUS_BANDS = {"late": "Red", "at risk": "Amber", "on track": "Green", "complete": "Green"}

# Widths chosen so that every column prints on one A4 width at a readable size.
COLUMNS = [
    Column("Workstream", 18, "wrap", lambda r: r["workstream_name"]),
    Column("Project", 18, "wrap", lambda r: r["project_name"] or ""),
    # Editable: the import matches a row on its ref, so a title changed here is a rename.
    Column("Milestone", 34, "wrap", lambda r: r["title"], editable=True),
    Column("Ref", 9, "text", lambda r: r["ref"]),
    Column("Owner", 11, "wrap", lambda r: r["owner"]),
    Column("Baseline", 11.5, "date", lambda r: r["baseline_date"]),
    Column("Forecast", 11.5, "date", lambda r: r["forecast_date"], editable=True),
    Column("Actual", 11.5, "date", lambda r: r["actual_date"], editable=True),
    Column("Slippage (days)", 9, "int", lambda r: r["slippage_days"]),
    Column("Status", 9, "text", lambda r: r["status"], fill=lambda r: STATUS_BANDS.get(r["status"])),
    Column(
        "Dependency",
        14,
        "wrap",
        lambda r: f"at risk: needs {r['waits_on']}" if r["waits_on"] else "",
        fill=lambda r: "Amber" if r["waits_on"] else None,
    ),
    Column("Reason for last change", 32, "wrap", lambda r: r["last_change_reason"], editable=True),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    top = layout.title_block(
        ws,
        "Milestones",
        f"As at {long_date(ctx.as_of)}; status judged at {long_date(ctx.status_date)}. "
        "Slippage = forecast (or actual) minus baseline, in days.",
        instructions=editing.instructions(
            "milestone (a rename), forecast, actual, reason for last change: say why a forecast slips"
        ),
    )
    rows = pack_queries.all_milestones(ctx.store)
    layout.write_table(
        ws,
        top,
        COLUMNS,
        rows,
        print_pages=1,
        total=pack_queries.count(ctx.store, "milestone"),
        what="milestones",
        elsewhere="the late and at-risk ones print on the sheet 'Late and at-risk milestones'",
    )
    return ws
