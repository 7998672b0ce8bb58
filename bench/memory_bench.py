"""Memory: peak RSS of the app browsing every screen of the 100k database.

The app runs in a pseudo-terminal; each screen's number key is pressed in turn, then the
screen is given time to load and paint (until the app has written nothing for half a
second). After each, the process's resident high-water mark (VmHWM) is read from /proc, and
the time from key to the last output is kept as a rough "screen ready" figure.
"""

import time
from pathlib import Path

from harness import BIG_NAME, T2025, fresh_copy, log
from pty_session import PtySession

# key, screen (as in t2025tui/tui/app.py BINDINGS), then stand-up and back.
STEPS = [("3", "milestones"), ("4", "risks"), ("5", "recommendations"), ("6", "finance"), ("7", "health"),
         ("8", "history"), ("2", "workstream"), ("1", "dashboard"), ("s", "stand-up"), ("\x1b", "dashboard again")]


def bench_memory(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    db = fresh_copy(data["big"], workdir / "memory-big.db")
    session = PtySession([T2025, "--db", str(db)], env=env)
    steps = []
    try:
        shown = session.wait_for_text(BIG_NAME, timeout=60)
        if shown is None:
            return {"error": "the dashboard never showed the programme name", "screen": session.text[-1500:]}
        session.settle(0.5)
        steps.append({"screen": "dashboard (start)", "ready_s": shown - session.started,
                      "peak_rss_mib": session.peak_rss_mib()})
        for key, name in STEPS:
            mark = len(session.raw)
            text_mark = session.text_offset()
            sent = session.send(key)
            session.settle(quiet=0.5, timeout=60)
            last = session.arrivals[-1] if len(session.raw) > mark else sent
            screen_text = session.text[text_mark:]
            steps.append({"screen": name, "ready_s": max(0.0, last - sent), "peak_rss_mib": session.peak_rss_mib(),
                          "not_available": "not available in this build" in screen_text})
            log(f"  {name}: ready in {steps[-1]['ready_s']:.2f} s, peak RSS {steps[-1]['peak_rss_mib']:.0f} MiB"
                + (" (not in this build)" if steps[-1]["not_available"] else ""))
            time.sleep(0.2)
    finally:
        final = session.close()
    return {"steps": steps, "peak_rss_mib": final,
            "max_step_peak_rss_mib": max((s["peak_rss_mib"] or 0) for s in steps)}
