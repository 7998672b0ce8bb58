"""`t2025 serve` at scale: how long one refresh takes (copy, check, describe) and how long each
canned query takes on the copy, against Datasette's 1 s limit per query.

    python bench/generate.py --out /tmp/big.db --workstreams 50 --milestones 100000 \\
        --risks 10000 --recommendations 1000 --changes 1000000 --seed 1
    python bench/serve_bench.py /tmp/big.db [--repeat 3]

Run by hand on a quiet machine; the figures are quoted in docs/performance.md.
"""

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import log, median  # noqa: E402

from t2025tui.publish.site import read_site  # noqa: E402
from t2025tui.publish.snapshot import Snapshots  # noqa: E402

LIMIT_MS = 1000  # Datasette's default sql_time_limit_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    snapshots = Snapshots(args.db)
    try:
        takes, sites = [], []
        snapshot = None
        for _ in range(args.repeat):
            started = time.perf_counter()
            snapshot = snapshots.take()
            takes.append(time.perf_counter() - started)
            started = time.perf_counter()
            site = read_site(snapshot)
            sites.append(time.perf_counter() - started)
        assert snapshot is not None
        size = snapshot.stat().st_size / 2**20
        log(f"database {args.db} ({size:.0f} MiB)")
        log(
            f"refresh: copy + quick_check {median(takes):.2f} s, metadata {median(sites) * 1000:.0f} ms (median of {args.repeat})"
        )
        conn = sqlite3.connect(f"{snapshot.resolve().as_uri()}?immutable=1", uri=True)
        queries = site.metadata["databases"]["t2025"]["queries"]
        for name, query in queries.items():
            runs = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                rows = conn.execute(query["sql"]).fetchmany(1000)  # Datasette shows up to 1,000 rows
                runs.append(time.perf_counter() - started)
            ms = median(runs) * 1000
            verdict = "ok" if ms < LIMIT_MS else "OVER Datasette's 1 s limit"
            log(f"  {name:<30} {ms:8.0f} ms  {len(rows):>5} rows  {verdict}")
        conn.close()
    finally:
        snapshots.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
