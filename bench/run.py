"""Benchmarks of t2025 as its user feels it, each timed beside its floor in the same run.

    python bench/run.py                 # everything, 7 repeats (medians), about 15 minutes
    python bench/run.py --repeat 3 --only cold,export
    python bench/run.py --workdir /tmp/t2025-bench   # generated databases are kept and reused

Prints a table and writes bench/out/results-<date>.json (raw samples, medians, ratios, the
targets of issue 7 and whether each was met, and the machine it ran on).
"""

import argparse
import json
import os
import pickle
import platform
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from edit_bench import bench_edit
from floor_app import FLOOR_MARKER
from harness import (
    BIG_NAME,
    EMBEDDED_NAME,
    EXPORT_NAME,
    PYTHON,
    T2025,
    fmt_s,
    fresh_copy,
    log,
    median,
    ratio,
    run_checked,
    timed_process_rss,
)
from memory_bench import bench_memory
from pty_session import PtySession
from report import check_targets, markdown, print_report

SECTIONS = ("cold", "read", "edit", "export", "report", "import", "memory", "search")


# Machine and environment -----------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    import openpyxl
    import textual

    commit = subprocess.run(
        ["git", "-C", str(BENCH.parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": textual.__version__,
        "openpyxl": openpyxl.__version__,
        "platform": platform.platform(),
        "commit": commit,
    }


def child_env(workdir: Path) -> dict:
    """A clean environment: no user config or data folder, a colour terminal, UTF-8."""
    home = workdir / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }


# Data --------------------------------------------------------------------------------------


def prepare(workdir: Path, env: dict) -> dict:
    """Generate (once) the databases and the risk log; later runs reuse them."""
    workdir.mkdir(parents=True, exist_ok=True)
    data = {
        "embedded": workdir / "embedded.db",
        "big": workdir / "big.db",
        "export10k": workdir / "export10k.db",
        "small": workdir / "small1k.db",
        "risk_log": workdir / "risks10k.xlsx",
    }
    if not data["embedded"].exists():
        run_checked([T2025, "init", "--db", str(data["embedded"])], env)
    if not data["big"].exists():
        log("generating the 100k database (about half a minute) ...")
        run_checked(
            [
                PYTHON,
                str(BENCH / "generate.py"),
                "--preset",
                "big",
                "--seed",
                "1",
                "--name",
                BIG_NAME,
                "--out",
                str(data["big"]),
            ],
            env,
        )
    if not data["export10k"].exists():
        run_checked(
            [
                PYTHON,
                str(BENCH / "generate.py"),
                "--preset",
                "export",
                "--seed",
                "1",
                "--name",
                EXPORT_NAME,
                "--out",
                str(data["export10k"]),
            ],
            env,
        )
    if not data["small"].exists():
        run_checked(
            [
                PYTHON,
                str(BENCH / "generate.py"),
                "--preset",
                "small",
                "--seed",
                "1",
                "--out",
                str(data["small"]),
            ],
            env,
        )
    if not data["risk_log"].exists():
        run_checked(
            [
                PYTHON,
                str(BENCH / "generate.py"),
                "--risk-log",
                str(data["risk_log"]),
                "--rows",
                "10000",
                "--seed",
                "1",
            ],
            env,
        )
    # Bring each kept database to the current schema once, here: otherwise every run's copies
    # would migrate (the 100k file's in about 2 s, timed as part of a start) and leave a backup
    # of 400 MB each.
    for name in ("embedded", "big", "export10k", "small"):
        run_checked([T2025, "summary", "--db", str(data[name])], env)
    remove_backups(workdir)
    return data


def remove_backups(workdir: Path) -> None:
    """The backups a migration leaves beside a benchmark's database (in `backups/`)."""
    shutil.rmtree(workdir / "backups", ignore_errors=True)


# Cold start --------------------------------------------------------------------------------


def cold_start_once(argv: list[str], marker: str, env: dict) -> dict:
    session = PtySession(argv, env=env)
    seen = session.wait_for_text(marker, timeout=60)
    rss_at_frame = session.peak_rss_mib()
    peak = session.close()
    result = {
        "s": None if seen is None else seen - session.started,
        "rss_at_frame_mib": rss_at_frame,
        "peak_rss_mib": peak,
    }
    if seen is None:
        result["screen_tail"] = session.text[-1500:]
    return result


def bench_cold(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    embedded = fresh_copy(data["embedded"], workdir / "cold-embedded.db")
    big = fresh_copy(data["big"], workdir / "cold-big.db")
    cases = {
        "floor": ([PYTHON, str(BENCH / "floor_app.py")], FLOOR_MARKER),
        "embedded": ([T2025, "--db", str(embedded)], EMBEDDED_NAME),
        "big": ([T2025, "--db", str(big)], BIG_NAME),
    }
    samples = {name: [] for name in cases}
    for argv, marker in cases.values():  # warm the page cache and Python's bytecode cache
        cold_start_once(argv, marker, env)
    for i in range(repeat):
        for name, (argv, marker) in cases.items():  # interleaved, so drift hits all three alike
            samples[name].append(cold_start_once(argv, marker, env))
        log(
            f"  cold start run {i + 1}/{repeat}: "
            + ", ".join(f"{n} {fmt_s(samples[n][-1]['s'])}" for n in cases)
        )
    result = {"samples": samples}
    for name in cases:
        result[f"{name}_s"] = median(s["s"] for s in samples[name])
        result[f"{name}_rss_at_frame_mib"] = median(s["rss_at_frame_mib"] for s in samples[name])
        result[f"{name}_peak_rss_mib"] = median(s["peak_rss_mib"] for s in samples[name])
        failures = [s for s in samples[name] if s["s"] is None]
        if failures:
            result[f"{name}_failure"] = failures[0].get("screen_tail", "")
    result["embedded_ratio"] = ratio(result["embedded_s"], result["floor_s"])
    result["big_ratio"] = ratio(result["big_s"], result["floor_s"])
    return result


# Read commands -----------------------------------------------------------------------------

READ_COMMANDS = {"summary": ["summary"], "list": ["list", "workstream"]}


def bench_read(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    """`t2025 summary` and `t2025 list workstream` as whole processes on 1k, 10k and 100k
    milestones: opening a file reads its header, not the whole file, so the time is flat."""
    sizes = {
        "embedded": data["embedded"],
        "1k": data["small"],
        "10k": data["export10k"],
        "100k": data["big"],
    }
    copies = {size: fresh_copy(source, workdir / f"read-{size}.db") for size, source in sizes.items()}
    result: dict = {}
    for command, words in READ_COMMANDS.items():
        runs: dict[str, list] = {size: [] for size in copies}
        for db in copies.values():  # warm the page cache and the bytecode
            timed_process_rss([T2025, *words, "--db", str(db)], env)
        for _i in range(repeat):
            for size, db in copies.items():  # interleaved, so drift hits every size alike
                runs[size].append(timed_process_rss([T2025, *words, "--db", str(db)], env))
        bad = [r for rows in runs.values() for r in rows if r["returncode"] != 0]
        if bad:
            return {"error": f"t2025 {' '.join(words)} failed: {bad[0]['output']}"}
        entry = {f"{size}_s": median(r["wall_s"] for r in rows) for size, rows in runs.items()}
        entry["100k_vs_1k"] = ratio(entry["100k_s"], entry["1k_s"])
        entry["100k_vs_embedded"] = ratio(entry["100k_s"], entry["embedded_s"])
        entry["samples"] = {size: [r["wall_s"] for r in rows] for size, rows in runs.items()}
        result[command] = entry
        log(
            f"  {' '.join(words)}: "
            + ", ".join(f"{size} {fmt_s(entry[f'{size}_s'])}" for size in copies)
            + f" (100k / 1k {entry['100k_vs_1k']:.2f}x)"
        )
    return result


# Export ------------------------------------------------------------------------------------


def pack_cells(pack: Path) -> list:
    """Every sheet's rows of values from a real pack, for the floor to write again."""
    from openpyxl import load_workbook

    workbook = load_workbook(pack, read_only=True, data_only=False)
    sheets = [
        (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in workbook.worksheets
    ]
    workbook.close()
    return sheets


def bench_export(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    result = {}
    for size, source in (("embedded", data["embedded"]), ("10k", data["export10k"])):
        db = fresh_copy(source, workdir / f"export-{size}.db")
        pack = workdir / f"pack-{size}.xlsx"
        floor_pack = workdir / f"floor-{size}.xlsx"
        cells = workdir / f"pack-{size}-cells.pickle"
        export_argv = [T2025, "export", "--db", str(db), "--out", str(pack)]
        first = timed_process_rss(export_argv, env)
        if first["returncode"] != 0:
            return {"error": f"t2025 export failed ({first['returncode']}): {first['output']}"}
        sheets = pack_cells(pack)
        with open(cells, "wb") as handle:
            pickle.dump(sheets, handle)
        floor_argv = [PYTHON, str(BENCH / "export_floor.py"), str(cells), str(floor_pack)]
        xlsxwriter_argv = [
            PYTHON,
            str(BENCH / "export_floor.py"),
            str(cells),
            str(workdir / f"floor-xlsxwriter-{size}.xlsx"),
            "xlsxwriter",
        ]
        timed_process_rss(floor_argv, env)
        timed_process_rss(xlsxwriter_argv, env)
        app_runs, floor_runs, xlsxwriter_runs = [], [], []
        for _i in range(repeat):
            app_runs.append(timed_process_rss(export_argv, env))
            floor_runs.append(timed_process_rss(floor_argv, env))
            xlsxwriter_runs.append(timed_process_rss(xlsxwriter_argv, env))
        bad = [r for r in app_runs + floor_runs + xlsxwriter_runs if r["returncode"] != 0]
        if bad:
            return {"error": f"an export or floor run failed: {bad[0]['output']}"}
        entry = {
            "export_s": median(r["wall_s"] for r in app_runs),
            "floor_s": median(r["wall_s"] for r in floor_runs),
            "export_peak_rss_mib": median(r["peak_rss_mib"] for r in app_runs),
            "floor_peak_rss_mib": median(r["peak_rss_mib"] for r in floor_runs),
            "xlsxwriter_s": median(r["wall_s"] for r in xlsxwriter_runs),
            "export_cpu_s": median(r["cpu_s"] for r in app_runs),
            "floor_cpu_s": median(r["cpu_s"] for r in floor_runs),
            "xlsxwriter_cpu_s": median(r["cpu_s"] for r in xlsxwriter_runs),
            "cells": sum(len(rows) * max((len(r) for r in rows), default=0) for _, rows in sheets),
            "sheets": {name: [len(rows), max((len(r) for r in rows), default=0)] for name, rows in sheets},
            "samples": {
                "export_s": [r["wall_s"] for r in app_runs],
                "floor_s": [r["wall_s"] for r in floor_runs],
                "xlsxwriter_s": [r["wall_s"] for r in xlsxwriter_runs],
            },
        }
        entry["ratio"] = ratio(entry["export_s"], entry["floor_s"])
        entry["xlsxwriter_ratio"] = ratio(entry["export_s"], entry["xlsxwriter_s"])
        entry["extra_rss_mib"] = entry["export_peak_rss_mib"] - entry["floor_peak_rss_mib"]
        result[size] = entry
        log(
            f"  export {size}: {fmt_s(entry['export_s'])} (floor {fmt_s(entry['floor_s'])}, "
            f"xlsxwriter {fmt_s(entry['xlsxwriter_s'])}; CPU {fmt_s(entry['export_cpu_s'])}, "
            f"{fmt_s(entry['floor_cpu_s'])}, {fmt_s(entry['xlsxwriter_cpu_s'])}), "
            f"{entry['export_peak_rss_mib']:.0f} MiB (floor {entry['floor_peak_rss_mib']:.0f} MiB)"
        )
    return result


# Committee report --------------------------------------------------------------------------


def bench_report(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    """`t2025 report` as at the embedded programme's board (the generated history ends the day
    before), so the period holds what a committee would read; the floor is a process that
    imports python-docx and saves an empty document."""
    result = {}
    floor_argv = [
        PYTHON,
        "-c",
        "import sys, docx; docx.Document().save(sys.argv[1])",
        str(workdir / "floor.docx"),
    ]
    for size, source in (("embedded", data["embedded"]), ("10k", data["export10k"])):
        db = fresh_copy(source, workdir / f"report-{size}.db")
        out = workdir / f"report-{size}.docx"
        argv = [T2025, "report", "--db", str(db), "--out", str(out), "--as-of", "2022-03-15"]
        first = timed_process_rss(argv, env)
        if first["returncode"] != 0:
            return {"error": f"t2025 report failed ({first['returncode']}): {first['output']}"}
        runs = [timed_process_rss(argv, env) for _i in range(repeat)]
        floor = [timed_process_rss(floor_argv, env) for _i in range(repeat)]
        entry = {
            "report_s": median(r["wall_s"] for r in runs),
            "floor_s": median(r["wall_s"] for r in floor),
            "report_peak_rss_mib": median(r["peak_rss_mib"] for r in runs),
            "bytes": out.stat().st_size,
            "samples": {"report_s": [r["wall_s"] for r in runs]},
        }
        entry["ratio"] = ratio(entry["report_s"], entry["floor_s"])
        result[size] = entry
        log(
            f"  report {size}: {fmt_s(entry['report_s'])} (floor {fmt_s(entry['floor_s'])}), "
            f"{entry['report_peak_rss_mib']:.0f} MiB, {entry['bytes'] // 1024} KiB"
        )
    return result


# Import ------------------------------------------------------------------------------------


def bench_import(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    runs = {"preview": [], "apply": []}
    # The floor: python-calamine (Rust) reading every cell of the same workbook, as a whole process.
    floor_argv = [
        PYTHON,
        "-c",
        "import sys; from python_calamine import CalamineWorkbook as W; "
        "wb = W.from_path(sys.argv[1]); [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]",
        str(data["risk_log"]),
    ]
    floor = []
    for _i in range(repeat):
        db = fresh_copy(data["embedded"], workdir / "import.db")
        runs["preview"].append(
            timed_process_rss(
                [T2025, "import", "risks", str(data["risk_log"]), "--db", str(db), "--dry-run"], env
            )
        )
        runs["apply"].append(
            timed_process_rss([T2025, "import", "risks", str(data["risk_log"]), "--db", str(db)], env)
        )
        floor.append(timed_process_rss(floor_argv, env))
        if runs["apply"][-1]["returncode"] != 0:
            return {"error": f"t2025 import risks failed: {runs['apply'][-1]['output']}"}
        conn = sqlite3.connect(db)
        count = conn.execute("SELECT COUNT(*) FROM risk").fetchone()[0]
        conn.close()
    result = {
        "preview_s": median(r["wall_s"] for r in runs["preview"]),
        "apply_s": median(r["wall_s"] for r in runs["apply"]),
        "apply_peak_rss_mib": median(r["peak_rss_mib"] for r in runs["apply"]),
        "floor_read_s": median(r["wall_s"] for r in floor),
        "risks_after": count,
        "output_tail": runs["apply"][-1]["output"][-800:],
    }
    result["apply_ratio"] = ratio(result["apply_s"], result["floor_read_s"])
    log(
        f"  import: preview {fmt_s(result['preview_s'])}, apply {fmt_s(result['apply_s'])}, "
        f"read floor {fmt_s(result['floor_read_s'])}, {count:,} risks after"
    )
    return result


# Search ------------------------------------------------------------------------------------


def bench_search(data: dict, env: dict, workdir: Path, repeat: int) -> dict:
    """`search()` in this process on a copy of the 100k file (bench/search_bench.py)."""
    from search_bench import measure

    result = measure(fresh_copy(data["big"], workdir / "search-big.db"), repeat)
    log(
        f"  search: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms over {result['searches']}"
        f" searches; index {result['index_mib']:.0f} MiB of {result['file_mib']:.0f} MiB"
    )
    return result


# Running -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure; medians are reported")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--workdir", default="/tmp/t2025-bench", help="generated data and scratch files")
    parser.add_argument("--out", help="results file (default bench/out/results-<date>.json)")
    args = parser.parse_args(argv)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    workdir = Path(args.workdir)
    env = child_env(workdir)
    data = prepare(workdir, env)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "repeat": args.repeat,
    }
    log(
        f"machine: {results['machine']['nproc']} CPUs, {results['machine']['cpu']}, {results['machine']['memory']}"
    )
    runners = {
        "cold": bench_cold,
        "read": bench_read,
        "edit": bench_edit,
        "export": bench_export,
        "report": bench_report,
        "import": bench_import,
        "memory": bench_memory,
        "search": bench_search,
    }
    for section in only:
        log(f"{section} ...")
        try:
            results[section] = runners[section](data, env, workdir, args.repeat)
        except Exception as exc:  # one broken section must not lose the others' figures
            results[section] = {"error": f"{type(exc).__name__}: {exc}"}
        if "error" in results[section]:
            log(f"  {section} failed: {results[section]['error'][:600]}")
    remove_backups(workdir)
    results["targets"] = check_targets(results)
    print_report(results, log)
    out = Path(args.out) if args.out else BENCH / "out" / f"results-{datetime.now():%Y-%m-%d}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    log(f"\nresults: {out}\n\nAs markdown (README):\n")
    log(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
