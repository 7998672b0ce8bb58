"""Fixtures for the report tests: the embedded programme's report as at 15 March 2022."""

from datetime import date

import pytest

from t2025tui.core.report import export_report

AS_OF = date(2022, 3, 15)


@pytest.fixture
def report_path(store, tmp_path):
    out = tmp_path / "out" / "report.docx"
    out.parent.mkdir()
    export_report(store, out, as_of=AS_OF)
    return out
