"""The Python steps of migrations, by migration number (see `core/migrations.py`).

Each imports what it needs only when it runs, so opening an up-to-date file imports none of it.
"""

import sqlite3

from t2025tui.core.migrations import MigrationStep


def _search_index(conn: sqlite3.Connection) -> None:
    from t2025tui.core.search_index import create_index

    create_index(conn)


STEPS: dict[int, MigrationStep] = {7: _search_index}
