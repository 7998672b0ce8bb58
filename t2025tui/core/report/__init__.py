"""The Audit Committee progress report (.docx).

python-docx is imported only when a report is written, so importing this package (as the app
and the models do) stays cheap.
"""

from datetime import date
from pathlib import Path

from t2025tui.core.database_files import refuse_database_target

__all__ = ["default_report_name", "export_report"]

REPORT = "a report"  # how the guard against writing over a database names what is refused


def default_report_name(day: date | None = None) -> str:
    return f"audit-committee-report-{(day or date.today()).isoformat()}.docx"


def export_report(
    store,
    out: Path | str,
    *,
    as_of: date | None = None,
    since: date | None = None,
    template: Path | str | None = None,
    progress=None,
):
    """Write the report; see `t2025tui.core.report.document.write_report`. Never over the
    database, its own files or any SQLite file."""
    from t2025tui.core.report.document import write_report

    refuse_database_target(Path(out).expanduser(), store.path, what=REPORT)

    return write_report(store, out, as_of=as_of, since=since, template=template, progress=progress)
