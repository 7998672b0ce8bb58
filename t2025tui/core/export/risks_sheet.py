"""Risks: the risk log (PRINCE2 / Orange Book columns) with inherent and residual 5x5 heat maps."""

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import cells, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import lists
from t2025tui.core.queries import pack as pack_queries

TITLE = "Risks"
SCORE = 8  # width shared by the score columns, which the heat map grid sits under

# The columns a board reads come first: they are the ones printed (see layout.limit_print).
COLUMNS = [
    Column("Ref", 11, "text", lambda r: r["ref"]),
    Column("Risk", 36, "wrap", lambda r: r["title"]),
    Column("Residual score", SCORE, "int", lambda r: r["residual_score"]),
    Column("Residual band", SCORE, "band", lambda r: r["residual_band"]),
    Column("Owner", 14, "wrap", lambda r: r["owner"]),
    Column("Response", 11, "text", lambda r: r["response"] or ""),
    Column("Actions", 44, "wrap", lambda r: r["actions"]),
    Column("Status", 9, "text", lambda r: r["status"]),
    Column("Review date", 12, "date", lambda r: r["review_date"]),
    Column(
        "Review overdue",
        9,
        "text",
        lambda r: "OVERDUE" if r["review_overdue"] else "",
        fill=lambda r: "Red" if r["review_overdue"] else None,
    ),
    Column("Inherent L", SCORE, "int", lambda r: r["inherent_likelihood"]),
    Column("Inherent I", SCORE, "int", lambda r: r["inherent_impact"]),
    Column("Inherent score", SCORE, "int", lambda r: r["inherent_score"]),
    Column("Inherent band", SCORE, "band", lambda r: r["inherent_band"]),
    Column("Residual L", SCORE, "int", lambda r: r["residual_likelihood"]),
    Column("Residual I", SCORE, "int", lambda r: r["residual_impact"]),
    Column("Category", 14, "wrap", lambda r: r["category"]),
    Column("Workstream", 22, "wrap", lambda r: r["workstream_name"] or ""),
    Column("Proximity", 12, "wrap", lambda r: r["proximity"]),
    Column("Cause", 40, "wrap", lambda r: r["cause"]),
    Column("Event", 40, "wrap", lambda r: r["event"]),
    Column("Effect", 40, "wrap", lambda r: r["effect"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    prog = ctx.programme
    top = layout.title_block(ws, "Risk log", f"As at {long_date(ctx.as_of)}. {bands_note(prog)}")
    rows = pack_queries.all_risks(ctx.store)
    after = layout.write_table(
        ws,
        top,
        COLUMNS,
        rows,
        print_pages=1,
        total=pack_queries.count(ctx.store, "risk"),
        what="risks",
        elsewhere="the open red and amber ones print on the sheet 'Red and amber risks'",
    )
    unscored = pack_queries.unscored_open_risks(ctx.store)
    row = after
    for which in ("inherent", "residual"):
        row = _heat_map(ws, row, which, lists.heat_map(ctx.store, which), prog) + 1
    if unscored:
        cells.put_text(
            ws, row, 2, f"{unscored} open risk(s) not yet scored are not in the heat maps."
        ).font = cells.NOTE_FONT
    return ws


def bands_note(prog: dict) -> str:
    return (
        f"L = likelihood, I = impact (1-5); score = L x I; bands: Green 1-{prog['band_amber_min'] - 1}, "
        f"Amber {prog['band_amber_min']}-{prog['band_red_min'] - 1}, Red {prog['band_red_min']}-25."
    )


def _band(score: int, prog: dict) -> str:
    if score >= prog["band_red_min"]:
        return "Red"
    return "Amber" if score >= prog["band_amber_min"] else "Green"


def _heat_map(ws: PackSheet, row: int, which: str, grid: list[list[int]], prog: dict) -> int:
    """Counts of open risks by impact (rows, 5 at the top) and likelihood (columns 1 to 5)."""
    cells.put_text(
        ws, row, 2, f"{which.capitalize()} heat map: open risks by impact and likelihood"
    ).font = cells.SUBTITLE_FONT
    row += 1
    cells.put_text(ws, row, 2, "Impact ↓ / Likelihood →").font = cells.LABEL_FONT
    for likelihood in range(1, 6):
        cell = cells.put_number(ws, row, 2 + likelihood, likelihood)
        cell.font = cells.LABEL_FONT
        cell.alignment = cells.CENTRE
    for impact in range(5, 0, -1):
        row += 1
        label = cells.put_text(ws, row, 2, f"{impact}")
        label.font = cells.LABEL_FONT
        label.alignment = cells.CENTRE
        ws.set_height(row, 22)
        for likelihood in range(1, 6):
            count = grid[impact - 1][likelihood - 1]
            cell = cells.put_number(ws, row, 2 + likelihood, count or None)  # blank where there are none
            cells.fill_for_band(cell, _band(impact * likelihood, prog))
            cell.alignment = cells.CENTRE
            cell.border = cells.GRID_BORDER
    return row + 1
