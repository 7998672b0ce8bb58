"""Who is making a change: the name recorded on every change batch.

`--user NAME` on the command line, else the name in the programme's settings, else
`T2025_USER`, else the login name, else "unknown".
"""

import getpass
import os
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from t2025tui.core.errors import ValidationError

USER_ENV_VAR = "T2025_USER"
MAX_NAME = 120

# The name given for this run (`--user`); a process runs for one person, so one value will do.
_acting_as: str | None = None


def login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a service account, a container)
        return ""


def checked_name(text: str) -> str:
    """A name as given by a person (`--user`): one line of printable text, 1-120 characters."""
    name = text.strip()
    if not name:
        raise ValidationError("the user name is empty; give a name such as --user 'A. Smith'", "user")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValidationError("the user name has a control character; type it as plain text", "user")
    if len(name) > MAX_NAME:
        raise ValidationError(f"the user name is {len(name)} characters; keep it to {MAX_NAME}", "user")
    return name


@contextmanager
def acting_as(name: str | None) -> Iterator[None]:
    """Record `name` on every change made inside (None: the usual order of sources)."""
    global _acting_as
    saved = _acting_as
    _acting_as = checked_name(name) if name is not None else None
    try:
        yield
    finally:
        _acting_as = saved


def editor_name(conn: sqlite3.Connection) -> str:
    if _acting_as:
        return _acting_as
    try:
        row = conn.execute("SELECT user_name FROM programme WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a file not yet at schema 3 (during its migration)
        row = None
    for name in (row[0] if row else "", os.environ.get(USER_ENV_VAR, ""), login_name()):
        if name and name.strip():
            return name.strip()[:MAX_NAME]
    return "unknown"
