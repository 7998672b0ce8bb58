"""A suggested RAG for each workstream, computed from its records, with the rule that gave it in
words. The manual RAG stays the one of record; this sits beside it. The rules (docs/data.md):

- Red: one or more milestones late beyond tolerance (status "late": forecast past the
  programme's today, or slipped more than its tolerance beyond baseline).
- Amber: otherwise, one or more milestones at risk, open red risks, overdue actions or
  dependencies at risk.
- Green: none of those.
"""

from dataclasses import dataclass

from t2025tui.core.queries.status import milestone_figures
from t2025tui.core.store import Store

# (what is counted, how one is named, the RAG it suggests), in the order the rule names them.
_COUNTED = (
    ("late", "milestone late beyond tolerance", "milestones late beyond tolerance", "Red"),
    ("at_risk", "milestone at risk", "milestones at risk", "Amber"),
    ("red_risks", "red risk", "red risks", "Amber"),
    ("overdue_actions", "overdue action", "overdue actions", "Amber"),
    ("dependencies", "dependency at risk", "dependencies at risk", "Amber"),
)

_COUNTS_SQL = """
SELECT w.id, w.code, w.name, w.rag,
    (SELECT COUNT(*) FROM risk_scored r WHERE r.workstream_id = w.id AND r.status = 'Open'
        AND COALESCE(r.residual_band, r.inherent_band) = 'Red') AS red_risks,
    (SELECT COUNT(*) FROM action a WHERE a.workstream_id = w.id AND a.status = 'Open'
        AND a.due_date < (SELECT today FROM status_date)) AS overdue_actions,
    (SELECT COUNT(DISTINCT d.milestone_id) FROM dependency_at_risk d WHERE d.workstream_id = w.id) AS dependencies
FROM workstream w ORDER BY w.position, w.id
"""


@dataclass(frozen=True)
class SuggestedRag:
    workstream_id: int
    code: str
    name: str
    manual: str | None  # the RAG of record
    suggested: str
    rule: str  # e.g. "suggests Red: 1 milestone late beyond tolerance"


def _rule(counts: dict) -> tuple[str, str]:
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


def suggested_rags(store: Store) -> list[SuggestedRag]:
    # The late and at-risk counts are the kept per-workstream figures (core/figures.py):
    # counting them from milestone_status works out every milestone's status, about 0.25 s on
    # a file of 100,000 milestones, in every `t2025 summary`.
    milestones = milestone_figures(store)
    found = []
    for row in store.query(_COUNTS_SQL):
        counts = milestones.get(row["id"], {})
        row["late"], row["at_risk"] = counts.get("late", 0), counts.get("at_risk", 0)
        rag, rule = _rule(row)
        found.append(SuggestedRag(row["id"], row["code"], row["name"], row["rag"], rag, rule))
    return found
