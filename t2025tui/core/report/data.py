"""What the committee report is written from: one read of a consistent snapshot.

The report covers a period: changes made after the end of `since` up to the end of `as_of`.
A committee reads what moved in that period and what is coming up before it next meets, so
each workstream lists only the milestones completed in the period, those due by the horizon
(three months after `as_of`, a committee's cycle) and those slipped; a programme of 10,000
milestones yields pages, not a register.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from t2025tui.core.queries import finance, status
from t2025tui.core.queries.settings import programme_settings
from t2025tui.core.services.report_text import report_texts
from t2025tui.core.store import Store

HORIZON_MONTHS = 3
OPEN = "status NOT IN ('complete', 'de-scoped')"


def protective_marking(store: Store) -> str:
    """The marking printed in every page's header and footer: the programme's setting."""
    return programme_settings(store).marking


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


@dataclass
class WorkstreamUpdate:
    row: dict
    rag_at_since: str | None
    text: str
    completed: list[dict] = field(default_factory=list)
    due: list[dict] = field(default_factory=list)
    slipped: list[dict] = field(default_factory=list)
    descoped: list[dict] = field(default_factory=list)  # milestones de-scoped in the period
    scope_changes: list[dict] = field(default_factory=list)  # projects de-scoped / re-scoped
    notes: list[dict] = field(default_factory=list)


@dataclass
class ReportData:
    as_of: date
    since: date
    horizon: date
    programme: dict
    marking: str
    text: dict[str, str]
    last_board: dict | None
    decisions: list[dict]
    recommendations: dict[str, int]
    objectives: list[dict]
    projects: dict[str, list[dict]]  # grouping -> projects without a workstream
    workstream_projects: dict[int, list[dict]]
    finance: dict
    updates: list[WorkstreamUpdate]
    conclusion: str
    outlook: dict[str, list[dict]]
    risks: list[dict]


def read_report_data(store: Store, as_of: date, since: date) -> ReportData:
    programme = status.programme(store)
    texts = report_texts(store)
    board = status.last_board(store, as_of)
    horizon = add_months(as_of, HORIZON_MONTHS)
    projects = store.query("SELECT * FROM project ORDER BY position, id")
    by_workstream: dict[int, list[dict]] = {}
    loose: dict[str, list[dict]] = {"delivery": [], "it_enabling": [], "bau": []}
    for project in projects:
        if project["workstream_id"] is not None:
            by_workstream.setdefault(project["workstream_id"], []).append(project)
        else:
            loose.setdefault(project["grouping"], []).append(project)
    return ReportData(
        as_of=as_of,
        since=since,
        horizon=horizon,
        programme=programme,
        marking=protective_marking(store),
        text={row["section"]: row["body"] for row in texts if row["workstream_id"] is None},
        last_board=board,
        decisions=board_decisions(store, board["id"]) if board else [],
        recommendations=status.recommendation_counts(store),
        objectives=store.query("SELECT * FROM objective ORDER BY position, id"),
        projects=loose,
        workstream_projects=by_workstream,
        finance=finance.table(store),
        updates=_updates(store, texts, by_workstream, as_of, since, horizon),
        conclusion=status.conclusion(store),
        outlook=status.delivery_outlook(store),
        risks=store.query(
            "SELECT * FROM risk_scored WHERE status = 'Open'"
            " ORDER BY COALESCE(residual_score, inherent_score, 0) DESC, ref"
        ),
    )


def board_decisions(store: Store, meeting_id: int) -> list[dict]:
    """The decisions put to one board, in their order: title, ask, outcome ("" until decided),
    owner, due_date."""
    rows = store.query(
        "SELECT title, ask, outcome, owner, due_date FROM decision WHERE board_meeting_id = ?"
        " ORDER BY position, id",
        (meeting_id,),
    )
    for row in rows:
        row["outcome"] = row["outcome"] or ""
    return rows


def _updates(
    store: Store, texts: list[dict], projects: dict[int, list[dict]], as_of: date, since: date, horizon: date
) -> list[WorkstreamUpdate]:
    window = (since.isoformat(), as_of.isoformat())
    words = {row["workstream_id"]: row["body"] for row in texts if row["workstream_id"] is not None}
    updates = {}
    for row in store.query("SELECT * FROM workstream ORDER BY position, id"):
        updates[row["id"]] = WorkstreamUpdate(
            row=row,
            rag_at_since=status.field_as_of(store, "workstream", row["id"], "rag", row["rag"], since),
            text=words.get(row["id"], ""),
            scope_changes=[
                p for p in projects.get(row["id"], []) if p["status"] in ("de-scoped", "re-scoped", "on hold")
            ],
        )
    order = "ORDER BY COALESCE(actual_date, forecast_date, baseline_date), id"
    for milestone in store.query(
        f"SELECT * FROM milestone_status WHERE status = 'complete' AND actual_date > ? AND actual_date <= ? {order}",
        window,
    ):
        updates[milestone["workstream_id"]].completed.append(milestone)
    slips = _logged(store, "forecast_date", window)
    slipped_ids = set()
    for milestone in store.query(
        f"SELECT * FROM milestone_status WHERE {OPEN} AND baseline_date IS NOT NULL"
        " AND (forecast_date IS NULL OR forecast_date > baseline_date)"
        f" AND ((baseline_date > ? AND baseline_date <= ?) OR id IN (SELECT value FROM json_each(?))) {order}",
        (since.isoformat(), horizon.isoformat(), json.dumps(sorted(slips))),
    ):
        milestone["slip_logged"] = milestone["id"] in slips
        milestone["logged_reason"], milestone["logged_by"] = slips.get(milestone["id"], ("", ""))
        updates[milestone["workstream_id"]].slipped.append(milestone)
        slipped_ids.add(milestone["id"])
    for milestone in store.query(
        f"SELECT * FROM milestone_status WHERE {OPEN} AND forecast_date > ? AND forecast_date <= ? {order}",
        (since.isoformat(), horizon.isoformat()),
    ):
        if milestone["id"] not in slipped_ids:
            updates[milestone["workstream_id"]].due.append(milestone)
    descoped = _logged(store, "descoped", window)
    for milestone in store.query(
        f"SELECT * FROM milestone_status WHERE descoped = 1 AND id IN (SELECT value FROM json_each(?)) {order}",
        (json.dumps(sorted(descoped)),),
    ):
        milestone["logged_reason"], milestone["logged_by"] = descoped[milestone["id"]]
        updates[milestone["workstream_id"]].descoped.append(milestone)
    for note in store.query(
        "SELECT * FROM note WHERE workstream_id IS NOT NULL"
        " AND substr(created_at, 1, 10) > ? AND substr(created_at, 1, 10) <= ? ORDER BY created_at, id",
        window,
    ):
        if note["workstream_id"] in updates:
            updates[note["workstream_id"]].notes.append(note)
    return list(updates.values())


def _logged_ids(store: Store, window: tuple[str, str]) -> tuple[int, int]:
    """The window in the change log's order (a wrong clock's stamps fall where they were logged)."""
    from t2025tui.core.timetravel import last_logged_by

    since, until = (date.fromisoformat(day) for day in window)
    return last_logged_by(store, since), last_logged_by(store, until)


def _logged(store: Store, field_name: str, window: tuple[str, str]) -> dict[int, tuple[str, str]]:
    """Milestones whose `field_name` was changed by an edit in the window (a slip: moved later;
    de-scoping: set), with the reason given for the last such change and who made it."""
    found: dict[int, tuple[str, str]] = {}
    for entry in store.query(
        "SELECT l.entity_id, l.old, l.new, l.reason, b.reason AS batch_reason, b.who FROM change_log l"
        " JOIN change_batch b ON b.id = l.batch_id"
        " WHERE l.entity = 'milestone' AND l.field = ? AND l.action = 'update' AND b.action != 'seed'"
        " AND l.id > ? AND l.id <= ? ORDER BY l.id",
        (field_name, *_logged_ids(store, window)),
    ):
        old, new = json.loads(entry["old"] or "null"), json.loads(entry["new"] or "null")
        moved_later = new is None or (old is not None and str(new) > str(old))
        if (field_name == "forecast_date" and moved_later) or (field_name == "descoped" and new):
            found[entry["entity_id"]] = (entry["reason"] or entry["batch_reason"] or "", entry["who"])
    return found
