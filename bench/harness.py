"""What every benchmark shares: the programs under test, statistics, copies, timed processes."""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
T2025 = str(Path(sys.executable).with_name("t2025"))
EMBEDDED_NAME = "T2025 Service Improvement Programme"
BIG_NAME = "Benchmark Programme 100,000 milestones"
EXPORT_NAME = "Benchmark Programme 10,000 milestones"


def log(message: str) -> None:
    print(message, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def percentile(values, q: float):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    rank = q / 100 * (len(values) - 1)
    low, high = int(rank), min(int(rank) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


def ratio(a, b):
    return None if a is None or not b else a / b


def run_checked(argv: list[str], env: dict) -> None:
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv)} failed:\n{result.stdout}{result.stderr}")


def fresh_copy(source: Path, dest: Path) -> Path:
    """A private copy of a database (its -wal too), so a benchmark never changes the original."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, dest)
    if Path(f"{source}-wal").exists():
        shutil.copyfile(f"{source}-wal", f"{dest}-wal")
    os.chmod(dest, 0o600)
    return dest


# Whole processes ---------------------------------------------------------------------------

GNU_TIME = Path("/usr/bin/time")


def timed_process_rss(argv: list[str], env: dict) -> dict:
    """Wall time of one whole process, and its own peak RSS.

    The peak comes from GNU time (`%M`) when it is installed: a child started straight from
    this (large) Python process is charged this process's resident memory at exec, so wait4's
    ru_maxrss would read at least the benchmark's own size. Without GNU time, wait4's figure is
    used and the result says so.
    """
    out_path = Path(env["HOME"]) / "child-output.txt"
    rss_path = Path(env["HOME"]) / "child-peak-rss-kib.txt"
    rss_path.unlink(missing_ok=True)
    measured = ([str(GNU_TIME), "-f", "%M %U %S", "-o", str(rss_path)] + argv) if GNU_TIME.exists() else argv
    with open(out_path, "wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(measured, env=env, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    output = out_path.read_text(errors="replace")
    # CPU time (user + system) of the child: on a shared, loaded machine the wall time waits
    # for a core as well; the CPU time does not.
    cpu = usage.ru_utime + usage.ru_stime
    if rss_path.exists():
        # GNU time writes "Command exited with non-zero status N" first when the command failed.
        words = rss_path.read_text().split()
        peak_kib, source = int(words[-3]), "GNU time"
        cpu = float(words[-2]) + float(words[-1])
    else:
        peak_kib, source = usage.ru_maxrss, "wait4 (includes the benchmark's own size)"
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mib": peak_kib / 1024,
        "rss_source": source,
        "returncode": proc.returncode,
        "output": output[-3000:],
    }


def fmt_s(value) -> str:
    return "n/a" if value is None else f"{value:.3f} s"
