"""Changes since last board, net: one line per record and field, from where it stood when the
window opened to where it stands at its end (a slip and its undo cancel out; three slips are
one line with the total days). Every step, for audit, is on the next sheet."""

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import every_change_sheet, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.every_change_sheet import shown
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries

TITLE = "Changes since last board"


COLUMNS = [
    Column("Change", 20, "wrap", lambda r: r["kind"]),
    Column("Item", 36, "wrap", lambda r: r["item"]),
    Column("Workstream", 20, "wrap", lambda r: r["workstream"]),
    Column("Was", 15, "wrap", lambda r: shown(r["old"])),
    Column("Now", 15, "wrap", lambda r: shown(r["new"])),
    Column("Days moved", 8, "int", lambda r: r["days"]),
    Column("Steps", 7, "int", lambda r: r["steps"]),
    Column("Last changed", 12, "date", lambda r: r["at"][:10]),
    Column("Reason (latest)", 28, "wrap", lambda r: r["reason"]),
    Column("Changed by", 12, "wrap", lambda r: r["who"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    top = layout.title_block(
        ws,
        "Changes since last board",
        f"What changed {ctx.since_words}, up to the end of {long_date(ctx.as_of)}: where each item started "
        f"and where it ended. Steps that cancel out are left out; every step is on '{every_change_sheet.TITLE}'.",
    )
    rows = pack_queries.net_changes(ctx.changes)
    layout.write_table(
        ws,
        top,
        COLUMNS,
        rows,
        empty_note="No RAG moves, slips, re-baselines, de-scopes, risk or "
        "recommendation status changes in this period.",
        print_pages=2,
        total=len(rows),
        what="net changes",
    )
    return ws
