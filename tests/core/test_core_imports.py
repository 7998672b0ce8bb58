"""The core must work without the terminal UI: importing it never imports Textual."""

import subprocess
import sys

CORE_MODULES = [
    "t2025tui.core.store",
    "t2025tui.core.models",
    "t2025tui.core.changes",
    "t2025tui.core.seed",
    "t2025tui.core.dump",
    "t2025tui.core.queries.status",
    "t2025tui.core.queries.lists",
    "t2025tui.core.queries.summary",
    "t2025tui.core.services.workstreams",
    "t2025tui.core.services.milestones",
    "t2025tui.core.services.undo",
    "t2025tui.cli",
]


def test_core_imports_without_textual():
    code = (
        "import importlib, pkgutil, sys\n"
        "import t2025tui.core as core\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "for info in pkgutil.walk_packages(core.__path__, 't2025tui.core.'): importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
