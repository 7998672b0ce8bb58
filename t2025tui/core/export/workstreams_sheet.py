"""Workstreams: RAG now against the last board, trend, lead, reason, commentary, next milestone."""

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import status

TITLE = "Workstreams"
TREND_WORDS = {"better": "↑ better", "worse": "↓ worse", "same": "→ same", "new": "• new"}


def _next_title(row: dict) -> str:
    nxt = row["next_milestone"]
    return nxt["title"] if nxt else "none open"


def _next_date(row: dict):
    nxt = row["next_milestone"]
    return nxt["forecast_date"] if nxt else None


COLUMNS = [
    Column("Code", 8, "text", lambda r: r["code"]),
    Column("Workstream", 28, "wrap", lambda r: r["name"]),
    Column("Lead", 16, "wrap", lambda r: r["lead"]),
    Column("RAG now", 11, "rag", lambda r: r["rag"]),
    Column("RAG at last board", 11, "rag", lambda r: r["rag_at_board"]),
    Column("Trend", 10, "text", lambda r: TREND_WORDS[r["trend"]]),
    Column("Reason for RAG", 48, "wrap", lambda r: r["rag_reason"]),
    Column("Commentary", 70, "wrap", lambda r: r["commentary"]),
    Column("Next milestone", 34, "wrap", _next_title),
    Column("Next forecast", 13, "date", _next_date),
    Column("Late", 7, "int", lambda r: r["late"]),
    Column("At risk", 7, "int", lambda r: r["at_risk"]),
]


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    compared = (
        f"RAG at last board: as it stood at the end of {long_date(ctx.since)}"
        if ctx.since
        else "no earlier board recorded"
    )
    top = layout.title_block(ws, "Workstreams", f"As at {long_date(ctx.as_of)}; {compared}.")
    rows = status.workstreams(ctx.store, board_date=ctx.compare_date)
    layout.write_table(ws, top, COLUMNS, rows)
    return ws
