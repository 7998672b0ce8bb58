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
