"""Who is making a change: the name recorded on every change batch.

The name in the programme's settings, else `T2025_USER`, else the login name, else "unknown".
"""

import getpass
import os
import sqlite3

USER_ENV_VAR = "T2025_USER"


def login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a service account, a container)
        return ""


def editor_name(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT user_name FROM programme WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a file not yet at schema 3 (during its migration)
        row = None
    for name in (row[0] if row else "", os.environ.get(USER_ENV_VAR, ""), login_name()):
        if name and name.strip():
            return name.strip()[:120]
    return "unknown"
