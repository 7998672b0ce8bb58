"""lxml is installed so that openpyxl writes the pack faster. It must change nothing a reader
sees, and, since openpyxl then also *reads* through lxml, no file a user brings in may reach
openpyxl's reader at all: imports go through the project's own guarded parser."""

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from t2025tui.core.importers.safety import ImportRefused
from t2025tui.core.importers.updates import preview_updates

ROOT = Path(__file__).resolve().parents[2]


def _compare_packs():
    spec = importlib.util.spec_from_file_location("compare_packs", ROOT / "bench" / "compare_packs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _export(db: Path, out: Path, *, lxml: bool) -> None:
    env = {**os.environ, "OPENPYXL_LXML": "True" if lxml else "False", "T2025_DB": str(db)}
    code = (
        "import openpyxl, sys\n"
        f"assert openpyxl.LXML is {lxml}, 'lxml use not as asked'\n"
        "from t2025tui.cli import main\n"
        f"sys.exit(main(['export', '--out', {str(out)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_openpyxl_writes_through_lxml():
    assert openpyxl.LXML is True


def test_the_pack_written_through_lxml_is_identical_cell_by_cell(seeded_db_path, tmp_path):
    with_lxml, without = tmp_path / "lxml.xlsx", tmp_path / "plain.xlsx"
    _export(seeded_db_path, with_lxml, lxml=True)
    _export(seeded_db_path, without, lxml=False)
    assert _compare_packs().differences(without, with_lxml) == []


def test_the_comparison_sees_a_changed_cell(seeded_db_path, tmp_path):
    # The check above would pass on two files it cannot tell apart; show that it can.
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _export(seeded_db_path, first, lxml=True)
    wb = openpyxl.load_workbook(first)
    wb["Milestones"]["C6"] = "A different title"
    wb.save(second)
    assert any("Milestones!C6" in line for line in _compare_packs().differences(first, second))


def test_importing_a_returned_pack_never_loads_openpyxl(pack_path, seeded_db_path):
    # With openpyxl out of the process, no untrusted file can reach its (lxml) reader.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from t2025tui.core.store import open_store\n"
        "from t2025tui.core.importers.updates import preview_updates\n"
        f"store = open_store(Path({str(seeded_db_path)!r}))\n"
        f"preview = preview_updates(store, Path({str(pack_path)!r}))\n"
        "assert preview.rows, 'the pack was not read'\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl was loaded by an import'\n"
        "assert 'lxml' not in sys.modules, 'lxml was loaded by an import'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_pack_with_an_entity_bomb_is_refused_with_lxml_installed(store, pack_path, tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(pack_path) as old, zipfile.ZipFile(hostile, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = bomb.encode() + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            new.writestr(info.filename, data)
    with pytest.raises(ImportRefused, match="entities|DTD"):
        preview_updates(store, hostile)


def test_product_code_reads_no_workbook_with_openpyxl():
    # The one openpyxl read in the product checks the pack the export has just written itself.
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "t2025tui").rglob("*.py")
        if "load_workbook" in path.read_text(encoding="utf-8")
    ]
    assert readers == ["t2025tui/core/export/pack.py"]
