"""Changes since last board: every RAG move, slip, re-baseline, de-scope, new or closed risk and
recommendation status change in the window, with its date and reason."""

from datetime import date

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries

TITLE = "Changes since last board"


def _shown(value):
    """Dates stay dates (the table writes them as real Excel dates); anything else as text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


COLUMNS = [
    Column("Date", 17, "date", lambda r: r["at"]),
    Column("Change", 20, "wrap", lambda r: r["kind"]),
    Column("Item", 40, "wrap", lambda r: r["item"]),
    Column("Workstream", 24, "wrap", lambda r: r["workstream"]),
    Column("From", 16, "wrap", lambda r: _shown(r["old"])),
    Column("To", 16, "wrap", lambda r: _shown(r["new"])),
    Column("Days moved", 9, "int", lambda r: r["days"]),
    Column("Reason", 60, "wrap", lambda r: r["reason"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    top = layout.title_block(
        ws,
        "Changes since last board",
        f"Changes made {ctx.since_words}, up to the end of {long_date(ctx.as_of)}; oldest first.",
    )
    rows = pack_queries.board_changes(ctx.store, ctx.since, ctx.as_of)
    layout.write_table(
        ws,
        top,
        COLUMNS,
        rows,
        empty_note="No RAG moves, slips, re-baselines, de-scopes, risk or "
        "recommendation status changes in this period.",
    )
    return ws
