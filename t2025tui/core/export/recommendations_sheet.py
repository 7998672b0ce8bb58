"""Recommendations: HMICFRS status counts, then every recommendation."""

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import cells, editing, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries

TITLE = "Recommendations"
# As core.models.RecommendationStatus (a test keeps them equal); not imported from there, as
# loading pydantic for one list took a tenth of a large export's time.
STATUSES = ["Open", "In progress", "Submitted for closure", "Signed off", "Closed", "No longer relevant"]
KINDS = ["cause of concern", "recommendation", "area for improvement"]

# The columns a board reads come first: they are the ones printed (see layout.limit_print).
COLUMNS = [
    Column("Ref", 12, "text", lambda r: r["ref"]),
    Column("Type", 15, "wrap", lambda r: r["kind"]),
    Column("Status", 14, "wrap", lambda r: r["status"], editable=True, choices=tuple(STATUSES)),
    Column("Owner", 11, "wrap", lambda r: r["owner"]),
    Column("Workstream", 16, "wrap", lambda r: r["workstream_name"] or ""),
    Column("Target date", 11.5, "date", lambda r: r["target_date"]),
    Column("Recommendation", 40, "wrap", lambda r: r["text"]),
    Column("Evidence", 30, "wrap", lambda r: r["evidence"], editable=True),
    Column("Notes", 40, "wrap", lambda r: r["notes"], editable=True),
    Column("Report date", 13, "date", lambda r: r["source_date"]),
    Column("Source report", 24, "wrap", lambda r: r["source_report"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    row = layout.title_block(
        ws,
        "HMICFRS recommendations",
        f"As at {long_date(ctx.as_of)}.",
        instructions=editing.instructions("status, evidence, notes"),
    )
    row = _counts(ws, row, pack_queries.recommendation_status_counts(ctx.store))
    layout.write_table(
        ws,
        row + 2,
        COLUMNS,
        pack_queries.all_recommendations(ctx.store),
        print_pages=1,
        total=pack_queries.count(ctx.store, "recommendation"),
        what="recommendations",
        elsewhere="the counts above print in full",
    )
    return ws


def _counts(ws: PackSheet, row: int, counts: list[dict]) -> int:
    """Type (rows) by status (columns), with totals; only types that occur get a row.

    Kept short and across the page so the frozen area above the list stays small."""
    kinds = [k for k in KINDS if any(c["kind"] == k for c in counts)] or ["recommendation"]
    table = {(c["kind"], c["status"]): c["n"] for c in counts}
    header = ["Type"] + STATUSES + ["Total"]
    for column, text in enumerate(header, start=1):
        cell = cells.put_text(ws, row, column, text)
        cell.font = cells.LABEL_FONT
        cell.alignment = cells.CENTRE
        cell.border = cells.GRID_BORDER
    ws.set_height(row, 30)
    for kind in kinds:
        row += 1
        cells.put_text(ws, row, 1, kind.capitalize(), wrap=True).border = cells.GRID_BORDER
        values = [table.get((kind, status), 0) for status in STATUSES]
        for column, value in enumerate(values + [sum(values)], start=2):
            cell = cells.put_number(ws, row, column, value)
            cell.alignment = cells.CENTRE
            cell.border = cells.GRID_BORDER
        ws.set_height(row, layout.row_height([(kind, 15)]))
    return row + 1
