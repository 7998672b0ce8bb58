"""`t2025` with no command: open the terminal app, creating the T2025 programme on first run."""

import sys

from t2025tui.commands.common import db_path
from t2025tui.core.text import display_text


def run(args) -> int:
    path = db_path(args)
    if not path.exists():
        from t2025tui.commands.init import create_programme

        print(
            f"No database at {display_text(path)} yet: creating it with the embedded T2025 programme "
            "(as at 15 March 2022).",
            file=sys.stderr,
        )
        create_programme(path).close()
    from t2025tui.tui.app import run_app

    return run_app(path)
