"""What Datasette is told about the programme: metadata built from one snapshot.

Rebuilt for every snapshot, so a renamed programme, a new marking or a new financial year shows
after the next refresh like any other edit.
"""

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from t2025tui.core.errors import StoreError
from t2025tui.core.portability import readonly_uri
from t2025tui.core.queries.settings import ProgrammeSettings, programme_settings
from t2025tui.core.queries.status import status_date
from t2025tui.core.store import Store
from t2025tui.publish.descriptions import PUBLISHED
from t2025tui.publish.marking import protective_marking
from t2025tui.publish.queries import canned_queries

DATABASE_NAME = "t2025"  # the database's name in every URL: /t2025/risk, /t2025/programme_status

# Table settings Datasette takes from metadata that name a column: kept only where it exists.
_COLUMN_SETTINGS = ("sort", "sort_desc", "label_column")


@dataclass
class Site:
    marking: str
    programme_name: str
    metadata: dict = field(default_factory=dict)


def read_site(snapshot: Path) -> Site:
    """The marking, the programme's name and Datasette's metadata for one snapshot."""
    conn = sqlite3.connect(readonly_uri(snapshot) + "&immutable=1", uri=True)  # a snapshot never changes
    try:
        store = Store(conn, None)
        try:
            settings: ProgrammeSettings | None = programme_settings(store)
        except StoreError:  # no programme yet (`t2025 init --empty` not finished)
            settings = None
        marking = protective_marking(settings)
        name = settings.name if settings else "Programme"
        organisation = settings.organisation if settings else ""
        today = (settings.today if settings else status_date(store)).isoformat()
        years = [r[0] for r in conn.execute("SELECT DISTINCT year FROM finance_line ORDER BY year")]
        schema = {
            r[0]: [c[1] for c in conn.execute(f"PRAGMA table_info({_quoted(r[0])})")]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }
    finally:
        conn.close()
    who = f"{name} ({organisation})" if organisation else name
    description = (
        f"{marking}. The {who} as the programme manager last saved it, status date {today}: "
        "a read-only copy, refreshed within seconds of each save. Nothing can be changed here; "
        "changes are made in the t2025 app."
    )
    metadata = {
        "title": f"{name} [{marking}]",
        "description": description,
        "databases": {
            DATABASE_NAME: {
                "title": name,
                "description": description,
                "tables": {table: _table_metadata(table, columns) for table, columns in schema.items()},
                "queries": canned_queries(years),
            }
        },
    }
    return Site(marking=marking, programme_name=name, metadata=metadata)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_metadata(table: str, columns: list[str]) -> dict:
    described = PUBLISHED.get(table)
    if described is None:
        # Bookkeeping (kept figures, undo stack, search indexes) or not yet described: not listed,
        # and its pages are refused rather than shown undescribed.
        return {"hidden": True, "allow": False}
    meta = {
        "title": described["title"],
        "description": described["description"],
        "columns": {c: described["columns"][c] for c in columns if c in described["columns"]},
        "facets": [c for c in described.get("facets", []) if c in columns],
    }
    for setting in _COLUMN_SETTINGS:
        if described.get(setting) in columns:
            meta[setting] = described[setting]
    return meta
