"""The app and the commands start without loading python-docx: only writing a report imports it."""

import subprocess
import sys


def test_report_modules_do_not_import_docx_until_writing():
    code = (
        "import sys\n"
        "import t2025tui.cli, t2025tui.core.models, t2025tui.core.report, t2025tui.commands.report\n"
        "import t2025tui.commands.report_text, t2025tui.tui.app, t2025tui.tui.modals.report\n"
        "import t2025tui.tui.modals.report_text\n"
        "t2025tui.cli.build_parser()\n"
        "assert 'docx' not in sys.modules, 'python-docx imported at start-up'\n"
        "import t2025tui.core.report.document\n"
        "assert 'docx' in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
