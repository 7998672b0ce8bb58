"""Each platform-specific call, with what it does where the system lacks it."""

import os
import signal
import stat

import pytest

from t2025tui.core import portability
from t2025tui.core.location import (
    DRIVE_REMOTE,
    network_mount_warning,
    parse_macos_mounts,
    unsafe_location_warning,
)
from t2025tui.core.paths import create_private_file

DRIVE_FIXED = 3


def test_exit_signals_are_the_ones_this_system_has(monkeypatch):
    assert signal.SIGTERM in portability.exit_signals()
    monkeypatch.delattr(signal, "SIGHUP")
    assert portability.exit_signals() == [signal.SIGTERM]
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)  # Windows' ctrl+break / console closed
    assert portability.exit_signals() == [signal.SIGTERM, 21]


def test_a_new_private_file_is_made_without_fchmod(tmp_path, like_windows):
    path = tmp_path / "data" / "t2025.db"
    create_private_file(path)
    assert path.exists() and path.stat().st_size == 0
    if os.name == "posix":  # os.open's own mode still keeps it the owner's
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_process_age_is_measured_on_linux_and_unknown_without_proc_or_sysconf(monkeypatch, request):
    if os.path.exists("/proc/self/stat"):
        age = portability.process_age()
        assert age is not None and age >= 0
    request.getfixturevalue("like_windows")
    assert portability.process_age() is None


def test_process_age_is_unknown_when_proc_is_unreadable(monkeypatch):
    real_open = open

    def no_proc(file, *args, **kwargs):
        if str(file).startswith("/proc"):
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", no_proc)
    assert portability.process_age() is None


def test_without_a_readable_mount_table_nothing_is_claimed(tmp_path, like_windows):
    assert network_mount_warning(tmp_path / "t2025.db") is None
    assert unsafe_location_warning(tmp_path / "t2025.db", windows=False) is None


def test_read_only_advice_is_in_the_words_of_the_system():
    hint = portability.make_writable_hint("t2025.db")
    assert hint == (
        "clear Read-only in the Properties of t2025.db" if os.name == "nt" else "chmod u+w t2025.db"
    )


@pytest.mark.parametrize(
    "path, uri",
    [
        (r"C:\Users\pm\My Documents\t2025.db", "file:///C:/Users/pm/My%20Documents/t2025.db?mode=ro"),
        # A share, and a mapped drive (which Path.resolve turns into its share): an empty authority.
        (r"\\fileserver\PMO\t2025.db", "file:////fileserver/PMO/t2025.db?mode=ro"),
        (r"\\?\UNC\fileserver\PMO\t2025.db", "file:////fileserver/PMO/t2025.db?mode=ro"),
        (r"\\?\C:\Users\pm\t2025.db", "file:///C:/Users/pm/t2025.db?mode=ro"),
        (r"D:\Équipe #3\50%.db", "file:///D:/%C3%89quipe%20%233/50%25.db?mode=ro"),
    ],
)
def test_read_only_sqlite_uris_for_windows_paths_have_no_authority(path, uri):
    assert portability.readonly_uri(path, windows=True) == uri


def test_a_read_only_uri_opens_a_database_whose_name_has_uri_characters(tmp_path):
    import sqlite3

    path = tmp_path / "PMO #3 (50% done)?" / "Ωmega t2025.db"
    path.parent.mkdir()
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(portability.readonly_uri(path), uri=True)
    try:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()


# Windows locations, checked on Windows-style paths with the drive type given.
def _windows_warning(path, drives=None, environ=None):
    types = drives or {}
    return unsafe_location_warning(
        path,
        windows=True,
        environ=environ or {},
        drive_type=lambda root: types.get(root[0].upper(), DRIVE_FIXED),
    )


@pytest.mark.parametrize(
    "path, expected",
    [
        (r"\\fileserver\PMO\T2025\t2025.db", r"network share (\\fileserver\PMO)"),
        (r"\\?\UNC\fileserver\PMO\T2025\t2025.db", r"network share (\\fileserver\PMO)"),
        (r"P:\T2025\t2025.db", "mapped network drive (P:)"),
        (r"\\?\p:\T2025\t2025.db", "mapped network drive (P:)"),
        (r"C:\Users\pm\OneDrive - Cleveland Police\T2025\t2025.db", "OneDrive folder"),
        (r"C:\Users\pm\OneDrive\Documents\t2025.db", "OneDrive folder"),
        (r"C:\Users\pm\Cleveland Police\Futures Board - Documents\t2025.db", "SharePoint folder"),
        (r"c:\users\PM\cleveland police\PMO\t2025.db", "SharePoint folder"),
        (r"D:\Sync\Work files\t2025.db", r"OneDrive folder (D:\Sync\Work files)"),
    ],
)
def test_windows_network_drives_and_synced_folders_are_warned_about(path, expected):
    environ = {
        "OneDriveCommercial": r"C:\Users\pm\OneDrive - Cleveland Police",
        "OneDriveConsumer": r"D:\Sync\Work files",  # moved, and renamed, by its user
    }
    warning = _windows_warning(path, drives={"P": DRIVE_REMOTE}, environ=environ)
    assert warning is not None and expected in warning and path in warning
    assert "use `t2025 backup` to copy it to the shared folder" in warning


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\pm\AppData\Local\t2025tui\t2025.db",
        r"D:\Programme Office\t2025.db",
        r"\\?\C:\Users\pm\AppData\Local\t2025tui\t2025.db",
        r"C:\Users\pm\Cleveland Police Notes\t2025.db",
    ],
)
def test_windows_local_disks_are_not_warned_about(path):
    environ = {"OneDriveCommercial": r"C:\Users\pm\OneDrive - Cleveland Police"}
    assert _windows_warning(path, drives={"P": DRIVE_REMOTE}, environ=environ) is None


def test_macos_mount_listing_finds_network_volumes():
    listing = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//pm@fileserver/PMO on /Volumes/PMO (smbfs, nodev, nosuid, mounted by pm)\n"
        "fileserver:/export on /Volumes/export share (nfs, asynchronous)\n"
    )
    assert parse_macos_mounts(listing) == [
        ("/", "apfs", "/dev/disk3s1s1"),
        ("/Volumes/PMO", "smbfs", "//pm@fileserver/PMO"),
        ("/Volumes/export share", "nfs", "fileserver:/export"),
    ]


def test_macos_network_volumes_are_warned_about(monkeypatch):
    import subprocess
    import sys

    listing = "/dev/disk3s1s1 on / (apfs, local)\n//pm@fileserver/PMO on /Volumes/PMO (smbfs, nodev)\n"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(
        subprocess, "run", lambda *args, **kwargs: subprocess.CompletedProcess(args, 0, stdout=listing)
    )
    warning = network_mount_warning("/Volumes/PMO/T2025/t2025.db")
    assert warning is not None and "smbfs from //pm@fileserver/PMO" in warning
    assert network_mount_warning("/Users/pm/t2025.db") is None


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="SIGUSR1 stands in for SIGBREAK on Unix")
def test_a_command_unwinds_on_windows_console_close_signal(monkeypatch):
    from t2025tui import cli

    monkeypatch.delattr(signal, "SIGHUP")
    monkeypatch.setattr(signal, "SIGBREAK", signal.SIGUSR1, raising=False)
    previous = cli._exit_cleanly_on_signals()
    try:
        assert set(previous) == {signal.SIGTERM, signal.SIGUSR1}
        with pytest.raises(SystemExit) as ended:
            signal.raise_signal(signal.SIGUSR1)
        assert ended.value.code == 128 + signal.SIGUSR1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def test_where_modes_mean_nothing_no_chmod_is_pretended(tmp_path, monkeypatch):
    path = tmp_path / "t2025.db"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    with monkeypatch.context() as windows:
        windows.setattr(portability, "file_modes_apply", lambda: False)  # as on Windows
        portability.restrict_path(path, 0o600)
        fd = os.open(path, os.O_RDONLY)
        try:
            portability.restrict_open_file(fd, 0o600)
        finally:
            os.close(fd)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    if os.name == "posix":
        portability.restrict_path(path, 0o600)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
