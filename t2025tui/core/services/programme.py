"""Programme-level settings and the overall and risk RAG."""

from t2025tui.core.changes import edit
from t2025tui.core.errors import NotFoundError, ValidationError
from t2025tui.core.rag import check_rag, is_worse
from t2025tui.core.services.common import require_reason, update
from t2025tui.core.store import Store

EDITABLE = {
    "name",
    "organisation",
    "rag_scale",
    "reporting_period",
    "status_date",
    "financial_year_end",
    "band_amber_min",
    "band_red_min",
    "default_tolerance_days",
    "marking",
    "user_name",
}


def get_programme(store: Store) -> dict:
    programme = store.query_one("SELECT * FROM programme WHERE id = 1")
    if programme is None:
        raise NotFoundError("The database has no programme yet; create one with `t2025 init`.")
    return programme


def five_point_only_records(store: Store) -> list[str]:
    """Records whose RAG exists only on the 5-point scale (Amber/Red, Amber/Green)."""
    found = [
        f"workstream {row['code']} ({row['rag']})"
        for row in store.query(
            "SELECT code, rag FROM workstream WHERE rag IN ('Amber/Red', 'Amber/Green') ORDER BY position, id"
        )
    ]
    prog = get_programme(store)
    for which in ("overall", "risk"):
        if prog.get(f"{which}_rag") in ("Amber/Red", "Amber/Green"):
            found.append(f"the programme's {which} RAG ({prog[f'{which}_rag']})")
    return found


def update_programme(store: Store, *, expected_version: int | None, reason: str = "", **fields) -> dict:
    """Change the programme's settings (name, status date, RAG scale, marking, ...)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with edit(store, "Edit programme settings", reason=reason) as change:
        # Checked inside the write, so no 5-point value can be saved between the check and the switch.
        if fields.get("rag_scale") == 3:
            holding = five_point_only_records(store)
            if holding:
                raise ValidationError(
                    "RAG scale: cannot switch to the 3-point scale while these hold a 5-point-only value: "
                    + ", ".join(holding[:10])
                    + (f" and {len(holding) - 10} more" if len(holding) > 10 else "")
                    + "; set them to Red, Amber or Green first",
                    "rag_scale",
                )
        return change.update("programme", 1, fields, expected_version=expected_version)


def set_programme_rag(
    store: Store, which: str, rag: str, reason: str = "", *, expected_version: int | None
) -> dict:
    """Set the overall (`which='overall'`) or risk-management (`which='risk'`) RAG."""
    if which not in ("overall", "risk"):
        raise ValueError("which must be 'overall' or 'risk'")
    check_rag(store, rag)
    current = get_programme(store)
    if is_worse(current[f"{which}_rag"], rag):
        reason = require_reason(
            reason, f"when the {which} RAG worsens from {current[f'{which}_rag']} to {rag}"
        )
    changes = {f"{which}_rag": rag}
    if reason.strip():
        changes[f"{which}_rag_reason"] = reason.strip()
    return update(
        store,
        "programme",
        1,
        changes,
        expected_version=expected_version,
        summary=f"Set {which} RAG to {rag}",
        reason=reason.strip(),
    )
