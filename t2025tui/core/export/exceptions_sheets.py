"""The exception sheets of the printed board pack: late and at-risk milestones, and open red
and amber risks, each with the register's printed columns and bounded to two pages (the full
lists are in the registers)."""

from dataclasses import replace

from openpyxl.workbook.workbook import Workbook

from t2025tui.core.export import layout, milestones_sheet, risks_sheet
from t2025tui.core.export.context import PackContext, long_date
from t2025tui.core.export.sheet import PackSheet
from t2025tui.core.queries import pack as pack_queries

PAGES = 2


def _read_only(columns: list) -> list:
    """The register's columns, none editable: edits are made (and imported) on the register."""
    return [replace(column, editable=False) for column in columns]


class LateMilestones:
    TITLE = "Late and at-risk milestones"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        ws = layout.new_sheet(wb, LateMilestones.TITLE, marking=ctx.marking)
        top = layout.title_block(
            ws,
            "Late and at-risk milestones",
            f"Status judged at {long_date(ctx.status_date)}: late first, then at risk; the most slipped first.",
        )
        layout.write_table(
            ws,
            top,
            _read_only(milestones_sheet.COLUMNS),
            pack_queries.exception_milestones(ctx.store),
            empty_note="No milestone is late or at risk.",
            print_pages=PAGES,
            total=pack_queries.exception_milestone_count(ctx.store),
            what="late and at-risk milestones",
            elsewhere="edit them on the sheet Milestones",
        )
        return ws


class RedAmberRisks:
    TITLE = "Red and amber risks"

    @staticmethod
    def write(wb: Workbook, ctx: PackContext) -> PackSheet:
        ws = layout.new_sheet(wb, RedAmberRisks.TITLE, marking=ctx.marking)
        top = layout.title_block(
            ws,
            "Red and amber risks",
            f"Open risks whose residual score (else inherent) is Red or Amber, as at {long_date(ctx.as_of)}; "
            f"worst first. {risks_sheet.bands_note(ctx.programme)}",
        )
        layout.write_table(
            ws,
            top,
            _read_only(risks_sheet.COLUMNS),
            pack_queries.exception_risks(ctx.store),
            empty_note="No open risk is Red or Amber.",
            print_pages=PAGES,
            total=pack_queries.exception_risk_count(ctx.store),
            what="red and amber risks",
            elsewhere="the heat maps are on the sheet Risks",
        )
        return ws
