"""Hostile files cost bounded memory and time: refused (or read) without gigabytes or minutes.

Memory is Python's own allocations (tracemalloc, on every platform); time is this process's CPU
time with a generous bound, since the machine is shared."""

import time
import tracemalloc

import pytest

from t2025tui.core.importers.risk_log import preview_risks
from t2025tui.core.importers.safety import ImportRefused
from tests.importers.hostile import cell_bomb, header_merge_bomb, merge_bomb

MEMORY_LIMIT = 300 * 1024 * 1024
CPU_LIMIT = 60.0  # seconds: far above the second or two these take, far below the minutes before


def bounded(action):
    """Run `action`; return (its result or the ImportRefused it raised, peak bytes)."""
    tracemalloc.start()
    started = time.process_time()
    try:
        try:
            outcome = action()
        except ImportRefused as exc:
            outcome = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    spent = time.process_time() - started
    assert peak < MEMORY_LIMIT, f"peak {peak / 2**20:,.0f} MiB"
    assert spent < CPU_LIMIT, f"{spent:.1f} s of CPU"
    return outcome


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (merge_bomb, r"merged ranges covering more than 1,000,000 cells; unmerge the cells"),
        (cell_bomb, r"has more than 2,000,000 cells"),
    ],
)
def test_small_files_that_expand_into_huge_work_are_refused(store, tmp_path, build, message):
    path = build(tmp_path / "hostile.xlsx")
    assert path.stat().st_size < 2 * 1024 * 1024
    outcome = bounded(lambda: preview_risks(store, path))
    assert isinstance(outcome, ImportRefused), outcome
    assert __import__("re").search(message, str(outcome)), str(outcome)


def test_overlapping_header_ranges_are_read_in_bounded_cost(store, tmp_path):
    path = header_merge_bomb(tmp_path / "hostile.xlsx")
    outcome = bounded(lambda: preview_risks(store, path))
    # Read (the header is still found) or refused, but never gigabytes.
    assert isinstance(outcome, ImportRefused) or outcome.sheets[0].header_row == 1
