"""The app starts without loading openpyxl: only writing a pack imports it."""

import subprocess
import sys


def test_export_modules_do_not_import_openpyxl_until_exporting():
    code = (
        "import sys\n"
        "import t2025tui.core.export, t2025tui.commands.export, t2025tui.tui.modals.export\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported at start-up'\n"
        "import t2025tui.core.export.pack\n"
        "assert 'openpyxl' in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_an_export_does_not_load_pydantic(seeded_db_path, tmp_path):
    # Importing pydantic (and the models built on it) was a tenth of a large export's time and
    # half of a small one's; the pack reads its settings straight from the database. (Checked on
    # the export itself: the CLI's command table may load it for other commands.)
    code = (
        "import sys\n"
        "from t2025tui.core.store import open_store\n"
        "from t2025tui.core.export import export_pack\n"
        f"export_pack(open_store({str(seeded_db_path)!r}), {str(tmp_path / 'p.xlsx')!r})\n"
        "assert 'pydantic' not in sys.modules, 'pydantic loaded by an export'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
