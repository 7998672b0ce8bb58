"""Warn before opening a database where SQLite cannot keep its promises.

SQLite's locking (and WAL's shared memory) is unreliable on network file systems, and
sync clients (OneDrive, iCloud, Dropbox, Google Drive) copy the file and its -wal separately,
so a synced copy can be torn or conflict-renamed. Neither is refused, since users may have no
other place; they are told, once, before the file is opened.
"""

import contextlib
import os
import re
from pathlib import Path

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


def network_mount_warning(path: Path, mountinfo_text: str | None = None) -> str | None:
    if mountinfo_text is None:
        try:
            mountinfo_text = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # not Linux, or /proc unavailable: nothing to tell
    mount = mount_of(_real_path(path), parse_mountinfo(mountinfo_text))
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


def cloud_folder_warning(path: Path) -> str | None:
    parts = Path(os.path.abspath(path)).parts
    for index, part in enumerate(parts):
        for pattern, service in CLOUD_FOLDERS:
            if pattern.match(part):
                return f"warning: {path} is in a {service} folder, which syncs files behind t2025's back. {ADVICE}"
        # macOS keeps newer sync clients under ~/Library/CloudStorage/<Provider>-<account>.
        if part == "CloudStorage" and index + 1 < len(parts) and CLOUD_STORAGE.match(parts[index + 1]):
            return f"warning: {path} is in a cloud-synced folder ({parts[index + 1]}). {ADVICE}"
    return None


def unsafe_location_warning(path: Path | str, *, mountinfo_text: str | None = None) -> str | None:
    """A one-line warning if `path` is on a network/FUSE mount or in a cloud-synced folder."""
    path = Path(path)
    return cloud_folder_warning(path) or network_mount_warning(path, mountinfo_text)
