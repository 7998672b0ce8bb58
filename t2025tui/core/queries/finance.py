"""The finance plan laid out as the report's table, with derived totals."""

from t2025tui.core.store import Store


def years(store: Store) -> list[str]:
    return [r["year"] for r in store.query("SELECT DISTINCT year FROM finance_line ORDER BY year")]


def table(store: Store) -> dict:
    """{'years': [...], 'lines': [{'line', 'kind', 'amounts': {year: amount}, 'ids': {year: id}}],
    'total_planned_expenditure': {year: n}, 'surplus_deficit': {year: n}}"""
    lines: dict[str, dict] = {}
    for row in store.query("SELECT * FROM finance_line ORDER BY position, line, year"):
        entry = lines.setdefault(
            row["line"], {"line": row["line"], "kind": row["kind"], "amounts": {}, "ids": {}, "versions": {}}
        )
        entry["amounts"][row["year"]] = row["amount"]
        entry["ids"][row["year"]] = row["id"]
        entry["versions"][row["year"]] = row["version"]
    totals = store.query("SELECT * FROM finance_totals ORDER BY year")
    return {
        "years": [t["year"] for t in totals],
        "lines": list(lines.values()),
        "funding": {t["year"]: t["funding"] for t in totals},
        "total_planned_expenditure": {t["year"]: t["total_planned_expenditure"] for t in totals},
        "surplus_deficit": {t["year"]: t["surplus_deficit"] for t in totals},
    }


def format_gbp000(amount: int | None) -> str:
    """The report's style: thousands separators, negatives in brackets."""
    if amount is None:
        return ""
    return f"({abs(amount):,})" if amount < 0 else f"{amount:,}"
