"""The protective marking printed on every published page."""

import sqlite3

DEFAULT_MARKING = "OFFICIAL"  # the embedded report's marking, and the settings' default


def protective_marking(conn: sqlite3.Connection) -> str:
    """The programme's marking (programme.marking, from schema 3), else OFFICIAL.

    A database from before the settings existed, or with a blank marking, is still marked: a
    page without a marking is never shown.
    """
    columns = {row[1] for row in conn.execute("PRAGMA table_info(programme)")}
    if "marking" not in columns:
        return DEFAULT_MARKING
    row = conn.execute("SELECT marking FROM programme WHERE id = 1").fetchone()
    marking = (row[0] if row else "") or ""
    return " ".join(str(marking).split()) or DEFAULT_MARKING
