"""Synthetic T2025-shaped programmes (and a messy risk log) for the benchmarks.

The programme is written through the documented bulk path: `create_store` makes a migrated,
empty file; every table is then filled with large `executemany` batches inside one
`store.write()` transaction. The history is written in the same shape the services write it
(`t2025tui/core/changes.py`): one `seed` batch with a `create` row per record (its `new` is the
JSON of the stored row), then edit batches of `update` rows (one per changed field, `old` and
`new` JSON-encoded) mirroring `set_forecast`, `set_workstream_rag`, `update_risk` and
`set_recommendation_status`, each edit batch on the undo stack. Every field's history chains:
the create row holds the first value, each update's `old` is the previous `new`, and the row
in its table holds the last `new` with `version` = 1 + its number of updates. So undo, redo,
`--as-of` and "since last board" see a history they could have produced themselves.

Everything is deterministic from `--seed`.

    python bench/generate.py --out /tmp/big.db --workstreams 50 --milestones 100000 \\
        --risks 10000 --recommendations 1000 --changes 1000000 --seed 1
    python bench/generate.py --preset export --out /tmp/export10k.db
    python bench/generate.py --risk-log /tmp/risks10k.xlsx --rows 10000 --seed 1
"""

import argparse
import json
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from t2025tui.core.changes import encode, label_of
from t2025tui.core.store import create_store

STATUS_DATE = date(2022, 3, 15)
HISTORY_START = datetime(2021, 3, 15, 9, 0, tzinfo=UTC)
HISTORY_END = datetime(2022, 3, 14, 17, 0, tzinfo=UTC)
YEARS = ("2021/22", "2022/23", "2023/24", "2024/25", "2025/26")
RAGS = ("Red", "Amber", "Green")
RAG_RANK = {"Red": 0, "Amber": 1, "Green": 2}
REC_FLOW = ("Open", "In progress", "Submitted for closure", "Signed off")
RESPONSES = ("Tolerate", "Treat", "Transfer", "Terminate")
PRESETS = {
    "big": dict(workstreams=50, milestones=100_000, risks=10_000, recommendations=1_000, changes=1_000_000),
    "export": dict(workstreams=10, milestones=10_000, risks=1_000, recommendations=100, changes=100_000),
    "small": dict(workstreams=5, milestones=1_000, risks=100, recommendations=30, changes=10_000),
}

WORDS = [
    "control",
    "room",
    "custody",
    "digital",
    "evidence",
    "niche",
    "missing",
    "vulnerability",
    "safeguarding",
    "offender",
    "tasking",
    "demand",
    "analysis",
    "resourcing",
    "shift",
    "pattern",
    "training",
    "estate",
    "fleet",
    "firearms",
    "roads",
    "policing",
    "neighbourhood",
    "victim",
    "journey",
    "crime",
    "clinic",
    "supervisor",
    "review",
    "process",
    "mapping",
    "oracle",
    "workforce",
    "recruitment",
    "attraction",
    "leadership",
    "wellbeing",
    "body",
    "worn",
    "video",
    "mobile",
    "data",
    "sharepoint",
    "case",
    "management",
    "complaints",
    "resilience",
    "refresh",
    "network",
    "radio",
    "contact",
    "centre",
    "triage",
    "hub",
    "partnership",
    "accreditation",
    "licensing",
    "intelligence",
    "disclosure",
    "prevention",
]
PEOPLE = (
    "DCC",
    "ACC",
    "People Director",
    "Head of IT",
    "Head of Finance",
    "Ch Supt Ops",
    "Supt Crime",
    "Programme Manager",
    "Head of Estates",
    "Chief Inspector FCR",
)
CATEGORIES = ("Financial", "Operational", "Reputational", "People", "Technology", "Legal", "Partnership")
REASONS = (
    "IT capacity diverted to higher-risk force work",
    "Supplier delay",
    "Vacancies in specialist roles",
    "Scope change agreed at Futures Board",
    "Dependency on national platform",
    "Funding not yet confirmed",
    "Re-sequenced behind Oracle go-live",
    "Awaiting partner agreement",
)
# A little of what real users type: markup-like text, formula-like text, non-ASCII.
AWKWARD = (
    "[/] review of [b]bold[/b] plans",
    "=SUM(1) budget line",
    "+44 1642 contact line",
    "Café opening – phase 2",
    "@risk owner sign-off",
    "Ünïcode ✓ check",
)


# The encoder `changes.encode` uses (json.dumps with ensure_ascii=False), without dumps' per-call
# set-up; a million calls make the difference. main() checks both agree.
_encoder = json.JSONEncoder(ensure_ascii=False)


def fast_encode(value) -> str | None:
    return None if value is None else _encoder.encode(value)


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def title(rng: random.Random, n: int, awkward_rate: float) -> str:
    if rng.random() < awkward_rate:
        return rng.choice(AWKWARD)
    return words(rng, n).capitalize()


def iso(d: date) -> str:
    return d.isoformat()


class History:
    """The change history, built while the records' states evolve."""

    def __init__(self):
        self.batches: list[tuple] = []  # (id, at, action, summary, reason, target_batch_id)
        self.log: list[tuple] = []  # change_log rows without id
        self.undo: list[tuple] = []  # (batch_id, undone)

    def batch(self, at: str, action: str, summary: str, reason: str = "") -> int:
        batch_id = len(self.batches) + 1
        self.batches.append((batch_id, at, action, summary[:300], reason, None))
        if action == "edit":
            self.undo.append((batch_id, 0))
        return batch_id

    def create(self, batch_id: int, at: str, entity: str, row: dict, label: str, reason: str) -> None:
        self.log.append(
            (batch_id, at, entity, row["id"], label[:120], "create", "", None, fast_encode(row), reason)
        )

    def update(
        self, batch_id: int, at: str, entity: str, row: dict, label: str, field: str, new, reason: str
    ) -> None:
        self.log.append(
            (
                batch_id,
                at,
                entity,
                row["id"],
                label[:120],
                "update",
                field,
                fast_encode(row[field]),
                fast_encode(new),
                reason,
            )
        )
        row[field] = new
        row["version"] += 1


def columns_of(store, table: str) -> list[str]:
    return [r["name"] for r in store.query(f"PRAGMA table_info({table})")]


def build_records(rng: random.Random, args) -> dict[str, list[dict]]:
    """Every record in its first (created) state, as dicts in column order."""
    hostile = args.awkward_rate
    records: dict[str, list[dict]] = {}
    records["programme"] = [
        dict(
            id=1,
            name=args.name,
            organisation="Synthetic Constabulary",
            rag_scale=3,
            overall_rag="Amber",
            overall_rag_reason="Synthetic benchmark programme",
            risk_rag="Amber",
            risk_rag_reason="",
            reporting_period="2021/22",
            status_date=iso(STATUS_DATE),
            financial_year_end="2022-03-31",
            band_amber_min=5,
            band_red_min=15,
            source=f"bench/generate.py --seed {args.seed}",
            version=1,
            default_tolerance_days=14,
            marking="OFFICIAL",
            user_name="",
        )
    ]
    records["key_message"] = [
        dict(
            id=1, position=1, text="Generated by bench/generate.py for the performance benchmarks.", version=1
        )
    ]
    records["objective"] = [
        dict(id=i, position=i, title=f"Objective {i}: {words(rng, 5)}", notes="", version=1)
        for i in range(1, 5)
    ]
    workstreams = []
    for i in range(1, args.workstreams + 1):
        workstreams.append(
            dict(
                id=i,
                code=f"WS{i:03d}",
                name=f"{words(rng, 3).title()} {i}",
                lead=rng.choice(PEOPLE),
                objective_id=rng.randint(1, 4),
                rag=rng.choice(RAGS),
                rag_reason=rng.choice(REASONS),
                commentary=words(rng, 40).capitalize() + ".",
                position=i,
                version=1,
            )
        )
    records["workstream"] = workstreams
    projects = []
    per_ws: dict[int, list[int]] = {}
    pid = 0
    for ws in workstreams:
        for _ in range(args.projects_per_workstream):
            pid += 1
            per_ws.setdefault(ws["id"], []).append(pid)
            projects.append(
                dict(
                    id=pid,
                    workstream_id=ws["id"],
                    grouping="delivery",
                    name=f"{words(rng, 3).capitalize()} project {pid}",
                    status=rng.choices(
                        ("active", "complete", "de-scoped", "re-scoped", "on hold"), (85, 6, 3, 3, 3)
                    )[0],
                    status_reason="",
                    notes="",
                    position=pid,
                    version=1,
                )
            )
    for grouping in ("it_enabling", "bau"):
        for _ in range(3):
            pid += 1
            projects.append(
                dict(
                    id=pid,
                    workstream_id=None,
                    grouping=grouping,
                    name=f"{words(rng, 2).capitalize()} {pid}",
                    status="active",
                    status_reason="",
                    notes="",
                    position=pid,
                    version=1,
                )
            )
    for project in projects:
        if project["status"] in ("de-scoped", "re-scoped"):
            project["status_reason"] = rng.choice(REASONS)
    records["project"] = projects

    start, span = date(2021, 4, 1), (date(2026, 3, 31) - date(2021, 4, 1)).days
    milestones = []
    per_ws_count: dict[int, int] = {}
    for i in range(1, args.milestones + 1):
        ws_id = rng.randint(1, args.workstreams)
        per_ws_count[ws_id] = per_ws_count.get(ws_id, 0) + 1
        baseline = start + timedelta(days=rng.randrange(span))
        forecast = baseline + timedelta(days=rng.choice((0, 0, 0, 0, 7, 14, -7, 28)))
        actual = None
        if forecast < STATUS_DATE and rng.random() < 0.8:
            actual = iso(forecast + timedelta(days=rng.randint(-5, 10)))
        milestones.append(
            dict(
                id=i,
                workstream_id=ws_id,
                project_id=rng.choice(per_ws[ws_id]) if rng.random() < 0.9 else None,
                title=f"{title(rng, 4, hostile)} #{i}",
                owner=rng.choice(PEOPLE),
                baseline_date=iso(baseline),
                forecast_date=iso(forecast),
                actual_date=actual,
                tolerance_days=rng.choice((7, 14, 14, 28)),
                descoped=1 if rng.random() < 0.01 else 0,
                last_change_reason="",
                notes="" if rng.random() < 0.7 else words(rng, 12),
                version=1,
                ref=f"WS{ws_id:03d}-M{per_ws_count[ws_id]:02d}",
            )
        )
    records["milestone"] = milestones

    risks = []
    for i in range(1, args.risks + 1):
        il, ii = rng.randint(1, 5), rng.randint(1, 5)
        risks.append(
            dict(
                id=i,
                ref=f"R{i:05d}",
                title=title(rng, 6, hostile).capitalize(),
                cause=words(rng, 10),
                event=words(rng, 10),
                effect=words(rng, 10),
                category=rng.choice(CATEGORIES),
                owner=rng.choice(PEOPLE),
                inherent_likelihood=il,
                inherent_impact=ii,
                residual_likelihood=max(1, il - rng.randint(0, 2)),
                residual_impact=max(1, ii - rng.randint(0, 1)),
                proximity=rng.choice(("", "< 3 months", "3-6 months", "> 6 months")),
                response=rng.choice(RESPONSES),
                actions=words(rng, 15),
                review_date=iso(STATUS_DATE + timedelta(days=rng.randint(-60, 120))),
                status="Open" if rng.random() < 0.85 else "Closed",
                workstream_id=rng.choice((None, *range(1, args.workstreams + 1))),
                notes="",
                version=1,
            )
        )
    records["risk"] = risks

    recs = []
    for i in range(1, args.recommendations + 1):
        recs.append(
            dict(
                id=i,
                ref=f"HMI-{i:04d}",
                source_report="HMICFRS PEEL inspection (synthetic)",
                source_date="2021-06-30",
                kind=rng.choice(
                    ("cause of concern", "recommendation", "recommendation", "area for improvement")
                ),
                text=words(rng, 20).capitalize() + ".",
                owner=rng.choice(PEOPLE),
                workstream_id=rng.randint(1, args.workstreams),
                status="Open",
                target_date=iso(STATUS_DATE + timedelta(days=rng.randint(-90, 365))),
                evidence="",
                notes="",
                version=1,
            )
        )
    records["recommendation"] = recs

    finance = []
    fid = 0
    lines = [
        ("Funding: reserves", "funding"),
        ("Funding: revenue budget", "funding"),
        ("Programme team", "expenditure"),
        ("Technology", "expenditure"),
        ("Estates", "expenditure"),
        ("Cashable savings", "savings"),
    ]
    for position, (line, kind) in enumerate(lines, start=1):
        for year in YEARS:
            fid += 1
            amount = rng.randint(100, 3000) * (-1 if kind in ("funding", "savings") else 1)
            finance.append(
                dict(id=fid, line=line, kind=kind, year=year, amount=amount, position=position, version=1)
            )
    records["finance_line"] = finance

    meetings, d = [], date(2021, 4, 15)
    while d <= STATUS_DATE:
        meetings.append(
            dict(id=len(meetings) + 1, meeting_date=iso(d), title="Futures Board", notes="", version=1)
        )
        d = (d.replace(day=1) + timedelta(days=32)).replace(day=15)
    records["board_meeting"] = meetings
    records["decision"] = [
        dict(
            id=i,
            board_meeting_id=meetings[-1]["id"],
            title=f"Decide {words(rng, 8)}",
            ask="",
            owner="",
            due_date=None,
            outcome=None,
            notes="",
            position=i,
            version=1,
        )
        for i in range(1, 5)
    ]
    records["health_check"] = [
        dict(
            id=1,
            team="Learning & Development",
            check_date="2022-02-01",
            status="Trial",
            themes=words(rng, 10),
            notes="",
            version=1,
        )
    ]
    records["health_measure"] = [
        dict(id=1, health_check_id=1, name="Sickness", value=3.2, unit="%", version=1),
        dict(id=2, health_check_id=1, name="Overtime", value=410.0, unit="hours", version=1),
    ]
    records["health_rating"] = [
        dict(id=i, health_check_id=1, member=f"Member {i}", rating=rng.randint(4, 9), comment="", version=1)
        for i in range(1, 9)
    ]
    records["note"] = [
        dict(
            id=i,
            workstream_id=rng.randint(1, args.workstreams),
            created_at="2022-03-01T10:00:00+00:00",
            text=words(rng, 15),
            version=1,
        )
        for i in range(1, 2 * args.workstreams + 1)
    ]
    return records


def build_history(rng: random.Random, records: dict[str, list[dict]], total_changes: int) -> History:
    history = History()
    seed_at = HISTORY_START.isoformat()
    seed_reason = "bench/generate.py"
    seed_batch = history.batch(seed_at, "seed", "Synthetic programme for the benchmarks", seed_reason)
    for table, rows in records.items():
        for row in rows:
            history.create(seed_batch, seed_at, table, row, label_of(table, row), seed_reason)

    remaining = total_changes - len(history.log)
    if remaining <= 0:
        return history
    milestones, workstreams = records["milestone"], records["workstream"]
    risks, recs = records["risk"], records["recommendation"]
    # Spread the edits over the year before the status date: each step is a share of the time
    # left for the edits left (about 1.6 rows each), so the clock never passes HISTORY_END.
    clock = HISTORY_START
    reason_counter = 0
    while remaining > 0:
        clock += (HISTORY_END - clock) / (remaining / 1.6 + 1)
        at = clock.isoformat(timespec="seconds")
        roll = rng.random()
        if remaining == 1:
            roll = 0.30  # a one-row edit (bring forward) ends exactly on the requested count
        if roll < 0.55 and remaining >= 2:
            m = rng.choice(milestones)
            reason_counter += 1
            reason = f"{rng.choice(REASONS)} ({reason_counter})"
            new = iso(date.fromisoformat(m["forecast_date"]) + timedelta(days=7))
            b = history.batch(at, "edit", f"Slip {m['title']} to {new}", reason)
            label = label_of("milestone", m)
            history.update(b, at, "milestone", m, label, "forecast_date", new, reason)
            history.update(b, at, "milestone", m, label, "last_change_reason", reason, reason)
            remaining -= 2
        elif roll < 0.85:
            m = rng.choice(milestones)
            new = iso(date.fromisoformat(m["forecast_date"]) - timedelta(days=7))
            b = history.batch(at, "edit", f"Bring forward {m['title']} to {new}", "")
            history.update(b, at, "milestone", m, label_of("milestone", m), "forecast_date", new, "")
            remaining -= 1
        elif roll < 0.92:
            w = rng.choice(workstreams)
            rag = rng.choice([r for r in RAGS if r != w["rag"]])
            worse = RAG_RANK[rag] < RAG_RANK[w["rag"]]
            if worse and remaining < 2:
                continue
            reason = ""
            if worse:
                reason_counter += 1
                reason = f"{rng.choice(REASONS)} ({reason_counter})"
            b = history.batch(at, "edit", f"Set RAG of {w['name']} to {rag}", reason)
            label = label_of("workstream", w)
            history.update(b, at, "workstream", w, label, "rag", rag, reason)
            remaining -= 1
            if worse:
                history.update(b, at, "workstream", w, label, "rag_reason", reason, reason)
                remaining -= 1
        elif roll < 0.98 or not recs:
            r = rng.choice(risks) if risks else None
            if r is None:
                continue
            new = rng.choice([v for v in range(1, 6) if v != r["residual_likelihood"]])
            b = history.batch(at, "edit", f"Edit {label_of('risk', r)}", "")
            history.update(b, at, "risk", r, label_of("risk", r), "residual_likelihood", new, "")
            remaining -= 1
        else:
            r = rng.choice(recs)
            if r["status"] == REC_FLOW[-1]:
                continue
            new = REC_FLOW[REC_FLOW.index(r["status"]) + 1]
            b = history.batch(at, "edit", f"Set {r['ref']} to {new}", "")
            history.update(b, at, "recommendation", r, label_of("recommendation", r), "status", new, "")
            remaining -= 1
    return history


def write_programme(args) -> None:
    out = Path(args.out)
    if out.exists():
        if not args.force:
            sys.exit(f"generate: {out} exists; pass --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    rng = random.Random(args.seed)
    records = build_records(rng, args)
    history = build_history(rng, records, args.changes)
    built = time.perf_counter()

    store = create_store(out)
    steps: list[str] = []
    last = [time.perf_counter()]

    def mark(step: str) -> None:
        now = time.perf_counter()
        steps.append(f"{step} {now - last[0]:.1f}s")
        last[0] = now

    try:
        # Connection-only settings for the bulk load; the file is left exactly as the app makes it.
        store.conn.execute("PRAGMA cache_size = -262144")
        with store.write() as conn:
            # Parents before children, so every foreign key holds as rows go in.
            for table in (
                "programme",
                "key_message",
                "objective",
                "workstream",
                "project",
                "milestone",
                "risk",
                "recommendation",
                "finance_line",
                "board_meeting",
                "decision",
                "health_check",
                "health_measure",
                "health_rating",
                "note",
            ):
                cols = columns_of(store, table)
                rows = records[table]
                if rows and list(rows[0]) != cols:
                    raise SystemExit(f"generate: columns of {table} changed in the schema: {cols}")
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [tuple(r.values()) for r in rows],
                )
            mark("records")
            conn.executemany(
                "INSERT INTO change_batch (id, at, action, summary, reason, target_batch_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                history.batches,
            )
            mark("change_batch")
            conn.executemany(
                "INSERT INTO change_log (batch_id, at, entity, entity_id, entity_label, action, field,"
                " old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                history.log,
            )
            mark("change_log")
            conn.executemany("INSERT INTO undo_stack (batch_id, undone) VALUES (?, ?)", history.undo)
            mark("undo_stack")
        mark("commit")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mark("checkpoint")
    finally:
        store.close()
    done = time.perf_counter()
    counts = {t: len(r) for t, r in records.items()}
    print(
        f"{out}: {counts['workstream']} workstreams, {counts['milestone']:,} milestones, {counts['risk']:,} risks, "
        f"{counts['recommendation']:,} recommendations, {len(history.batches):,} batches, "
        f"{len(history.log):,} change-log rows; built in {built - started:.1f} s, "
        f"written in {done - built:.1f} s ({', '.join(steps)}), {out.stat().st_size / 2**20:.0f} MiB"
    )


# Messy risk log ----------------------------------------------------------------------------

RISK_LOG_HEADERS = (
    "Risk ID",
    "Risk Title",
    "Risk Description",
    "Cause",
    "Effect",
    "Category",
    "Owner",
    "Likelihood (1-5)",
    "Impact",
    "Residual L",
    "Residual Impact",
    "Treatment",
    "Mitigating actions",
    "Review date",
    "Status",
    "RAG comment",
)
WORD_SCORES = ("Low", "Medium", "High")
TREATMENTS = ("Mitigate", "mitigate", "Treat", "Tolerate", "tolerate", "Transfer", "Terminate")


def write_risk_log(args) -> None:
    """A risk log laid out as people lay them out: title block, merged cells, blank rows,
    synonym headers, dates as real dates or as text, scores as numbers or words."""
    from openpyxl import Workbook

    out = Path(args.risk_log)
    rng = random.Random(args.seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Risk Log"
    ws["A1"] = "SIT Risk Log V6 March 2022 (synthetic)"
    ws.merge_cells("A1:H1")
    ws["A2"] = "Service Improvement Programme - T2025"
    ws.merge_cells("A2:H2")
    ws["A3"] = "Generated by bench/generate.py"
    row = 5
    for column, header in enumerate(RISK_LOG_HEADERS, start=1):
        ws.cell(row=row, column=column, value=header)
    for i in range(1, args.rows + 1):
        row += 1
        if rng.random() < 0.01:
            row += 1  # a blank row left in the middle of the log
        review = STATUS_DATE + timedelta(days=rng.randint(-60, 120))
        review_value = (
            review
            if rng.random() < 0.5
            else review.strftime("%d/%m/%Y")
            if rng.random() < 0.5
            else review.isoformat()
        )
        score = (lambda: rng.randint(1, 5)) if rng.random() < 0.7 else (lambda: rng.choice(WORD_SCORES))
        values = (
            f"SIT-{i:05d}",
            title(rng, 6, 0).capitalize(),
            words(rng, 12),
            words(rng, 8),
            words(rng, 8),
            rng.choice(CATEGORIES),
            rng.choice(PEOPLE),
            score(),
            score(),
            score(),
            score(),
            rng.choice(TREATMENTS),
            words(rng, 15),
            review_value,
            rng.choice(("Open", "Open", "Open", "Closed")),
            words(rng, 5),
        )
        for column, value in enumerate(values, start=1):
            ws.cell(row=row, column=column, value=value)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    print(f"{out}: risk log with {args.rows:,} risks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="database file to create")
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        help="sizes: big (the 100k bench), export (10k milestones), small",
    )
    parser.add_argument("--workstreams", type=int)
    parser.add_argument("--projects-per-workstream", type=int, default=4)
    parser.add_argument("--milestones", type=int)
    parser.add_argument("--risks", type=int)
    parser.add_argument("--recommendations", type=int)
    parser.add_argument("--changes", type=int, help="change-log rows in total, creates included")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", help="programme name (the start-up bench waits for it on screen)")
    parser.add_argument(
        "--awkward-rate",
        type=float,
        default=0.001,
        help="share of titles with markup-like, formula-like or non-ASCII text",
    )
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--risk-log", help="write a messy risk log .xlsx here instead of a database")
    parser.add_argument("--rows", type=int, default=10_000, help="risks in --risk-log")
    args = parser.parse_args(argv)
    for sample in ({"a": 1, "b": "Café – x", "c": None, "d": 2.5}, "=SUM(1)", 7):
        assert fast_encode(sample) == encode(sample), "changes.encode changed; update fast_encode"
    if args.risk_log:
        write_risk_log(args)
        return 0
    if not args.out:
        parser.error("--out (a database) or --risk-log (an .xlsx) is required")
    sizes = PRESETS.get(args.preset or "big")
    for key, value in sizes.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.workstreams < 1 or args.milestones < 0:
        parser.error("--workstreams must be at least 1")
    args.name = args.name or f"Benchmark Programme {args.milestones:,} milestones"
    write_programme(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
