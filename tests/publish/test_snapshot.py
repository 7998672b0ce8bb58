"""Snapshots in-process: what a copy holds, where it goes, and a copy that cannot be written."""

import errno
import os
import sqlite3
import stat

import pytest

from t2025tui.core.errors import StoreError
from t2025tui.core.services.workstreams import add_note
from t2025tui.core.store import open_store
from t2025tui.publish import snapshot as snapshot_module
from t2025tui.publish.snapshot import Snapshots


def test_a_snapshot_is_a_private_single_file_copy_in_a_folder_of_its_own(seeded_db_path):
    snapshots = Snapshots(seeded_db_path)
    try:
        copy = snapshots.take()
        assert copy.parent == snapshots.folder and copy.parent != seeded_db_path.parent
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT COUNT(*) FROM risk").fetchone()[0] == 7
        conn.close()
        if os.name == "posix":
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600
            assert stat.S_IMODE(snapshots.folder.stat().st_mode) == 0o700
    finally:
        snapshots.close()
    assert not snapshots.folder.exists()


def test_a_save_is_seen_as_a_change_and_the_next_copy_holds_it(seeded_db_path):
    snapshots = Snapshots(seeded_db_path)
    try:
        snapshots.take()
        assert not snapshots.changed()
        store = open_store(seeded_db_path)
        try:
            add_note(store, 1, "Seen by the board")
        finally:
            store.close()
        assert snapshots.changed()
        conn = sqlite3.connect(snapshots.take())
        assert conn.execute("SELECT text FROM note").fetchall() == [("Seen by the board",)]
        conn.close()
        assert not snapshots.changed()
    finally:
        snapshots.close()


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EACCES])
def test_a_copy_that_cannot_be_written_is_one_clear_message(seeded_db_path, monkeypatch, failure):
    snapshots = Snapshots(seeded_db_path)
    try:

        def refuse(path):
            raise OSError(failure, os.strerror(failure), str(path))

        monkeypatch.setattr(snapshot_module, "create_private_file", refuse)
        with pytest.raises(StoreError, match="Could not write a fresh copy") as raised:
            snapshots.take()
        assert os.strerror(failure) in str(raised.value) and "live file is untouched" in str(raised.value)
        assert not list(snapshots.folder.iterdir())
    finally:
        snapshots.close()
