"""Item 10: a database on a network mount or in a cloud-synced folder is warned about first.

Mounting NFS or FUSE needs privileges a test run does not have, so mount detection is tested
on recorded /proc/self/mountinfo lines; cloud folders and the CLI's warning are tested with
real paths and real processes.
"""

import pytest

from t2025tui.core.location import parse_mountinfo, unsafe_location_warning
from tests.reliability.conftest import run_t2025

LOCAL_ROOT = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
MOUNTS = LOCAL_ROOT + (
    "40 27 0:50 / /mnt/share rw,relatime - nfs4 fileserver:/export/pmo rw,vers=4.2\n"
    "41 27 0:51 / /mnt/smb\\040drive rw,relatime - cifs //server/PMO rw\n"
    "42 27 0:52 / /home/pm/remote rw,nosuid - fuse.sshfs pm@host:/data rw\n"
    "43 27 0:53 / /home/pm/gdrive rw,nosuid - fuse.rclone gdrive: rw\n"
    "44 27 0:54 / /tmp rw - tmpfs tmpfs rw\n"
    "45 40 0:55 / /mnt/share/local rw - ext4 /dev/vdb rw\n"
)


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/mnt/share/t2025.db", "nfs4"),
        ("/mnt/share/sub/folder/t2025.db", "nfs4"),
        ("/mnt/smb drive/t2025.db", "cifs"),
        ("/home/pm/remote/t2025.db", "sshfs"),
        ("/home/pm/gdrive/t2025.db", "rclone"),
    ],
)
def test_network_and_fuse_mounts_are_warned_about(path, expected):
    warning = unsafe_location_warning(path, mountinfo_text=MOUNTS)
    assert warning is not None and expected in warning and path in warning


@pytest.mark.parametrize(
    "path", ["/home/pm/t2025.db", "/tmp/t2025.db", "/mnt/share/local/t2025.db", "/mnt/shared/t2025.db"]
)
def test_local_disks_are_not_warned_about(path):
    assert unsafe_location_warning(path, mountinfo_text=MOUNTS) is None


def test_mountinfo_escapes_are_decoded():
    assert ("/mnt/smb drive", "cifs", "//server/PMO") in parse_mountinfo(MOUNTS)


@pytest.mark.parametrize(
    "folder, service",
    [
        ("OneDrive", "OneDrive"),
        ("OneDrive - Cleveland Police", "OneDrive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud"),
        ("iCloud Drive", "iCloud"),
        ("Dropbox", "Dropbox"),
        ("Dropbox (Cleveland Police)", "Dropbox"),
        ("Google Drive/My Drive", "Google Drive"),
        ("Library/CloudStorage/OneDrive-ClevelandPolice", "OneDrive"),
    ],
)
def test_cloud_synced_folders_are_warned_about(folder, service, tmp_path):
    path = tmp_path / folder / "t2025.db"
    warning = unsafe_location_warning(path, mountinfo_text=LOCAL_ROOT)
    assert warning is not None and service in warning


def test_this_machines_real_mount_table_does_not_flag_the_test_folder(tmp_path):
    # The real /proc/self/mountinfo is read; tmp_path is on a local disk or tmpfs here.
    assert unsafe_location_warning(tmp_path / "t2025.db") is None


def test_cli_warns_on_stderr_before_opening_and_still_works(tmp_path):
    path = tmp_path / "OneDrive - Cleveland Police" / "t2025.db"
    created = run_t2025("--db", path, "init")
    assert created.returncode == 0, created.stderr
    assert "warning:" in created.stderr and "OneDrive" in created.stderr
    summary = run_t2025("--db", path, "summary")
    assert summary.returncode == 0
    assert "OneDrive" in summary.stderr and "OneDrive" not in summary.stdout
    assert summary.stdout.startswith("T2025 Service Improvement Programme")


def test_cli_warns_even_when_the_file_then_turns_out_to_be_bad(tmp_path):
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    (folder / "t2025.db").write_bytes(b"")
    result = run_t2025("--db", folder / "t2025.db", "check")
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert "Dropbox" in lines[0] and lines[-1].startswith("t2025: error:")


def test_cli_is_quiet_for_a_local_database(seeded_db_path):
    result = run_t2025("--db", seeded_db_path, "check")
    assert result.returncode == 0 and result.stderr == ""
