"""The Futures Board progress pack (.xlsx).

openpyxl is imported only when a pack is written, so importing this package (as the app does
at start-up) stays cheap.
"""

from datetime import date
from pathlib import Path

from t2025tui.core.database_files import refuse_database_target
from t2025tui.core.export.errors import ExportError

PACK = "a pack"  # how the guard against writing over a database names what is refused

__all__ = ["ExportError", "default_pack_name", "export_pack"]


def default_pack_name(day: date | None = None) -> str:
    return f"futures-board-pack-{(day or date.today()).isoformat()}.xlsx"


def export_pack(
    store, out: Path | str, *, as_of: date | None = None, since: date | None = None, progress=None
):
    """Write the pack; see `t2025tui.core.export.pack.write_pack`. Never over the database, its
    own files or any SQLite file (the CLI and the app's dialog both come through here)."""
    from t2025tui.core.export.pack import write_pack

    refuse_database_target(Path(out).expanduser(), store.path, what=PACK)

    return write_pack(store, out, as_of=as_of, since=since, progress=progress)
