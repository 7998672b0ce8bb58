"""Health check: the Corporate Health Check per team, its measures and engagement ratings."""

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import cells, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries

TITLE = "Health check"


def _average(check: dict):
    ratings = [r["rating"] for r in check["ratings"]]
    return round(sum(ratings) / len(ratings), 1) if ratings else None


CHECK_COLUMNS = [
    Column("Team", 24, "wrap", lambda r: r["team"]),
    Column("Check date", 13, "date", lambda r: r["check_date"]),
    Column("Status", 30, "wrap", lambda r: r["status"]),
    Column("Themes", 45, "wrap", lambda r: r["themes"]),
    Column("Ratings", 9, "int", lambda r: len(r["ratings"])),
    Column("Average rating (1-10)", 11, "number", _average),
    Column("Notes", 60, "wrap", lambda r: r["notes"]),
]
MEASURE_COLUMNS = [
    Column("Team", 24, "wrap", lambda r: r["team"]),
    Column("Measure", 13, "wrap", lambda r: r["name"]),
    Column("Value", 30, "number", lambda r: r["value"]),
    Column("Unit", 45, "wrap", lambda r: r["unit"] or ("no value recorded" if r["value"] is None else "")),
]
RATING_COLUMNS = [
    Column("Team", 24, "wrap", lambda r: r["team"]),
    Column("Member", 13, "wrap", lambda r: r["member"]),
    Column("Rating (1-10)", 30, "int", lambda r: r["rating"]),
    Column("Comment", 45, "wrap", lambda r: r["comment"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    top = layout.title_block(ws, "Corporate Health Check", f"As at {long_date(ctx.as_of)}.")
    checks = pack_queries.health_checks(ctx.store)
    row = layout.write_table(ws, top, CHECK_COLUMNS, checks)
    measures = [{**m, "team": c["team"]} for c in checks for m in c["measures"]]
    ratings = [{**r, "team": c["team"]} for c in checks for r in c["ratings"]]
    row = _sub_table(ws, row, "Measures", MEASURE_COLUMNS, measures)
    _sub_table(ws, row, "Engagement ratings", RATING_COLUMNS, ratings)
    return ws


def _sub_table(ws: PackSheet, row: int, heading: str, columns: list[Column], items: list[dict]) -> int:
    """A further list under the first; its column widths match the first's, and only the first
    list is frozen and filtered (a sheet has one autofilter)."""
    cells.put_text(ws, row, 1, heading).font = cells.SUBTITLE_FONT
    return layout.write_table(ws, row + 1, columns, items, freeze=False, filter_=False)
