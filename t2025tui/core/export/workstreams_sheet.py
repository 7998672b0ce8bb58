"""Workstreams: RAG now against the last board, trend, lead, reason, commentary, the suggested RAG
and its rule, next milestone."""

from dataclasses import replace

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import editing, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.layout import Column
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import status
from t2025tui.core.queries.suggested_rag import suggested_rags
from t2025tui.core.rag import rag_scale

TITLE = "Workstreams"
TREND_WORDS = {"better": "↑ better", "worse": "↓ worse", "same": "→ same", "new": "• new"}


def _next_title(row: dict) -> str:
    nxt = row["next_milestone"]
    return nxt["title"] if nxt else "none open"


def _next_date(row: dict):
    nxt = row["next_milestone"]
    return nxt["forecast_date"] if nxt else None


# Widths chosen so that the columns up to the commentary print on one A4 width, readably.
COLUMNS = [
    Column("Code", 7, "text", lambda r: r["code"]),
    Column("Workstream", 22, "wrap", lambda r: r["name"]),
    Column("Lead", 13, "wrap", lambda r: r["lead"]),
    Column("RAG now", 10, "rag", lambda r: r["rag"], editable=True),
    Column("RAG at last board", 10, "rag", lambda r: r["rag_at_board"]),
    Column("Trend", 9, "text", lambda r: TREND_WORDS[r["trend"]]),
    Column("Reason for RAG", 36, "wrap", lambda r: r["rag_reason"], editable=True),
    Column("Commentary", 50, "wrap", lambda r: r["commentary"], editable=True),
    # Beside the commentary, still on the printed page: the RAG the records suggest, and why
    # (core/queries/suggested_rag.py). The manual RAG stays the one of record.
    Column("Suggested RAG", 10, "rag", lambda r: r["suggested"]),
    Column("Rule", 22, "wrap", lambda r: r["rule"]),
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
    top = layout.title_block(
        ws,
        "Workstreams",
        f"As at {long_date(ctx.as_of)}; {compared}.",
        instructions=editing.instructions("RAG now, reason for RAG, commentary"),
    )
    rows = status.workstreams(ctx.store, board_date=ctx.compare_date)
    suggested = {s.workstream_id: s for s in suggested_rags(ctx.store)}
    for row in rows:
        found = suggested.get(row["id"])
        row["suggested"] = found.suggested if found else None
        row["rule"] = found.rule if found else ""
    scale = rag_scale(ctx.store)
    columns = [replace(c, choices=scale) if c.editable and c.kind == "rag" else c for c in COLUMNS]
    layout.write_table(ws, top, columns, rows, print_pages=1, total=len(rows), what="workstreams")
    return ws
