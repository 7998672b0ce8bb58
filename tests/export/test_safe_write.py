"""A failed export never damages the pack it would replace and leaves no temporary file."""

import errno
import os
from pathlib import Path

import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from t2025tui.core.export import ExportError, export_pack
from t2025tui.core.export.pack import SHEET_TITLES
from t2025tui.core.services import workstreams


@pytest.fixture
def previous(store, tmp_path):
    """A folder holding an earlier pack, and that pack's bytes."""
    folder = tmp_path / "packs"
    folder.mkdir()
    out = folder / "pack.xlsx"
    export_pack(store, out)
    return out, out.read_bytes()


def _assert_untouched(out, old_bytes):
    assert out.read_bytes() == old_bytes
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "a temporary file was left behind"
    # Nor any of the files openpyxl streams sheets to (it would keep them until the app quits).
    assert [p for p in ALL_TEMP_FILES if os.path.exists(p)] == []


def test_disk_full_while_saving_leaves_the_old_pack(store, previous, monkeypatch):
    out, old = previous

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    # Fails part-way through writing the archive: some of the zip is already on disk.
    monkeypatch.setattr("openpyxl.writer.excel.ExcelWriter.write_worksheet", disk_full)
    with pytest.raises(ExportError, match="the disk is full") as caught:
        export_pack(store, out)
    assert "The existing file was left unchanged." in str(caught.value)
    _assert_untouched(out, old)


def test_interrupted_save_leaves_the_old_pack(store, previous, monkeypatch):
    out, old = previous

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("openpyxl.writer.excel.ExcelWriter.write_worksheet", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_pack(store, out)
    _assert_untouched(out, old)


def test_a_file_that_fails_its_check_is_not_moved_into_place(store, previous, monkeypatch):
    out, old = previous
    monkeypatch.setattr(
        "t2025tui.core.export.pack.save_pack",
        lambda wb, path, dimensions, values: Path(path).write_bytes(b"PK junk"),
    )
    with pytest.raises(ExportError, match="nothing was replaced"):
        export_pack(store, out)
    _assert_untouched(out, old)


def test_disk_full_while_streaming_rows_leaves_the_old_pack(store, previous, monkeypatch):
    """Sheets are written row by row to temporary files while the pack is built; the disk can
    fill up then too, long before the archive is saved."""
    out, old = previous
    from openpyxl.worksheet._writer import WorksheetWriter

    real_write_row = WorksheetWriter.write_row
    rows_written = []

    def fills_up(self, *args, **kwargs):
        rows_written.append(1)
        if len(rows_written) > 40:  # a few sheets in
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_row(self, *args, **kwargs)

    monkeypatch.setattr(WorksheetWriter, "write_row", fills_up)
    with pytest.raises(ExportError, match="the disk is full"):
        export_pack(store, out)
    _assert_untouched(out, old)


def test_read_only_folder_simulated(store, previous, monkeypatch):
    out, old = previous

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("t2025tui.core.atomic_file.tempfile.mkstemp", refused)
    with pytest.raises(ExportError, match=r"permission denied in .*packs \(the folder is read-only\)"):
        export_pack(store, out)
    _assert_untouched(out, old)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="folder permissions do not stop root (or need POSIX); the simulated test covers this",
)
def test_read_only_folder(store, previous):
    out, old = previous
    out.parent.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_pack(store, out)
    finally:
        out.parent.chmod(0o700)
    _assert_untouched(out, old)


def test_missing_folder_and_folder_as_target(store, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_pack(store, tmp_path / "nowhere" / "pack.xlsx")
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_pack(store, tmp_path / "dir.xlsx")


def test_successful_export_replaces_the_old_pack_and_leaves_nothing_else(store, previous):
    out, old = previous
    rm = store.query_one("SELECT id, version FROM workstream WHERE code = 'RM'")
    workstreams.set_workstream_rag(store, rm["id"], "Amber", expected_version=rm["version"])
    result = export_pack(store, out)
    assert result.sheets == SHEET_TITLES
    assert out.read_bytes() != old
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    assert (out.stat().st_mode & 0o777) == 0o600
