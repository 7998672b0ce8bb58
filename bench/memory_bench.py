"""Memory: peak RSS of the app browsing every screen of the 100k database.

The app runs in a pseudo-terminal; each screen's number key is pressed in turn, the benchmark
waits for the screen's title, then gives it time to load and paint (until the app has written
nothing for a second). After each, the process's resident high-water mark (VmHWM) is read
from /proc, and the time from the key to the screen's last output is kept as a rough
"screen ready" figure.
"""

import time
from pathlib import Path

from harness import BIG_NAME, T2025, fresh_copy, log
from pty_session import PtySession

# key, screen, text it shows (t2025tui/tui/app.py BINDINGS and SCREENS), then stand-up and back.
STEPS = [
    ("3", "milestones", "Milestones"),
    ("4", "risks", "Risk register"),
    ("5", "recommendations", "Recommendations"),
    ("6", "finance", "Finance"),
    ("7", "health", "Health Check"),
    ("8", "history", "History"),
    ("2", "workstream", "Commentary"),
    ("1", "dashboard", "Next milestone"),
    ("s", "stand-up", "Stand-up · workstream"),
    ("\x1b", "dashboard again", "Stand-up finished"),
]


def bench_memory(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    db = fresh_copy(data["big"], workdir / "memory-big.db")
    session = PtySession([T2025, "--db", str(db)], env=env)
    steps = []
    try:
        shown = session.wait_for_text(BIG_NAME, timeout=60)
        if shown is None:
            return {"error": "the dashboard never showed the programme name", "screen": session.text[-1500:]}
        session.settle(1.0)
        steps.append(
            {
                "screen": "dashboard (start)",
                "ready_s": shown - session.started,
                "peak_rss_mib": session.peak_rss_mib(),
            }
        )
        for key, name, title in STEPS:
            mark = len(session.raw)
            text_mark = session.text_offset()
            sent = session.send(key)
            titled = session.wait_for_text(title, since=text_mark, timeout=60)
            session.settle(quiet=1.0, timeout=60)
            last = session.arrivals[-1] if len(session.raw) > mark else sent
            screen_text = session.text[text_mark:]
            peak = session.peak_rss_mib()
            if peak is None:  # the app has exited: keep what it last showed
                session.close()
                return {
                    "error": f"the app exited on the {name} screen (status {session.exited and session.exited[0]}):"
                    f"\n{session.text[-2500:]}",
                    "steps": steps,
                }
            steps.append(
                {
                    "screen": name,
                    "ready_s": max(0.0, last - sent),
                    "peak_rss_mib": peak,
                    "title_shown": titled is not None,
                    "not_available": "not available in this build" in screen_text,
                }
            )
            log(
                f"  {name}: ready in {steps[-1]['ready_s']:.2f} s, peak RSS {steps[-1]['peak_rss_mib']:.0f} MiB"
                + (" (not in this build)" if steps[-1]["not_available"] else "")
                + ("" if titled else f" (never showed {title!r})")
            )
            time.sleep(0.2)
    finally:
        final = session.close()
    return {
        "steps": steps,
        "peak_rss_mib": final,
        "max_step_peak_rss_mib": max((s["peak_rss_mib"] or 0) for s in steps),
    }
