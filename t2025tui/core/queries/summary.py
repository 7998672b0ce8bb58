"""The programme status as plain text, for `t2025 summary`."""

from t2025tui.core.queries import finance, governance, status
from t2025tui.core.queries.suggested_rag import suggested_rags
from t2025tui.core.store import Store


def summary_text(store: Store) -> str:
    prog = status.programme(store)
    lines = [
        f"{prog['name']} — {prog['organisation']}".rstrip(" —"),
        f"Status date: {status.status_date(store).isoformat()}   Period: {prog['reporting_period'] or '-'}",
        f"Overall RAG: {prog['overall_rag'] or 'not set'} — {prog['overall_rag_reason'] or 'no reason recorded'}",
        f"Risk RAG:    {prog['risk_rag'] or 'not set'} — {prog['risk_rag_reason'] or 'no reason recorded'}",
        "",
        "Workstreams:",
    ]
    for row in status.workstreams(store):
        lines.append(f"  {row['rag'] or '-':<6} {row['name']} (lead: {row['lead'] or '-'})")
        if row["rag_reason"]:
            lines.append(f"         {row['rag_reason']}")
    counts = status.milestone_counts(store)
    recs = status.recommendation_counts(store)
    risks = status.risk_counts(store)
    lines += [
        "",
        f"Milestones: {counts['late']} late, {counts['at risk']} at risk, {counts['on track']} on track, "
        f"{counts['complete']} complete, {counts['de-scoped']} de-scoped",
        f"Recommendations signed off: {recs.get('Signed off', 0)} of {recs['total']}",
        f"Open risks: {risks['open']} ({risks['Red']} red, {risks['unscored']} not yet scored, "
        f"{risks['review overdue']} overdue for review)",
    ]
    lines += governance_lines(store)
    table = finance.table(store)
    if table["years"]:
        lines.append(
            "Finance, planned surplus / (deficit), GBP 000s: "
            + ", ".join(
                f"{year} {finance.format_gbp000(table['surplus_deficit'][year])}" for year in table["years"]
            )
        )
    lines += ["", status.conclusion(store)]
    return "\n".join(lines)


def governance_lines(store: Store) -> list[str]:
    """Overdue actions, open issues, dependencies at risk, and each workstream's suggested RAG."""
    overdue = governance.overdue_actions(store)
    open_issues = governance.open_issues(store)
    flags = governance.dependencies_at_risk(store)
    lines = [f"Overdue actions: {len(overdue)}"]
    lines += [f"  {a['ref']} {a['title']} (owner {a['owner'] or '-'}, due {a['due_date']})" for a in overdue]
    lines.append(f"Open issues: {len(open_issues)}")
    lines += [f"  {i['ref']} {i['title']} ({i['workstream'] or 'programme'})" for i in open_issues]
    lines.append(f"Dependencies at risk: {len(flags)}")
    lines += [
        f"  {d['milestone_ref']} (forecast {d['milestone_date'] or 'none'}) needs {d['needs_ref']}"
        f" (forecast {d['needs_date'] or 'none'})"
        for d in flags
    ]
    lines.append("Suggested RAG (the manual RAG stays the one of record):")
    lines += [f"  {s.code:<5} manual {s.manual or '-'}; {s.rule}" for s in suggested_rags(store)]
    return lines
