"""Finance: the report's "Expenditure Plans & Funding" table, in GBP 000s, whose totals and
surplus / (deficit) are live Excel formulas, and a chart of funding against planned expenditure."""

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import cells, layout
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import finance

TITLE = "Finance"
TOTAL_LABEL = "Total Planned Expenditure"
SURPLUS_LABEL = "Planned surplus / (deficit)"


def write(wb: Workbook, ctx: PackContext) -> PackSheet:
    ws = layout.new_sheet(wb, TITLE)
    top = layout.title_block(
        ws,
        "Expenditure plans & funding",
        f"As at {long_date(ctx.as_of)}. GBP 000s; funding and savings are credits, shown in brackets as in "
        "the report. Totals and surplus / (deficit) are formulas, so they follow any figure changed here.",
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
    total_row, surplus_row = row, row + 1
    _formula_row(ws, total_row, TOTAL_LABEL, years, lambda c: "=" + _sum(c, spending_rows))
    _formula_row(
        ws,
        surplus_row,
        SURPLUS_LABEL,
        years,
        lambda c: f"={c}{total_row}" + (f"+{_sum(c, funding_rows)}" if funding_rows else ""),
    )
    ws.freeze(top + 2, 2)
    ws.ws.print_title_rows = f"{top}:{top + 1}"
    chart_row = surplus_row + 3
    _chart(ws, chart_row, years, top, total_row, funding_rows)
    cached = ctx.formula_values.setdefault(TITLE, {})
    for index, year in enumerate(years, start=2):
        letter = get_column_letter(index)
        cached[f"{letter}{total_row}"] = data["total_planned_expenditure"][year]
        cached[f"{letter}{surplus_row}"] = data["surplus_deficit"][year]
        cached[f"{letter}{chart_row + 1}"] = -data["funding"][year]
        cached[f"{letter}{chart_row + 2}"] = data["total_planned_expenditure"][year]
    return ws


def _header(ws: PackSheet, row: int, years: list[str]) -> None:
    cells.put_text(ws, row, 1, "Expenditure Plans & Funding")
    cells.put_text(ws, row + 1, 1, "")
    for index, year in enumerate(years, start=2):
        cells.put_text(ws, row, index, year)
        cells.put_text(ws, row + 1, index, "£000's")
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


def _chart(
    ws: PackSheet, row: int, years: list[str], header_row: int, total_row: int, funding_rows: list[int]
) -> None:
    """Two helper rows the chart plots (funding shown as a positive amount), then the chart."""
    cells.put_text(ws, row, 1, "For the chart (GBP 000s)").font = cells.NOTE_FONT
    cells.put_text(ws, row + 1, 1, "Funding")
    cells.put_text(ws, row + 2, 1, "Planned expenditure")
    for index in range(2, len(years) + 2):
        letter = get_column_letter(index)
        cells.put_formula(ws, row + 1, index, f"=-{_sum(letter, funding_rows)}" if funding_rows else "=0")
        cells.put_formula(ws, row + 2, index, f"={letter}{total_row}")
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = "Funding vs planned expenditure (GBP 000s)"
    chart.y_axis.title = "GBP 000s"
    chart.y_axis.numFmt = "#,##0"
    chart.y_axis.scaling.min = 0  # bars start at zero, so the gap is shown at its true size
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    last = len(years) + 1
    data = Reference(ws.ws, min_col=1, max_col=last, min_row=row + 1, max_row=row + 2)
    chart.add_data(data, from_rows=True, titles_from_data=True)
    years_ref = Reference(ws.ws, min_col=2, max_col=last, min_row=header_row, max_row=header_row)
    for series in chart.series:
        # The years are text: a string reference, or Excel labels the bars 1 to 5.
        series.cat = AxDataSource(strRef=StrRef(f=str(years_ref)))
    chart.height = 8
    chart.width = 22
    ws.ws.add_chart(chart, f"A{row + 4}")
