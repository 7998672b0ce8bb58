"""Search at scale: `search()` (what `t2025 find` and the app's search run) on the 100k file,
timed over a mix of what people type, and what the index costs (its size, and the time to build
it, which is what migration 007 spends on an older file).

    python bench/generate.py --out /tmp/big.db --preset big --seed 1
    python bench/search_bench.py /tmp/big.db [--repeat 5] [--build]

`--build` also times building the index from scratch on a copy (dropped, then made again by
the migration's own step in one transaction). Run by hand on a quiet machine; the figures are
quoted in docs/performance.md. Target (issue 16): p50 under 50 ms.
"""

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import fresh_copy, log, median, percentile  # noqa: E402

from t2025tui.core.queries.search import search  # noqa: E402
from t2025tui.core.search_index import INDEXED, create_index, drop_index_triggers, is_index_table  # noqa: E402
from t2025tui.core.store import open_store  # noqa: E402

TARGET_P50_MS = 50


def queries(conn: sqlite3.Connection) -> list[str]:
    """What people type: words common and rare, two words, refs, a word half typed, a reason,
    syntax, and text that does not parse; then "supplier delay" as it is typed, key by key."""
    milestone_ref = conn.execute("SELECT ref FROM milestone ORDER BY id LIMIT 1 OFFSET 54321").fetchone()[0]
    risk_ref = conn.execute("SELECT ref FROM risk ORDER BY id LIMIT 1 OFFSET 4321").fetchone()[0]
    typed = "supplier delay"
    return [
        "radio",
        "custody",
        "oracle",
        "training",
        "safeguarding hub",
        "supplier delay",
        "IT capacity",
        "vacancies",
        "funding not confirmed",
        milestone_ref,
        risk_ref,
        "resou",
        "safeg",
        "zebra",
        "Café",
        "custody OR fleet",
        '"body worn video"',
        '"unbalanced',
        "(oracle",
        *(typed[:n] for n in range(1, len(typed) + 1)),
    ]


def index_size(conn: sqlite3.Connection) -> tuple[int, int]:
    """(bytes in the index's tables, bytes in the whole file), from SQLite's page statistics."""
    total = index = 0
    for name, size in conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
        total += size
        if is_index_table(name):
            index += size
    return index, total


def time_build(source: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        copy = fresh_copy(source, Path(folder) / "build.db")
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            drop_index_triggers(conn)
            for indexed in INDEXED:
                conn.execute(f'DROP TABLE "{indexed.fts}"')
            conn.execute("COMMIT")
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            create_index(conn)
            conn.execute("COMMIT")
            return time.perf_counter() - started
        finally:
            conn.close()


def measure(db: Path, repeat: int) -> dict:
    """Every query `repeat` times: the samples' p50 / p95, each query's median, the index's size."""
    store = open_store(db)
    try:
        texts = queries(store.conn)
        search(store, "warm")  # the first read of the file's pages is not what a user waits on twice
        samples: list[float] = []
        per_query: dict[str, list[float]] = {text: [] for text in texts}
        found: dict[str, int] = {}
        for _ in range(repeat):
            for text in texts:
                started = time.perf_counter()
                hits = search(store, text, limit=50)  # as many as the app's search shows
                elapsed = (time.perf_counter() - started) * 1000
                samples.append(elapsed)
                per_query[text].append(elapsed)
                found[text] = len(hits)
        index, total = index_size(store.conn)
        milestones = store.scalar("SELECT COUNT(*) FROM milestone")
        changes = store.scalar("SELECT COUNT(*) FROM change_log")
    finally:
        store.close()
    return {
        "p50_ms": percentile(samples, 50),
        "p95_ms": percentile(samples, 95),
        "searches": len(samples),
        "per_query_ms": {text: median(times) for text, times in per_query.items()},
        "found": found,
        "index_mib": index / 2**20,
        "file_mib": total / 2**20,
        "milestones": milestones,
        "changes": changes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--build", action="store_true", help="also time building the index from scratch")
    args = parser.parse_args()
    result = measure(args.db, args.repeat)
    log(f"{args.db}: {result['milestones']:,} milestones, {result['changes']:,} change-log rows")
    for text, took in result["per_query_ms"].items():
        log(f"  {text!r:28} {took:7.1f} ms  ({result['found'][text]} found)")
    p50, p95 = result["p50_ms"], result["p95_ms"]
    met = "met" if p50 < TARGET_P50_MS else "NOT met"
    log(
        f"search: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {result['searches']} searches (target p50 < {TARGET_P50_MS} ms: {met})"
    )
    share = result["index_mib"] / result["file_mib"]
    log(f"index: {result['index_mib']:.1f} MiB of {result['file_mib']:.1f} MiB ({share:.1%} of the file)")
    if args.build:
        log(f"building the index from scratch (migration 007's step): {time_build(args.db):.1f} s")
    return 0 if p50 < TARGET_P50_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
