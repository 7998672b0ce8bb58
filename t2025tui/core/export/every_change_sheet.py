"""Every change since last board, for audit: each RAG move, slip, re-baseline, de-scope, new or
closed risk and recommendation status change in the window, as it was made, with its date and
reason and who made it (undo and redo marked). The net effect is on "Changes since last board"."""

from datetime import date

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet

TITLE = "Every change since last board"


def shown(value):
    """Dates stay dates (the table writes them as real Excel dates); anything else as text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


COLUMNS = [
    Column("Date", 15, "date", lambda r: r["at"]),
    Column("Change", 20, "wrap", lambda r: r["kind"]),
    Column("Item", 36, "wrap", lambda r: r["item"]),
    Column("Workstream", 20, "wrap", lambda r: r["workstream"]),
    Column("From", 15, "wrap", lambda r: shown(r["old"])),
    Column("To", 15, "wrap", lambda r: shown(r["new"])),
    Column("Days moved", 8, "int", lambda r: r["days"]),
    Column("Reason", 32, "wrap", lambda r: r["reason"]),
    Column("Who", 12, "wrap", lambda r: r["who"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    top = layout.title_block(
        ws,
        "Every change since last board",
        f"Changes made {ctx.since_words}, up to the end of {long_date(ctx.as_of)}; oldest first, each step "
        "as it was made (for audit).",
    )
    layout.write_table(
        ws,
        top,
        COLUMNS,
        ctx.changes,
        empty_note="No RAG moves, slips, re-baselines, de-scopes, risk or "
        "recommendation status changes in this period.",
        print_pages=1,
        total=len(ctx.changes),
        what="changes",
    )
    return ws
