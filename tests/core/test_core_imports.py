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


def test_store_keeps_figures_without_importing_them():
    """The store runs whatever before-commit hooks are registered; figures registers its own, so
    importing the store alone keeps the dashboard figures complete after a write."""
    code = (
        "import ast, inspect, sqlite3\n"
        "import t2025tui.core.store as store\n"
        "tree = ast.parse(inspect.getsource(store))\n"
        "names = [a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names]\n"
        "modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]\n"
        "assert 'figures' not in names and 't2025tui.core.figures' not in modules, (names, modules)\n"
        "s = store.memory_store()\n"
        "with s.write() as conn:\n"
        "    conn.execute(\"INSERT INTO programme (id, name) VALUES (1, 'P')\")\n"
        "    conn.execute(\"INSERT INTO workstream (code, name) VALUES ('W', 'W')\")\n"
        "print(s.scalar('SELECT COUNT(*) FROM workstream_figures'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
