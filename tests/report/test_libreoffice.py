"""The report opens in LibreOffice: converted to PDF, it holds the expected text."""

import shutil
import subprocess

import pytest

from t2025tui.core.report import export_report

from .conftest import AS_OF

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext (poppler-utils) is not installed",
)


def test_libreoffice_converts_the_report_to_pdf_with_its_text(store, tmp_path):
    report = tmp_path / "report.docx"
    export_report(store, report, as_of=AS_OF)
    out = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = out / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "OFFICIAL",
        "Service Improvement Programme (T2025) progress report",
        "1. Purpose",
        "8. Conclusions",
        "11 out of the 30 recommendations",
        "Violence Reduction Unit",
        "159,895",
        "3,432",
        "Corporate Health Check",
        "2 of the 5 workstreams are on track",
        "Appendix: open risks",
    ):
        assert expected in flat, expected
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) > 5
