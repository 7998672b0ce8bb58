"""The targets of issues 7 and 20, and the results as a readable table and as the README's markdown.

python bench/report.py bench/out/results-2026-11-24.json     # markdown for the README
"""

import json
import sys
from pathlib import Path

TARGETS = {
    "cold_embedded_ratio": ("cold start, embedded / floor", "<=", 1.3),
    "cold_big_s": ("cold start, 100k db (s)", "<", 0.6),
    "cold_big_rss_mib": ("cold start, 100k db peak RSS (MiB)", "<", 120),
    "edit_p50_ms": ("edit latency p50 (ms), worst size and edit", "<", 40),
    "edit_p95_ms": ("edit latency p95 (ms), worst size and edit", "<", 100),
    "export_embedded_s": ("export, embedded, whole process (s)", "<", 0.6),
    "summary_100k_vs_1k": ("t2025 summary, 100k / 1k milestones", "<=", 2.0),
    "export_10k_ratio": ("export, 10k milestones / openpyxl floor", "<=", 1.2),
    "export_10k_xlsxwriter_ratio": ("export, 10k milestones / xlsxwriter", "<=", 1.5),
    "export_10k_extra_mib": ("export, 10k milestones, peak RSS over floor (MiB)", "<", 80),
    "import_10k_s": ("import of 10,000 risks, apply (s)", "<", 2.0),
    "report_10k_s": ("committee report, 10k milestones, whole process (s)", "<", 3.0),
    "search_p50_ms": ("search p50 (ms), 100k db (issue 16)", "<", 50),
}
EDIT_KINDS = (
    ("rag_key", "RAG, one key"),
    ("rag_reason", "RAG worse, with reason"),
    ("slip", "slip a week, with reason"),
)


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def check_targets(results: dict) -> dict:
    cold, export, imp, edit = (results.get(k) or {} for k in ("cold", "export", "import", "edit"))
    edits = [v for v in edit.values() if isinstance(v, dict) and "p50_ms" in v and not v.get("floor")]
    values = {
        "cold_embedded_ratio": cold.get("embedded_ratio"),
        "cold_big_s": cold.get("big_s"),
        "cold_big_rss_mib": cold.get("big_peak_rss_mib"),
        "edit_p50_ms": max((e["p50_ms"] for e in edits if e["p50_ms"] is not None), default=None),
        "edit_p95_ms": max((e["p95_ms"] for e in edits if e["p95_ms"] is not None), default=None),
        "export_embedded_s": (export.get("embedded") or {}).get("export_s"),
        "summary_100k_vs_1k": ((results.get("read") or {}).get("summary") or {}).get("100k_vs_1k"),
        "export_10k_ratio": (export.get("10k") or {}).get("ratio"),
        "export_10k_xlsxwriter_ratio": (export.get("10k") or {}).get("xlsxwriter_ratio"),
        "export_10k_extra_mib": (export.get("10k") or {}).get("extra_rss_mib"),
        "import_10k_s": imp.get("apply_s"),
        "report_10k_s": ((results.get("report") or {}).get("10k") or {}).get("report_s"),
        "search_p50_ms": (results.get("search") or {}).get("p50_ms"),
    }
    checked = {}
    for key, (label, op, limit) in TARGETS.items():
        value = values[key]
        met = None if value is None else (value <= limit if op == "<=" else value < limit)
        checked[key] = {"label": label, "value": value, "target": f"{op} {limit}", "met": met}
    return checked


def print_report(results: dict, log=print) -> None:
    log("")
    log("Target                                                   measured     target    met")
    for entry in results["targets"].values():
        met = {True: "yes", False: "NO", None: "-"}[entry["met"]]
        log(f"{entry['label']:<56} {fmt(entry['value']):>9}   {entry['target']:>8}   {met}")


def markdown(results: dict) -> str:
    """The figures beside their floors, as the README's table."""
    rows = [("Measure", "t2025", "Floor", "Ratio", "Target", "Met")]
    met = {
        key: {True: "yes", False: "**no**", None: "-"}[entry["met"]]
        for key, entry in results["targets"].items()
    }
    cold = results.get("cold") or {}
    if "embedded_s" in cold:
        rows.append(
            (
                "Cold start to dashboard with data, embedded (s)",
                fmt(cold["embedded_s"]),
                fmt(cold["floor_s"]),
                f"{fmt(cold['embedded_ratio'])}x",
                "<= 1.3x floor",
                met["cold_embedded_ratio"],
            )
        )
        rows.append(
            (
                "Cold start, 100k milestones / 1M changes (s)",
                fmt(cold["big_s"]),
                fmt(cold["floor_s"]),
                f"{fmt(cold['big_ratio'])}x",
                "< 0.6 s",
                met["cold_big_s"],
            )
        )
        rows.append(
            (
                "Cold start, 100k, peak RSS (MiB)",
                fmt(cold["big_peak_rss_mib"], 0),
                fmt(cold["floor_peak_rss_mib"], 0),
                "",
                "< 120",
                met["cold_big_rss_mib"],
            )
        )
    read = results.get("read") or {}
    for command, label in (("summary", "`t2025 summary`"), ("list", "`t2025 list workstream`")):
        entry = read.get(command)
        if not entry:
            continue
        rows.append(
            (
                f"{label}, 1k / 10k / 100k milestones (s)",
                f"{fmt(entry['1k_s'])} / {fmt(entry['10k_s'])} / {fmt(entry['100k_s'])}",
                f"{fmt(entry['embedded_s'])} (embedded)",
                f"{fmt(entry['100k_vs_1k'])}x",
                "100k <= 2x 1k" if command == "summary" else "-",
                met["summary_100k_vs_1k"] if command == "summary" else "-",
            )
        )
    edit = results.get("edit") or {}
    for size, size_label in (("embedded", "embedded"), ("100k", "100k")):
        for kind, label in EDIT_KINDS:
            entry = edit.get(f"{size}_{kind}")
            if not entry:
                continue
            floor = edit.get(f"floor_{entry.get('vs_floor')}") or {}
            rows.append(
                (
                    f"Edit, {size_label}, {label}: p50 / p95 (ms)",
                    f"{fmt(entry['p50_ms'], 0)} / {fmt(entry['p95_ms'], 0)}",
                    f"{fmt(floor.get('p50_ms'), 0)} / {fmt(floor.get('p95_ms'), 0)}",
                    f"{fmt(entry.get('p50_ratio'))}x",
                    "< 40 / < 100",
                    "yes" if (entry["p50_ms"] or 1e9) < 40 and (entry["p95_ms"] or 1e9) < 100 else "**no**",
                )
            )
    export = results.get("export") or {}
    if "embedded" in export:
        e = export["embedded"]
        rows.append(
            (
                "Export, embedded, whole process (s)",
                fmt(e["export_s"]),
                fmt(e["floor_s"]),
                f"{fmt(e['ratio'])}x",
                "< 0.6 s",
                met["export_embedded_s"],
            )
        )
    if "10k" in export:
        e = export["10k"]
        rows.append(
            (
                "Export, 10k milestones, whole process (s)",
                fmt(e["export_s"]),
                fmt(e["floor_s"]),
                f"{fmt(e['ratio'])}x",
                "<= 1.2x floor",
                met["export_10k_ratio"],
            )
        )
        if e.get("xlsxwriter_s") is not None:
            rows.append(
                (
                    "Export, 10k milestones, beside xlsxwriter writing the same cells (s)",
                    fmt(e["export_s"]),
                    fmt(e["xlsxwriter_s"]),
                    f"{fmt(e['xlsxwriter_ratio'])}x",
                    "<= 1.5x xlsxwriter",
                    met["export_10k_xlsxwriter_ratio"],
                )
            )
        if e.get("export_cpu_s") is not None:
            rows.append(
                (
                    "Export, 10k, CPU time (s): t2025 / openpyxl floor / xlsxwriter",
                    fmt(e["export_cpu_s"]),
                    f"{fmt(e['floor_cpu_s'])} / {fmt(e['xlsxwriter_cpu_s'])}",
                    f"{fmt(e['export_cpu_s'] / e['floor_cpu_s'])}x / "
                    f"{fmt(e['export_cpu_s'] / e['xlsxwriter_cpu_s'])}x",
                    "",
                    "",
                )
            )
        rows.append(
            (
                "Export, 10k milestones, peak RSS (MiB)",
                fmt(e["export_peak_rss_mib"], 0),
                fmt(e["floor_peak_rss_mib"], 0),
                f"+{fmt(e['extra_rss_mib'], 0)}",
                "< +80",
                met["export_10k_extra_mib"],
            )
        )
    committee = results.get("report") or {}
    for size, label in (("embedded", "embedded"), ("10k", "10k milestones")):
        if size in committee:
            e = committee[size]
            rows.append(
                (
                    f"Committee report (.docx), {label}, whole process (s)",
                    fmt(e["report_s"]),
                    fmt(e["floor_s"]),
                    f"{fmt(e['ratio'])}x",
                    "< 3 s" if size == "10k" else "-",
                    met["report_10k_s"] if size == "10k" else "-",
                )
            )
    imp = results.get("import") or {}
    if "apply_s" in imp:
        rows.append(
            (
                "Import 10,000 risks, preview (`--dry-run`) (s)",
                fmt(imp["preview_s"]),
                fmt(imp["floor_read_s"]),
                f"{fmt(imp['preview_s'] / imp['floor_read_s'])}x",
                "",
                "",
            )
        )
        rows.append(
            (
                "Import 10,000 risks, apply (s)",
                fmt(imp["apply_s"]),
                fmt(imp["floor_read_s"]),
                f"{fmt(imp['apply_ratio'])}x",
                "< 2 s",
                met["import_10k_s"],
            )
        )
    memory = results.get("memory") or {}
    if "steps" in memory:
        screens = ", ".join(f"{s['screen']} {fmt(s['peak_rss_mib'], 0)}" for s in memory["steps"])
        rows.append(
            (
                "App browsing every screen of the 100k db, peak RSS (MiB)",
                fmt(memory["max_step_peak_rss_mib"], 0),
                "",
                "",
                "",
                "",
            )
        )
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    if "steps" in memory:
        lines += ["", f"Peak RSS (MiB) after each screen of the 100k database, in order: {screens}."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text())))
