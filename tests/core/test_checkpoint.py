"""The app's connection copies its write-ahead log into the file when the app says (after a
save is on screen), never inside a commit, and loses nothing either way."""

import os
import sqlite3

from t2025tui.core.services.workstreams import set_commentary
from t2025tui.core.store import open_store

SQLITE_AUTOCHECKPOINT_PAGES = 1000


def test_commits_leave_the_log_until_checkpoint_and_nothing_is_lost(seeded_db_path):
    store = open_store(seeded_db_path)
    wal = f"{seeded_db_path}-wal"
    page_size = store.scalar("PRAGMA page_size")
    workstream_id = store.scalar("SELECT id FROM workstream ORDER BY id LIMIT 1")
    try:
        store.checkpoint_when_told()
        edits = 0
        # Long commentaries, so the log passes SQLite's own checkpoint size in a few hundred edits.
        while os.path.getsize(wal) <= 2 * SQLITE_AUTOCHECKPOINT_PAGES * page_size and edits < 2000:
            version = store.scalar("SELECT version FROM workstream WHERE id = ?", (workstream_id,))
            set_commentary(
                store, workstream_id, f"Update {edits}: " + "supplier delay " * 400, expected_version=version
            )
            edits += 1
        assert os.path.getsize(wal) > 2 * SQLITE_AUTOCHECKPOINT_PAGES * page_size, edits

        store.checkpoint()
        probe = sqlite3.connect(seeded_db_path)
        _busy, in_log, copied = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        probe.close()
        assert in_log == copied  # everything committed is now in the database file too
    finally:
        store.close()
    reopened = open_store(seeded_db_path)
    try:
        assert reopened.scalar("SELECT commentary FROM workstream WHERE id = ?", (workstream_id,)).startswith(
            f"Update {edits - 1}: "
        )
    finally:
        reopened.close()
