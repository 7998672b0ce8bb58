"""Child process for the two-windows test: one "window" on the database, driven over stdin.

Usage: python window_worker.py DB_PATH [BUSY_TIMEOUT_MS]

Each stdin line is a JSON command; each answer is one JSON line on stdout:
  {"op": "read", "ws": 1}                          -> {"version": v, "commentary": text}
  {"op": "commentary", "ws": 1, "text": t, "version": v}
                                                    -> {"ok": true} or {"error": cls, "message": m}
  {"op": "hold", "seconds": s}                      -> {"holding": true}, then {"released": true}
  {"op": "race", "rounds": n, "seed": s, "name": a} -> {"log": [...]}: read-then-edit n times
Errors a user can act on (T2025Error) are answered; anything else is a crash with a
traceback on stderr, which the parent test treats as a failure.
"""

import json
import random
import sys
import time

from t2025tui.core import store as store_module
from t2025tui.core.errors import T2025Error
from t2025tui.core.services.workstreams import set_commentary


def answer(value: dict) -> None:
    print(json.dumps(value), flush=True)


def read(store, ws: int) -> dict:
    row = store.query_one("SELECT version, commentary FROM workstream WHERE id = ?", (ws,))
    return {"version": row["version"], "commentary": row["commentary"]}


def edit(store, ws: int, text: str, version: int) -> dict:
    try:
        set_commentary(store, ws, text, expected_version=version)
    except T2025Error as exc:
        return {"error": type(exc).__name__, "message": str(exc)}
    return {"ok": True}


def race(store, rounds: int, seed: int, name: str) -> list[dict]:
    """Read, think briefly, edit: what a person does, as fast as possible, many times."""
    rng = random.Random(seed)
    log = []
    for n in range(rounds):
        ws = rng.choice([1, 2])
        seen = read(store, ws)
        time.sleep(rng.uniform(0, 0.002))
        text = f"{name} {n}"
        log.append(
            {"ws": ws, "text": text, "seen": seen["commentary"], **edit(store, ws, text, seen["version"])}
        )
    return log


def main() -> None:
    if len(sys.argv) > 2:
        store_module.BUSY_TIMEOUT_MS = int(sys.argv[2])
    store = store_module.open_store(sys.argv[1], check=False)
    answer({"ready": True})
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        if op == "read":
            answer(read(store, command["ws"]))
        elif op == "commentary":
            answer(edit(store, command["ws"], command["text"], command["version"]))
        elif op == "hold":
            with store.write():
                answer({"holding": True})
                time.sleep(command["seconds"])
            answer({"released": True})
        elif op == "race":
            answer({"log": race(store, command["rounds"], command["seed"], command["name"])})


if __name__ == "__main__":
    main()
