"""The app's connection copies its write-ahead log into the file when the app says (after a
save is on screen), never inside a commit, and loses nothing either way."""

import os
import sqlite3
import threading

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


def test_a_checkpoint_does_not_hold_up_the_stores_own_reads_and_close_leaves_no_log(seeded_db_path):
    # The app checkpoints in a thread after each save; its UI thread reads through the store
    # meanwhile (the next workstream in stand-up), so the copy must not need the store's lock.
    store = open_store(seeded_db_path)
    wal = f"{seeded_db_path}-wal"
    workstream_id = store.scalar("SELECT id FROM workstream ORDER BY id LIMIT 1")
    store.checkpoint_when_told()
    for edit in range(20):
        version = store.scalar("SELECT version FROM workstream WHERE id = ?", (workstream_id,))
        set_commentary(store, workstream_id, f"Update {edit}: " + "delay " * 200, expected_version=version)
    with store.lock:  # as if the UI thread were reading
        copier = threading.Thread(target=store.checkpoint)
        copier.start()
        copier.join(timeout=30)
        assert not copier.is_alive(), "the checkpoint waited for the store's lock"
    probe = sqlite3.connect(seeded_db_path)
    _busy, in_log, copied = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    probe.close()
    assert in_log == copied
    store.close()
    # Closed cleanly: no log with content is left, so the next open is not taken for a crash.
    assert not os.path.exists(wal) or os.path.getsize(wal) == 0
    reopened = open_store(seeded_db_path)
    try:
        assert not reopened.unclean_shutdown
        assert reopened.scalar("SELECT commentary FROM workstream WHERE id = ?", (workstream_id,)).startswith(
            "Update 19: "
        )
    finally:
        reopened.close()
