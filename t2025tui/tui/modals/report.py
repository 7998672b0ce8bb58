"""Write the Audit Committee report from the app: the export dialog, asking for a .docx."""

from pathlib import Path

from t2025tui.core.report import REPORT, default_report_name, export_report
from t2025tui.tui.modals.export import ExportModal, default_pack_path


class ReportModal(ExportModal):
    title_text = "Write the Audit Committee progress report"
    PATH_LABEL = "Save the report as (.docx)"
    SUFFIX = ".docx"
    WHAT = REPORT
    SUFFIX_HINT = "the report is a Word document: give a file name ending in .docx"

    def default_path(self) -> Path:
        """audit-committee-report-YYYY-MM-DD.docx beside where packs go (the documents folder)."""
        return default_pack_path().with_name(default_report_name())

    def write(self, target: Path) -> str:
        result = export_report(self.store, target, progress=self._progress_from_thread)
        return f"Report written to {result.path}"
