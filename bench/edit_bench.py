"""Edit latency: a key pressed in stand-up mode until the edit is committed and painted.

The app runs in a pseudo-terminal as a user runs it. For each edit the benchmark types the
keys (and a reason where the app asks for one), writes the final key, and then watches two
things: the database, through its own connection's `PRAGMA data_version` polled every half
millisecond in a thread (it moves when the app's transaction commits), and the terminal
output, for text that only the new state shows (the unique reason just typed, the new
forecast date, or the "RAG Amber → Green" notice) in output arriving after the commit. The
latency is from the final key to that frame. Between edits it waits for the screen to settle,
as a person would before the next key.

The floor, measured in the same run: the floor app (bench/floor_app.py) changing a table cell,
and changing a cell while showing a notification, with no database: what Textual itself
needs from key to painted frame.

Edits, in the first workstream of stand-up (`s`):
- rag_key / rag_reason: r / a / g in turn round Amber -> Green -> Red (better is one key,
  rag_key; worse opens the reason prompt, rag_reason, measured from the enter that confirms it);
- slip: `]` on the selected milestone, a reason, measured from enter; the new forecast date
  (read from the change log after the commit) must appear.
"""

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from floor_app import FLOOR_MARKER
from harness import BENCH, BIG_NAME, EMBEDDED_NAME, PYTHON, T2025, fresh_copy, log, percentile, ratio
from pty_session import PtySession

from t2025tui.core.queries import workstream as workstream_queries
from t2025tui.core.store import Store

RAG_CYCLE = {"Amber": "Green", "Green": "Red", "Red": "Amber"}
RAG_KEY = {"Red": "r", "Amber": "a", "Green": "g"}
WORSE = {("Green", "Red"), ("Green", "Amber"), ("Amber", "Red")}


class CommitWatcher:
    """Notices another connection's commit within about half a millisecond."""

    def __init__(self, db: Path):
        self.conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self.version = self._read()
        self.changed_at: float | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _read(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _poll(self) -> None:
        while not self._stop:
            version = self._read()
            if version != self.version:
                self.version = version
                if self.changed_at is None:
                    self.changed_at = time.perf_counter()
            time.sleep(0.0005)

    def arm(self) -> None:
        self.changed_at = None

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.conn.close()


def measure(
    session: PtySession,
    watcher: CommitWatcher | None,
    key: str,
    needle: str | Callable[[], str | None],
    timeout: float = 30.0,
    notice: str | None = None,
) -> dict:
    """`needle` is the text the new state shows, or a function reading it once the commit is seen.
    Without a watcher (the floor app has no database) the commit counts as instant. With
    `notice`, the time until that text (the notification) appears is recorded as well."""
    text_mark = session.text_offset()
    if watcher is not None:
        watcher.arm()
    sent = session.send(key)
    deadline = sent + timeout
    committed = painted = None
    while time.perf_counter() < deadline:
        session.pump(0.001)
        if committed is None:
            committed = watcher.changed_at if watcher is not None else sent
        if committed is None:
            continue
        if callable(needle):
            # None: what the edit wrote is not in the database yet (the commit seen was another).
            found_needle = needle()
            if found_needle is None:
                continue
            needle = found_needle
        start = text_mark
        while True:
            found = session.text.find(needle, start)
            if found == -1:
                break
            arrived = session.arrival_of(found + len(needle))
            if arrived >= committed - 0.002:  # the poller may see the commit a moment late
                painted = arrived
                break
            start = found + 1
        if painted is not None:
            break
    noticed = None
    if notice is not None and painted is not None:
        noticed = session.wait_for_text(notice, since=text_mark, timeout=timeout)
    return {
        "needle": needle if isinstance(needle, str) else None,
        "commit_ms": None if committed is None else (committed - sent) * 1000,
        "painted_ms": None
        if painted is None or committed is None
        else (max(painted, committed) - sent) * 1000,
        "notice_ms": None if noticed is None else (noticed - sent) * 1000,
    }


def last_change_id(reader: Store) -> int:
    row = reader.query_one("SELECT COALESCE(MAX(id), 0) AS id FROM change_log")
    return row["id"] if row else 0


def forecast_logged_after(reader: Store, after_id: int) -> str | None:
    """The forecast date a slip logged after change `after_id` gave its milestone (what the app
    must now show in the stand-up table), or None while it is not logged yet. The question asked
    also named it, but the prompt is not redrawn before the table is, and the notice naming it
    comes a frame after the table.

    Only a row newer than the key counts: the first commit seen after the key may be another
    (the newest forecast change in the log was then an older slip's, and the first slip of
    every run was counted as missed). Read by id, so it takes well under a millisecond, as the
    terminal output is not being read meanwhile.
    """
    # By id alone: with the entity in the WHERE clause SQLite walks the change log's entity
    # index instead, every milestone change of the 100k file (about 100 ms a call).
    rows = reader.query("SELECT entity, field, new FROM change_log WHERE id > ? ORDER BY id", (after_id,))
    for row in reversed(rows):
        if row["entity"] == "milestone" and row["field"] == "forecast_date":
            return json.loads(row["new"])
    return None


def open_reader(db: Path) -> Store:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    return Store(conn, db)


def run_size(db: Path, marker: str, env: dict, repeat: int) -> dict:
    session = PtySession([T2025, "--db", str(db)], env=env)
    reader = open_reader(db)
    watcher = CommitWatcher(db)
    samples: dict[str, list[dict]] = {"rag_key": [], "rag_reason": [], "slip": []}
    try:
        if session.wait_for_text(marker, timeout=60) is None:
            return {"error": "the dashboard never showed the programme name", "screen": session.text[-1500:]}
        session.settle(0.5)
        mark = session.text_offset()
        session.send("s")
        if session.wait_for_text("Stand-up", since=mark, timeout=30) is None:
            return {"error": "stand-up mode did not open", "screen": session.text[-1500:]}
        session.settle(0.5)
        workstream_id = workstream_queries.workstream_ids(reader)[0]
        for i in range(repeat):
            # RAG: one step round the cycle per sample.
            current = workstream_queries.workstream(reader, workstream_id)["rag"] or "Amber"
            new = RAG_CYCLE.get(current, "Green")
            if (current, new) in WORSE:
                reason = f"bench rag reason {i} {time.time_ns()}"
                mark = session.text_offset()
                session.send(RAG_KEY[new])
                if session.wait_for_text("Reason", since=mark, timeout=15) is None:
                    return {
                        "error": "the reason prompt did not open for a worse RAG",
                        "screen": session.text[-1500:],
                    }
                session.settle(0.2)
                session.send(reason)
                session.settle(0.2)
                # The reason as the stand-up's RAG line shows it, not as it was typed in the prompt.
                sample = measure(session, watcher, "\r", f"RAG  {new}  {reason}")
                kind = "rag_reason"
            else:
                # The stand-up's RAG line ("RAG " and the badge " Green ") shows the change; the
                # notice saying so follows a frame later and is timed on its own.
                sample = measure(
                    session, watcher, RAG_KEY[new], f"RAG  {new} ", notice=f"RAG {current} → {new}"
                )
                kind = "rag_key"
            sample["edit"] = f"{current}->{new}"
            samples[kind].append(sample)
            session.settle(0.3)
            # Slip the selected milestone a week, with a reason. Which one the app slipped, and
            # to when, is read back from the change log once the commit is seen.
            reason = f"bench slip reason {i} {time.time_ns()}"
            mark = session.text_offset()
            session.send("]")
            if session.wait_for_text("Why does", since=mark, timeout=15) is None:
                return {"error": "the slip reason prompt did not open", "screen": session.text[-1500:]}
            session.settle(0.2)
            session.send(reason)
            session.settle(0.2)
            before = last_change_id(reader)
            sample = measure(
                session, watcher, "\r", lambda before=before: forecast_logged_after(reader, before)
            )
            sample["edit"] = "slip +7 days"
            samples["slip"].append(sample)
            session.settle(0.3)
        peak = session.peak_rss_mib()
    finally:
        watcher.close()
        reader.close()
        session.close()
    result = {"peak_rss_mib": peak, "samples": samples}
    for kind, rows in samples.items():
        painted = [r["painted_ms"] for r in rows]
        committed = [r["commit_ms"] for r in rows]
        noticed = [r["notice_ms"] for r in rows if r.get("notice_ms") is not None]
        result[kind] = {
            "p50_ms": percentile(painted, 50),
            "p95_ms": percentile(painted, 95),
            "commit_p50_ms": percentile(committed, 50),
            "missed": sum(p is None for p in painted),
            "notice_p50_ms": percentile(noticed, 50),
            "n": len(rows),
        }
    return result


def run_floor(env: dict, repeat: int) -> dict:
    """Key to painted frame in the floor app: a cell change, and a cell change with a notice."""
    session = PtySession([PYTHON, str(BENCH / "floor_app.py")], env=env)
    samples: dict[str, list[dict]] = {
        "cell": [],
        "cell+notice": [],
        "modal+cell": [],
        "modal+cell+notice": [],
    }
    try:
        if session.wait_for_text(FLOOR_MARKER, timeout=60) is None:
            return {"error": "the floor app never showed its table", "screen": session.text[-1500:]}
        session.settle(0.5)
        count = 0
        for _ in range(repeat):
            for kind, key, needle in (
                ("cell", "u", "Floor update {}"),
                ("cell+notice", "n", "Floor notice {}"),
            ):
                count += 1
                samples[kind].append(measure(session, None, key, needle.format(count)))
                session.settle(0.3)
            # As a slip: open the reason modal, type, and time the enter that closes it.
            for kind, key, needle in (
                ("modal+cell", "M", "Floor update {}"),
                ("modal+cell+notice", "m", "Floor notice {}"),
            ):
                mark = session.text_offset()
                session.send(key)
                if session.wait_for_text("Floor reason?", since=mark, timeout=15) is None:
                    return {"error": "the floor modal did not open", "screen": session.text[-1500:]}
                session.settle(0.2)
                session.send("because")
                session.settle(0.2)
                count += 1
                samples[kind].append(measure(session, None, "\r", needle.format(count)))
                session.settle(0.3)
    finally:
        session.close()
    result = {"samples": samples}
    for kind, rows in samples.items():
        painted = [r["painted_ms"] for r in rows]
        result[kind] = {
            "p50_ms": percentile(painted, 50),
            "p95_ms": percentile(painted, 95),
            "missed": sum(p is None for p in painted),
            "n": len(rows),
        }
    return result


def bench_edit(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    # Enough samples for a p95 even with a small --repeat.
    samples = max(30, repeat * 4)
    result = {}
    floor = run_floor(env, samples)
    if "error" in floor:
        return {"error": f"floor: {floor['error']}\n{floor.get('screen', '')}"}
    for kind in ("cell", "cell+notice", "modal+cell", "modal+cell+notice"):
        result[f"floor_{kind}"] = {k: v for k, v in floor[kind].items()}
        result[f"floor_{kind}"]["floor"] = True
        log(f"  edit floor {kind}: p50 {fmt_ms(floor[kind]['p50_ms'])}, p95 {fmt_ms(floor[kind]['p95_ms'])}")
    result["floor_samples"] = floor["samples"]
    for size, source, marker in (
        ("embedded", data["embedded"], EMBEDDED_NAME),
        ("100k", data["big"], BIG_NAME),
    ):
        db = fresh_copy(source, workdir / f"edit-{size}.db")
        outcome = run_size(db, marker, env, samples)
        if "error" in outcome:
            return {"error": f"{size}: {outcome['error']}\n{outcome.get('screen', '')}"}
        for kind, floor_kind in (("rag_key", "cell"), ("rag_reason", "modal+cell"), ("slip", "modal+cell")):
            outcome[kind]["floor"] = False
            outcome[kind]["vs_floor"] = floor_kind
            outcome[kind]["p50_ratio"] = ratio(outcome[kind]["p50_ms"], floor[floor_kind]["p50_ms"])
            result[f"{size}_{kind}"] = outcome[kind]
            log(
                f"  edit {size} {kind}: p50 {fmt_ms(outcome[kind]['p50_ms'])}, p95 {fmt_ms(outcome[kind]['p95_ms'])}"
                f" (commit p50 {fmt_ms(outcome[kind]['commit_p50_ms'])}, {outcome[kind]['missed']} missed;"
                f" floor {floor_kind} p50 {fmt_ms(floor[floor_kind]['p50_ms'])})"
            )
        result[f"{size}_samples"] = outcome["samples"]
    return result


def fmt_ms(value) -> str:
    return "n/a" if value is None else f"{value:.1f} ms"
