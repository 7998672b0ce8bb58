"""A suggested RAG for each workstream, computed from its records, with the rule that gave it in
words. The manual RAG stays the one of record; this sits beside it. The rules (docs/data.md):

- Red: one or more milestones late beyond tolerance (status "late": forecast past the
  programme's today, or slipped more than its tolerance beyond baseline).
- Amber: otherwise, one or more milestones at risk, open red risks, overdue actions or
  dependencies at risk.
- Green: none of those.
"""

from dataclasses import dataclass

from t2025tui.core.queries import status
from t2025tui.core.store import Store

# (what is counted, how one is named, the RAG it suggests), in the order the rule names them.
_COUNTED = (
    ("late", "milestone late beyond tolerance", "milestones late beyond tolerance", "Red"),
    ("at_risk", "milestone at risk", "milestones at risk", "Amber"),
    ("red_risks", "red risk", "red risks", "Amber"),
    ("overdue_actions", "overdue action", "overdue actions", "Amber"),
    ("dependencies", "dependency at risk", "dependencies at risk", "Amber"),
)

# The counts beside the milestone ones, per workstream with any: cheap grouped reads. The late
# and at-risk counts are the kept milestone figures (core/figures.py, as the dashboard shows
# them): working out every milestone's status again would cost 0.3 s at 100,000 milestones.
_FLAGS_SQL = """
SELECT workstream_id, SUM(red_risks) AS red_risks, SUM(overdue_actions) AS overdue_actions,
    SUM(dependencies) AS dependencies FROM (
    SELECT r.workstream_id, COUNT(*) AS red_risks, 0 AS overdue_actions, 0 AS dependencies
        FROM risk_scored r WHERE r.status = 'Open' AND COALESCE(r.residual_band, r.inherent_band) = 'Red'
        AND r.workstream_id IS NOT NULL GROUP BY r.workstream_id
    UNION ALL
    SELECT a.workstream_id, 0, COUNT(*), 0 FROM action a WHERE a.status = 'Open'
        AND a.due_date < (SELECT today FROM status_date) AND a.workstream_id IS NOT NULL
        GROUP BY a.workstream_id
    UNION ALL
    SELECT d.workstream_id, 0, 0, COUNT(DISTINCT d.milestone_id) FROM dependency_at_risk d
        GROUP BY d.workstream_id
) GROUP BY workstream_id
"""


@dataclass(frozen=True)
class SuggestedRag:
    workstream_id: int
    code: str
    name: str
    manual: str | None  # the RAG of record
    suggested: str
    rule: str  # e.g. "suggests Red: 1 milestone late beyond tolerance"


def suggest(counts: dict) -> tuple[str, str]:
    """(suggested RAG, its rule in words) from the counts named in _COUNTED (missing ones: 0)."""
    counts = {key: counts.get(key) or 0 for key, *_ in _COUNTED}
    for rag in ("Red", "Amber"):
        parts = [
            f"{counts[key]} {one if counts[key] == 1 else many}"
            for key, one, many, gives in _COUNTED
            if gives == rag and counts[key]
        ]
        if parts:
            return rag, f"suggests {rag}: {', '.join(parts)}"
    return (
        "Green",
        "suggests Green: no milestone late or at risk, no red risk, overdue action or dependency at risk",
    )


def suggested_rags(store: Store, workstream_id: int | None = None) -> list[SuggestedRag]:
    """Every workstream's suggestion, or only `workstream_id`'s."""
    where, params = ("WHERE id = ?", (workstream_id,)) if workstream_id is not None else ("", ())
    rows = store.query(f"SELECT id, code, name, rag FROM workstream {where} ORDER BY position, id", params)
    figures = status.milestone_figures(store)
    flags = flag_counts(store)
    found = []
    for row in rows:
        counts = figures.get(row["id"], {})
        rag, rule = suggest(
            {"late": counts.get("late"), "at_risk": counts.get("at_risk"), **flags.get(row["id"], {})}
        )
        found.append(SuggestedRag(row["id"], row["code"], row["name"], row["rag"], rag, rule))
    return found


def flag_counts(store: Store) -> dict[int, dict]:
    """workstream id -> red_risks, overdue_actions, dependencies (only workstreams with any)."""
    return {row["workstream_id"]: row for row in store.query(_FLAGS_SQL)}
