"""Fixtures shared by every test folder.

Every test runs with its own HOME / XDG folders and T2025_DB under tmp_path, so the user's
real data folder is never touched.
"""

import pytest

from t2025tui.commands.init import create_programme
from t2025tui.core.store import Store, open_store


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("T2025_DB", str(tmp_path / "env-default.db"))
    monkeypatch.delenv("T2025_DEBUG", raising=False)
    return home


@pytest.fixture
def seeded_db_path(tmp_path):
    """A database file holding the embedded T2025 programme."""
    path = tmp_path / "data" / "t2025.db"
    create_programme(path).close()
    return path


@pytest.fixture
def store(seeded_db_path) -> Store:
    opened = open_store(seeded_db_path)
    yield opened
    opened.close()
