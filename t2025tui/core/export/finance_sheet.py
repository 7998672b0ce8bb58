"""Finance: the report's "Expenditure Plans & Funding" table in £000, whose totals, surplus /
(deficit) and funding gap are live Excel formulas, the gap said in words, and a chart of the gap.

The report prints the bottom line as expenditure less funding, so a shortfall showed as a
plain 1,545 that reads as a surplus. Here a surplus is positive and a deficit is in brackets,
and the shortfall also has its own line, "Funding gap", and a sentence, so it cannot be misread.
"""

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumData, NumVal, StrData, StrRef, StrVal
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import cells, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import finance

TITLE = "Finance"
TOTAL_LABEL = "Total Planned Expenditure"
SURPLUS_LABEL = "Planned surplus / (deficit)"
GAP_LABEL = "Funding gap (expenditure not yet funded)"


def gap_words(data: dict) -> str:
    """The funding position in one sentence: each year's gap with its amount, or none."""
    gaps = [(year, data["surplus_deficit"][year]) for year in data["years"]]
    short = [(year, gap) for year, gap in gaps if gap > 0]
    if not data["years"]:
        return "No finance lines recorded."
    if not short:
        return (
            f"Planned expenditure is fully funded in every year ({data['years'][0]} to {data['years'][-1]})."
        )
    each = ", ".join(f"{cells.money(gap)} in {year}" for year, gap in short)
    total = sum(gap for _, gap in short)
    tail = f" ({cells.money(total)} in all)" if len(short) > 1 else ""
    return f"Funding gap: planned expenditure exceeds funding by {each}{tail}."


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE, marking=ctx.marking)
    top = layout.title_block(
        ws,
        "Expenditure plans & funding",
        f"As at {long_date(ctx.as_of)}. {cells.MONEY_UNIT}; funding and savings are credits, shown in brackets as "
        "in the report; a deficit is in brackets. Totals, surplus / (deficit) and the gap are formulas, so "
        "they follow any figure changed here.",
    )
    data = finance.table(ctx.store)
    years = data["years"]
    ws.set_width("A", 34)
    for index in range(len(years)):
        ws.set_width(index + 2, 13)
    if not years:
        cells.put_text(ws, top, 1, "No finance lines recorded.").font = cells.NOTE_FONT
        return ws
    _header(ws, top, years)
    funding = [line for line in data["lines"] if line["kind"] == "funding"]
    spending = [line for line in data["lines"] if line["kind"] != "funding"]
    row = top + 2
    funding_rows = _lines(ws, row, funding, years)
    row += len(funding)
    spending_rows = _lines(ws, row, spending, years)
    row += len(spending)
    total_row, surplus_row, gap_row = row, row + 1, row + 2

    def net(c: str) -> str:  # expenditure less funding (funding is held as a negative credit)
        return f"{c}{total_row}" + (f"+{_sum(c, funding_rows)}" if funding_rows else "")

    _formula_row(ws, total_row, TOTAL_LABEL, years, lambda c: "=" + _sum(c, spending_rows))
    _formula_row(ws, surplus_row, SURPLUS_LABEL, years, lambda c: f"=-({net(c)})")
    _formula_row(ws, gap_row, GAP_LABEL, years, lambda c: f"=MAX(0,{net(c)})")
    words = cells.put_text(ws, gap_row + 2, 1, gap_words(data))
    words.font = cells.LABEL_FONT
    ws.merge(gap_row + 2, 1, len(years) + 1)
    ws.freeze(top + 2, 2)
    ws.ws.print_title_rows = f"{top}:{top + 1}"
    gaps = {year: max(0, data["surplus_deficit"][year]) for year in years}
    _chart(ws, gap_row + 4, years, top, gap_row, gaps)
    cached = ctx.formula_values.setdefault(TITLE, {})
    for index, year in enumerate(years, start=2):
        letter = get_column_letter(index)
        cached[f"{letter}{total_row}"] = data["total_planned_expenditure"][year]
        cached[f"{letter}{surplus_row}"] = -data["surplus_deficit"][year]
        cached[f"{letter}{gap_row}"] = gaps[year]
    return ws


def _header(ws: PackSheet, row: int, years: list[str]) -> None:
    cells.put_text(ws, row, 1, "Expenditure Plans & Funding")
    cells.put_text(ws, row + 1, 1, "")
    for index, year in enumerate(years, start=2):
        cells.put_text(ws, row, index, year)
        cells.put_text(ws, row + 1, index, cells.MONEY_UNIT)
    for r in (row, row + 1):
        for column in range(1, len(years) + 2):
            cell = ws.cell(row=r, column=column)
            cell.font = cells.HEADER_FONT
            cell.fill = cells.HEADER_FILL
            cell.alignment = cells.CENTRE if column > 1 else cells.TOP


def _lines(ws: PackSheet, row: int, lines: list[dict], years: list[str]) -> list[int]:
    rows = []
    for line in lines:
        cells.put_text(ws, row, 1, line["line"])
        for index, year in enumerate(years, start=2):
            cells.put_number(ws, row, index, line["amounts"].get(year), cells.GBP000_FORMAT)
        rows.append(row)
        row += 1
    return rows


def _sum(column: str, rows: list[int]) -> str:
    """The sum of the given rows in one column, as a formula term: a plain reference for one
    row, else a SUM of ranges (consecutive rows joined); 0 when there are none."""
    if not rows:
        return "0"
    if len(rows) == 1:
        return f"{column}{rows[0]}"
    ranges, start, prev = [], rows[0], rows[0]
    for r in rows[1:] + [None]:
        if r is not None and r == prev + 1:
            prev = r
            continue
        ranges.append(f"{column}{start}:{column}{prev}" if start != prev else f"{column}{start}")
        if r is not None:
            start = prev = r
    return f"SUM({','.join(ranges)})"


def _formula_row(ws: PackSheet, row: int, label: str, years: list[str], formula) -> None:
    cell = cells.put_text(ws, row, 1, label)
    cell.font = cells.LABEL_FONT
    for index in range(2, len(years) + 2):
        letter = get_column_letter(index)
        cell = cells.put_formula(ws, row, index, formula(letter))
        cell.font = cells.LABEL_FONT
        cell.border = cells.TOTAL_BORDER


def _chart(ws: PackSheet, row: int, years: list[str], header_row: int, gap_row: int, gaps: dict) -> None:
    """The funding gap by year, on a scale of the gap itself (beside a total of 160,000 a gap of
    1,545 is invisible). Each series carries its values, so previewers that draw charts without
    calculating (phones, mail attachments) show the bars too."""
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = f"Funding gap by year ({cells.MONEY_UNIT})"
    chart.y_axis.title = cells.MONEY_UNIT
    chart.y_axis.numFmt = "#,##0"
    chart.y_axis.scaling.min = 0
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    last = len(years) + 1
    data = Reference(ws.ws, min_col=1, max_col=last, min_row=gap_row, max_row=gap_row)
    chart.add_data(data, from_rows=True, titles_from_data=True)
    years_ref = Reference(ws.ws, min_col=2, max_col=last, min_row=header_row, max_row=header_row)
    series = chart.series[0]
    # The years are text: a string reference, or Excel labels the bars 1 to 5.
    series.cat = AxDataSource(
        strRef=StrRef(
            f=str(years_ref),
            strCache=StrData(ptCount=len(years), pt=[StrVal(idx=i, v=y) for i, y in enumerate(years)]),
        )
    )
    series.val.numRef.numCache = NumData(
        formatCode="General",
        ptCount=len(years),
        pt=[NumVal(idx=i, v=gaps[y]) for i, y in enumerate(years)],
    )
    chart.height = 7
    chart.width = 16
    ws.ws.add_chart(chart, f"A{row}")
