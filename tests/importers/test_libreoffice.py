"""Files re-saved by LibreOffice (shared strings, its own styles and properties) import the same."""

import shutil
import subprocess

import openpyxl
import pytest

from t2025tui.core.export import export_pack
from t2025tui.core.importers.apply import apply_preview
from t2025tui.core.importers.risk_log import preview_risks
from t2025tui.core.importers.updates import preview_updates
from tests.importers.builders import messy_risk_log

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def _resave(path, tmp_path):
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / path.name


def test_risk_log_resaved_by_libreoffice_previews_the_same(store, tmp_path):
    original = messy_risk_log(tmp_path / "log.xlsx")
    resaved = _resave(original, tmp_path)
    first, second = preview_risks(store, original), preview_risks(store, resaved)
    assert second.sheets == first.sheets
    assert [(r.action, r.label, r.values) for r in second.rows] == [
        (r.action, r.label, r.values) for r in first.rows
    ]
    assert [str(p) for r in second.invalid for p in r.problems] == [
        str(p) for r in first.invalid for p in r.problems
    ]


def test_pack_edited_then_resaved_by_libreoffice_imports_exactly_the_edit(store, tmp_path):
    pack = tmp_path / "pack.xlsx"
    export_pack(store, pack)
    wb = openpyxl.load_workbook(pack)
    ws = wb["Workstreams"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "RIS")
    ws.cell(row=row, column=8, value="Edited, then saved by LibreOffice")
    wb.save(pack)
    preview = preview_updates(store, _resave(pack, tmp_path))
    assert [(r.action, r.label, r.values) for r in preview.rows if r.action != "unchanged"] == [
        ("update", "RIS", {"commentary": "Edited, then saved by LibreOffice"})
    ]
    apply_preview(store, preview)
    assert (
        store.scalar("SELECT commentary FROM workstream WHERE code = 'RIS'")
        == "Edited, then saved by LibreOffice"
    )
