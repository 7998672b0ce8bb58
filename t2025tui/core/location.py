r"""Warn before opening a database where SQLite cannot keep its promises.

SQLite's locking (and WAL's shared memory) is unreliable on network file systems, and
sync clients (OneDrive, SharePoint, iCloud, Dropbox, Google Drive) copy the file and its -wal
separately, so a synced copy can be torn or conflict-renamed. Neither is refused, since users
may have no other place; they are told, once, before the file is opened.

Where the mounts are read differs: Linux's /proc/self/mountinfo, macOS's `mount` listing, and
on Windows the path itself (`\\server\share`) or the drive's type (a mapped network drive).
"""

import contextlib
import ntpath
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath

MOUNTINFO = Path("/proc/self/mountinfo")

# File system types (as /proc/self/mountinfo names them) that are network or user-space mounts.
NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "gpfs",
    "davfs",
    "coda",
    "ocfs2",
    "gfs2",
    "beegfs",
    "virtiofs",
}
FUSE_PREFIXES = ("fuse", "fuseblk")

# Path components (case-insensitive) of folders that cloud clients sync.
CLOUD_FOLDERS = [
    (re.compile(r"^onedrive( - .+)?$", re.IGNORECASE), "OneDrive"),
    (re.compile(r"^icloud ?drive.*$", re.IGNORECASE), "iCloud Drive"),
    (re.compile(r"^mobile documents$", re.IGNORECASE), "iCloud Drive"),
    (re.compile(r"^dropbox( \(.+\))?$", re.IGNORECASE), "Dropbox"),
    (re.compile(r"^google ?drive.*$", re.IGNORECASE), "Google Drive"),
    (re.compile(r"^my drive$", re.IGNORECASE), "Google Drive"),
    (re.compile(r"^box sync$|^box$", re.IGNORECASE), "Box"),
]
CLOUD_STORAGE = re.compile(r"^(onedrive|dropbox|googledrive|google ?drive|icloud|box)", re.IGNORECASE)

ADVICE = (
    "SQLite databases can be corrupted or lose edits there. Keep the database on a local "
    "disk (the default location) and use `t2025 backup` to copy it to the shared folder."
)


def _unescape(field: str) -> str:
    """mountinfo escapes spaces, tabs, newlines and backslashes as octal."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[tuple[str, str, str]]:
    """(mount point, file system type, source) for each line of /proc/self/mountinfo."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        mounts.append((_unescape(fields[4]), tail[0], _unescape(tail[1])))
    return mounts


def _real_path(path: Path) -> Path:
    """The absolute path with symlinks resolved as far as it exists (the file may not yet)."""
    path = Path(os.path.abspath(path))
    existing, missing = path, []
    while not existing.exists() and existing != existing.parent:
        missing.append(existing.name)
        existing = existing.parent
    with contextlib.suppress(OSError):
        existing = existing.resolve()
    return existing.joinpath(*reversed(missing))


def mount_of(path: Path, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The mount holding `path`: the last-mounted entry with the longest matching prefix."""
    target = str(path)
    best = None
    for mount in mounts:
        point = mount[0].rstrip("/") or "/"
        inside = target == point or target.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) >= len(best[0].rstrip("/") or "/")):
            best = mount
    return best


def parse_macos_mounts(text: str) -> list[tuple[str, str, str]]:
    """(mount point, file system type, source) for each line macOS's `mount` prints, e.g.
    ``//pm@server/PMO on /Volumes/PMO (smbfs, nodev, nosuid, mounted by pm)``."""
    mounts = []
    for line in text.splitlines():
        match = re.match(r"^(?P<source>.+?) on (?P<point>/.*?) \((?P<fstype>[^,)]+)", line)
        if match:
            mounts.append((match["point"], match["fstype"], match["source"]))
    return mounts


def _system_mounts() -> list[tuple[str, str, str]] | None:
    """This system's mount table, or None where it cannot be read (then nothing is said)."""
    if sys.platform == "darwin":
        try:
            listing = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return parse_macos_mounts(listing)
    try:
        return parse_mountinfo(MOUNTINFO.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None  # no /proc, or unreadable


def network_mount_warning(path: Path, mountinfo_text: str | None = None) -> str | None:
    mounts = _system_mounts() if mountinfo_text is None else parse_mountinfo(mountinfo_text)
    if mounts is None:
        return None
    mount = mount_of(_real_path(path), mounts)
    if mount is None:
        return None
    point, fstype, source = mount
    kind = fstype.lower()
    if kind in NETWORK_FS or kind.split(".")[0] in NETWORK_FS:
        label = f"a network drive ({fstype} from {source})"
    elif kind.startswith(FUSE_PREFIXES):
        name = kind.split(".", 1)[1] if "." in kind else source
        label = f"a user-space (FUSE) mount ({name}, e.g. sshfs or a cloud drive)"
    else:
        return None
    return f"warning: {path} is on {label} mounted at {point}. {ADVICE}"


def cloud_folder_warning(path: Path | str, *, windows: bool = False) -> str | None:
    parts = PureWindowsPath(ntpath.abspath(path)).parts if windows else Path(os.path.abspath(path)).parts
    for index, part in enumerate(parts):
        for pattern, service in CLOUD_FOLDERS:
            if pattern.match(part):
                return f"warning: {path} is in a {service} folder, which syncs files behind t2025's back. {ADVICE}"
        # macOS keeps newer sync clients under ~/Library/CloudStorage/<Provider>-<account>.
        if part == "CloudStorage" and index + 1 < len(parts) and CLOUD_STORAGE.match(parts[index + 1]):
            return f"warning: {path} is in a cloud-synced folder ({parts[index + 1]}). {ADVICE}"
    return None


# GetDriveTypeW's answer for a network drive.
DRIVE_REMOTE = 4


def _windows_drive_type(root: str) -> int | None:
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    return None


def windows_drive_warning(
    path: str, drive_type: Callable[[str], int | None] = _windows_drive_type
) -> str | None:
    r"""A network share (``\\server\share``, also as ``\\?\UNC\...``) or a mapped drive."""
    drive = PureWindowsPath(path).drive
    if drive.upper().startswith("\\\\?\\UNC\\"):
        drive = "\\\\" + drive[8:]
    elif drive.startswith("\\\\?\\"):
        drive = drive[4:]
    if drive.startswith("\\\\"):
        return f"warning: {path} is on a network share ({drive}). {ADVICE}"
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE:
        return f"warning: {path} is on a mapped network drive ({drive.upper()}). {ADVICE}"
    return None


# Set by the OneDrive client to the folders it syncs (personal, work or school, and either).
ONEDRIVE_VARIABLES = ("OneDriveCommercial", "OneDriveConsumer", "OneDrive")


def onedrive_folder_warning(path: str, environ: Mapping[str, str]) -> str | None:
    r"""A path under a OneDrive folder wherever it was moved to, or under the SharePoint
    libraries OneDrive for work syncs, which sit beside it in a folder named after the
    organisation (``C:\Users\pm\Cleveland Police\...`` beside ``OneDrive - Cleveland Police``)."""
    target = PureWindowsPath(ntpath.abspath(path))
    roots = []
    for variable in ONEDRIVE_VARIABLES:
        folder = environ.get(variable)
        if folder:
            roots.append(("OneDrive folder", PureWindowsPath(folder)))
    business = PureWindowsPath(environ.get("OneDriveCommercial") or "")
    if business.name.lower().startswith("onedrive - "):
        library = business.parent / business.name[len("OneDrive - ") :]
        roots.append(("SharePoint folder synced by OneDrive", library))
    for label, root in roots:
        if _inside(target, root):
            return f"warning: {path} is in a {label} ({root}). {ADVICE}"
    return None


def _inside(target: PureWindowsPath, root: PureWindowsPath) -> bool:
    return target == root or root in target.parents  # Windows paths compare regardless of case


def unsafe_location_warning(
    path: Path | str,
    *,
    mountinfo_text: str | None = None,
    windows: bool = sys.platform == "win32",
    environ: Mapping[str, str] = os.environ,
    drive_type: Callable[[str], int | None] = _windows_drive_type,
) -> str | None:
    """A one-line warning if `path` is on a network/FUSE mount or in a cloud-synced folder."""
    if windows:
        text = str(path)
        return (
            cloud_folder_warning(text, windows=True)
            or onedrive_folder_warning(text, environ)
            or windows_drive_warning(ntpath.abspath(text), drive_type)
        )
    path = Path(path)
    return cloud_folder_warning(path) or network_mount_warning(path, mountinfo_text)
