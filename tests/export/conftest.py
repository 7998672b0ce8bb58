"""Fixtures for the pack tests: the embedded programme exported once per test."""

import pytest

from t2025tui.core.export import export_pack


@pytest.fixture
def pack_path(store, tmp_path):
    out = tmp_path / "out" / "pack.xlsx"
    out.parent.mkdir()
    export_pack(store, out)
    return out
