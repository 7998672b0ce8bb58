"""Key messages with their figures computed from the data at export, so the Summary can never
contradict the pages behind it.

A message may name a figure in braces, `{signed_off} of the {recommendations} recommendations
are signed off`, and the pack fills it in. The seed's (and an older database's) messages state
counts in words instead; the phrases the pack recognises, such as "11 of the 30 HMICFRS
recommendations have been signed off", are restated from the data in the same way. Unknown
braces are left as written.
"""

import re

from t2025tui.core.queries import finance, status
from t2025tui.core.store import Store

FIGURE_WORDS = {
    "signed_off": "HMICFRS recommendations signed off",
    "recommendations": "HMICFRS recommendations in all",
    "submitted": "recommendations submitted for closure",
    "late": "milestones late",
    "at_risk": "milestones at risk",
    "milestones": "milestones in all",
    "red_risks": "open risks rated Red",
    "open_risks": "open risks",
    "workstreams": "workstreams",
    "on_track": "workstreams on track",
    "funding_gap": "the funding gap over all years, in £000",
}
_BRACES = re.compile(r"\{(\w+)\}")
# "<n> of the <m> [HMICFRS] recommendations have been / are signed off"
_SIGNED_OFF = re.compile(
    r"\b\d+ of the \d+ (HMICFRS recommendations|recommendations)(?= (?:have been|are|were) signed off)",
    re.IGNORECASE,
)


def figures(store: Store) -> dict[str, int]:
    recs = status.recommendation_counts(store)
    milestones = status.milestone_counts(store)
    risks = status.risk_counts(store)
    outlook = status.delivery_outlook(store)
    gaps = finance.table(store)["surplus_deficit"].values()
    return {
        "signed_off": recs.get("Signed off", 0),
        "recommendations": recs["total"],
        "submitted": recs.get("Submitted for closure", 0),
        "late": milestones["late"],
        "at_risk": milestones["at risk"],
        "milestones": sum(milestones.values()),
        "red_risks": risks["Red"],
        "open_risks": risks["open"],
        "workstreams": sum(len(group) for group in outlook.values()),
        "on_track": len(outlook["on track"]),
        "funding_gap": sum(gap for gap in gaps if gap > 0),
    }


def fill(text: str, values: dict[str, int]) -> str:
    """One message with its figures put in."""
    text = _BRACES.sub(lambda m: f"{values[m.group(1)]:,}" if m.group(1) in values else m.group(0), text)
    return _SIGNED_OFF.sub(
        lambda m: f"{values['signed_off']} of the {values['recommendations']} {m.group(1)}", text
    )


def key_messages(store: Store, texts: list[str]) -> list[str]:
    values = figures(store)
    return [fill(text, values) for text in texts]
