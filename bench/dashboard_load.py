"""Time the dashboard's data load on its own, cold and warm, each run in a fresh process.

"Cold" drops the database file's pages from the OS page cache first (posix_fadvise
DONTNEED on the file only, so other processes' caches are left alone): the first read of
a cold start after a reboot or a long idle. Each child times exactly one load, right after
opening the store the way the app does for a large file (`open_store(check=False)`), so
warm differs from cold only by the page cache.

    python bench/dashboard_load.py --db /tmp/copy-of-big.db --repeat 5

The file must already be at the current schema (open it once with t2025 first): a
migration inside the timed child would be measured as the load.
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from t2025tui.core.store import open_store
from t2025tui.tui.screens.dashboard import load_dashboard
from t2025tui.core.queries import status
t1 = time.perf_counter()
store = open_store(sys.argv[1], check=False)
t2 = time.perf_counter()
parts = {}
def timed(name, fn):
    start = time.perf_counter()
    value = fn()
    parts[name] = time.perf_counter() - start
    return value
data = load_dashboard(store)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "load_s": t3 - t2,
                  "conclusion": data["conclusion"],
                  "workstreams": [[r["id"], r["late"], r["at_risk"], r["milestones"], r["rag_at_board"],
                                   (r["next_milestone"] or {}).get("id")] for r in data["workstreams"]]}))
"""


def evict(path: str) -> None:
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name):
            fd = os.open(name, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def run_once(db: str, cold: bool) -> dict:
    if cold:
        evict(db)
    out = subprocess.run([sys.executable, "-c", CHILD, db], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run_once(args.db, cold=False)  # bytecode caches
    results = {}
    for mode in ("cold", "warm"):
        samples = [run_once(args.db, cold=mode == "cold") for _ in range(args.repeat)]
        results[mode] = samples
        loads = [s["load_s"] for s in samples]
        opens = [s["open_s"] for s in samples]
        print(
            f"{mode}: load median {statistics.median(loads) * 1000:.1f} ms "
            f"(min {min(loads) * 1000:.1f}, max {max(loads) * 1000:.1f}); "
            f"open_store median {statistics.median(opens) * 1000:.1f} ms"
        )
    first = results["cold"][0]
    print("conclusion:", first["conclusion"])
    print(
        "workstream figures digest:",
        hashlib.sha256(json.dumps(first["workstreams"]).encode()).hexdigest()[:16],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
