"""Where the database lives, and creating files and folders private to the user."""

import os
from pathlib import Path

import platformdirs

from t2025tui.core.portability import restrict_open_file, restrict_path

APP_NAME = "t2025tui"
DB_FILENAME = "t2025.db"
DB_ENV_VAR = "T2025_DB"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | os.PathLike | None) -> Path:
    """`--db` wins, then the T2025_DB environment variable, then the per-user default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser()
    return default_db_path()


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents) 0700; tighten it if we made it or it is ours."""
    if folder.exists():
        return
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        os.mkdir(path, 0o700)
        restrict_path(path, 0o700)  # the umask may have masked mkdir's mode


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner; refuse if it already exists.

    On Windows the mode is not set: the per-user data folder is private already (see
    `portability.file_modes_apply`).
    """
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        restrict_open_file(fd, 0o600)
    finally:
        os.close(fd)
