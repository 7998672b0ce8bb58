"""Errors the user can act on. Each message says what was wrong and how to fix it."""


class T2025Error(Exception):
    """Base class: its message is shown to the user as one line."""


class StoreError(T2025Error):
    """The database file cannot be used (missing, damaged, foreign, newer)."""


class StoreBusyError(T2025Error):
    """Another window or process holds the write lock for too long."""


class ValidationError(T2025Error):
    """A value given to a service is not acceptable.

    `field` names the offending field so forms can show the message beside it.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class StaleEditError(T2025Error):
    """The record changed in another window since it was read.

    Raised by the write engine, it also says which record (`table`, `row_id`), the row as it
    is now (`fresh`, with its `version`), who changed it last and when (`who`, `at`) and the
    fields changed since (`fields`), so a form can keep what was typed, show the fresh values
    beside it and save again over that version (`core.changes.accepting_versions`). Other
    refusals leave these empty: the screen then reloads instead."""

    def __init__(
        self,
        message: str,
        *,
        table: str = "",
        row_id: int | None = None,
        fresh: dict | None = None,
        who: str = "",
        at: str = "",
        fields: tuple[str, ...] = (),
        removed: bool = False,
    ):
        super().__init__(message)
        self.table, self.row_id, self.fresh = table, row_id, fresh
        self.who, self.at, self.fields = who, at, fields
        self.removed = removed  # the record is gone: a draft is kept to copy from, not to save

    @property
    def version(self) -> int | None:
        """The fresh row's version: what a save over it expects."""
        return None if self.fresh is None else self.fresh.get("version")


class NotFoundError(T2025Error):
    """The record asked for does not exist (any more)."""


class NothingToUndoError(T2025Error):
    """Undo or redo was asked for with nothing left to undo or redo."""


class DatabaseDamagedError(StoreError):
    """SQLite met a damaged page (SQLITE_CORRUPT, "malformed", "not a database"). The store
    that met it refuses every later write, so the damage is not made worse."""


class DatabaseReplacedError(StoreError):
    """The file at the database's path is no longer the file that was opened (moved, replaced
    or removed under a running app or command). Writes are refused: they would go to the old
    file, which nobody will see again. The cure is to reopen the path."""


class FileInUseError(T2025Error):
    """A file could not be replaced because another program has it open (Windows)."""

    def __init__(self, message: str, path: object):
        super().__init__(message)
        self.path = path
