"""The files that make up a database, and the rule that no output is ever written over one.

A command that writes a file (dump, export, backup, a recovered copy) checks its target here
first: the database it has open, that database's -wal, -shm or -journal (under any name that
leads to them: a symlink, a hard link, `./x/../t2025.db`), and any other file that holds an
SQLite database are refused. A file the command itself wrote before (an earlier dump or pack)
is not a database, so writing it again (atomically) stays allowed.
"""

import os
from pathlib import Path

from t2025tui.core.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
# A write-ahead log begins with one of these two big-endian magic numbers.
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def _starts_with(path: Path, prefixes: tuple[bytes, ...]) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return any(head.startswith(prefix) for prefix in prefixes)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_database_target(target: Path, database: Path | None, *, what: str = "the output") -> None:
    """Raise StoreError if writing `target` would overwrite `database`, one of its own files,
    or any SQLite database; say what the target is and what to do instead."""
    target = Path(target)
    if database is not None:
        database = Path(database)
        resolved = target.expanduser().resolve()
        own = [(database, "the database itself")]
        own += [(Path(f"{database}{suffix}"), f"the database's {suffix} file") for suffix in SIDECAR_SUFFIXES]
        for path, whose in own:
            if resolved == path.resolve() or (target.exists() and _same_file(target, path)):
                raise StoreError(
                    f"{target} is {whose} ({database}); t2025 never writes {what} over it. "
                    "Choose another file name."
                )
    if target.is_file() and _starts_with(target, (SQLITE_MAGIC,)):
        raise StoreError(
            f"{target} holds an SQLite database; t2025 will not write {what} over it. Choose another file name."
        )
    if target.is_file() and _starts_with(target, WAL_MAGICS):
        raise StoreError(
            f"{target} is a database's write-ahead log; t2025 will not write {what} over it. "
            "Choose another file name."
        )
    for suffix in SIDECAR_SUFFIXES:
        owner = Path(str(target)[: -len(suffix)]) if str(target).endswith(suffix) else None
        if owner is not None and target.exists() and _starts_with(owner, (SQLITE_MAGIC,)):
            raise StoreError(
                f"{target} belongs to the database {owner}; t2025 will not write {what} over it. "
                "Choose another file name."
            )
