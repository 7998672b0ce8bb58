"""A failed write never damages the report it would replace and leaves no temporary file."""

import errno
import os
from pathlib import Path

import pytest

from t2025tui.core.export import ExportError
from t2025tui.core.report import export_report

from .conftest import AS_OF


@pytest.fixture
def previous(store, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "report.docx"
    export_report(store, out, as_of=AS_OF)
    return out, out.read_bytes()


def _assert_untouched(out, old_bytes):
    assert out.read_bytes() == old_bytes
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "a temporary file was left behind"


def _writes_half_then(error):
    def save(self, path):
        Path(path).write_bytes(b"PK\x03\x04 half a document")
        raise error

    return save


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (OSError(errno.EACCES, "Permission denied"), "permission denied"),
    ],
)
def test_a_failed_save_leaves_the_old_report(store, previous, monkeypatch, error, message):
    out, old = previous
    monkeypatch.setattr("docx.document.Document.save", _writes_half_then(error))
    with pytest.raises(ExportError, match=message) as caught:
        export_report(store, out, as_of=AS_OF)
    assert "The existing file was left unchanged." in str(caught.value)
    _assert_untouched(out, old)


def test_an_interrupted_save_leaves_the_old_report(store, previous, monkeypatch):
    out, old = previous
    monkeypatch.setattr("docx.document.Document.save", _writes_half_then(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        export_report(store, out, as_of=AS_OF)
    _assert_untouched(out, old)


def test_a_file_that_fails_its_check_is_not_moved_into_place(store, previous, monkeypatch):
    out, old = previous
    monkeypatch.setattr("docx.document.Document.save", lambda self, path: Path(path).write_bytes(b"PK junk"))
    with pytest.raises(ExportError, match="nothing was replaced"):
        export_report(store, out, as_of=AS_OF)
    _assert_untouched(out, old)


@pytest.mark.skipif(getattr(os, "geteuid", lambda: 1)() == 0, reason="root may write a read-only file")
def test_a_read_only_report_is_left_alone(store, previous):
    out, old = previous
    out.chmod(0o444)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_report(store, out, as_of=AS_OF)
    finally:
        out.chmod(0o644)
    _assert_untouched(out, old)


def test_a_second_report_replaces_the_first(store, previous):
    out, old = previous
    export_report(store, out)  # as at today: a different period, so different bytes
    assert out.read_bytes() != old
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


@pytest.mark.parametrize("name", ["report.xlsx", "report", "report.doc"])
def test_a_name_not_ending_docx_is_refused(store, tmp_path, name):
    with pytest.raises(ExportError, match="does not end in .docx"):
        export_report(store, tmp_path / name)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("report", ".report"))] == []
