"""Child process for the kill -9 test: a long, seeded run of real service edits.

Usage: python edit_worker.py DB_PATH RUN_NUMBER SEED

It prints `READY` once the database is open, then `START <token>` before each edit and, after
the edit returns (that is, after COMMIT), one line `DONE <json>` saying what must now be in
the database. The parent
kills it with SIGKILL at a random moment and then checks every `DONE` line against the file.
"""

import json
import random
import sys

from t2025tui.core.changes import edit
from t2025tui.core.errors import NothingToUndoError, StaleEditError
from t2025tui.core.services import milestones, undo, workstreams
from t2025tui.core.store import open_store

BULK_SIZE = 12  # rows written by one multi-row change


def report(kind: str, **facts) -> None:
    print("DONE " + json.dumps({"kind": kind, **facts}), flush=True)


def version(store, table: str, row_id: int) -> int:
    return store.scalar(f"SELECT version FROM {table} WHERE id = ?", (row_id,))


def bulk_change(store, tag: str) -> None:
    """One audited change touching many rows: notes plus every workstream's commentary."""
    with edit(store, f"Bulk {tag}") as change:
        for n in range(BULK_SIZE):
            change.insert(
                "note",
                {
                    "workstream_id": 1 + n % 5,
                    "created_at": "2022-03-15T09:00:00+00:00",
                    "text": f"{tag} part {n}",
                },
            )
        for ws in store.query("SELECT id, version FROM workstream ORDER BY id"):
            change.update(
                "workstream", ws["id"], {"commentary": f"{tag} commentary"}, expected_version=ws["version"]
            )


def main() -> None:
    path, run, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    store = open_store(path, check=False)
    print("READY", flush=True)
    for step in range(100_000):
        token = f"r{run}s{step}"
        choice = rng.random()
        # Printed before the edit starts: a START without DONE means the kill hit mid-edit.
        print(f"START {token}", flush=True)
        ws = rng.randint(1, 5)
        if choice < 0.25:
            workstreams.add_note(store, ws, f"{token} note")
            report("note", token=token)
        elif choice < 0.45:
            workstreams.set_commentary(
                store, ws, f"{token} commentary", expected_version=version(store, "workstream", ws)
            )
            report("commentary", token=token, workstream=ws, step=step)
        elif choice < 0.6:
            rag = rng.choice(["Red", "Amber", "Green"])
            workstreams.set_workstream_rag(
                store, ws, rag, f"{token} rag", expected_version=version(store, "workstream", ws)
            )
            report("rag", token=token)
        elif choice < 0.7:
            milestone = rng.randint(1, 7)
            try:
                milestones.shift_forecast(
                    store,
                    milestone,
                    rng.choice([-7, 7, 14]),
                    f"{token} slip",
                    expected_version=version(store, "milestone", milestone),
                )
            except StaleEditError:
                continue
            except Exception as exc:  # out of the date range after many slips: not a crash
                if "out of range" not in str(exc):
                    raise
                continue
            report("forecast", token=token)
        elif choice < 0.9:
            bulk_change(store, f"{token} bulk")
            report("bulk", tag=f"{token} bulk")
        else:
            try:
                description = undo.undo(store)
            except (NothingToUndoError, StaleEditError):
                continue
            report("undo", description=description)


if __name__ == "__main__":
    main()
