"""Corporate Health Check: a team's measures (sickness, overtime, ...) and members' ratings."""

from t2025tui.core.services.common import create, remove, update
from t2025tui.core.store import Store


def create_health_check(store: Store, **fields) -> int:
    return create(store, "health_check", fields)


def update_health_check(store: Store, check_id: int, *, expected_version: int | None, **fields) -> dict:
    return update(store, "health_check", check_id, fields, expected_version=expected_version)


def add_measure(
    store: Store, health_check_id: int, name: str, value: float | None = None, unit: str = ""
) -> int:
    return create(
        store,
        "health_measure",
        {"health_check_id": health_check_id, "name": name, "value": value, "unit": unit},
    )


def set_measure(store: Store, measure_id: int, value: float | None, *, expected_version: int | None) -> dict:
    return update(store, "health_measure", measure_id, {"value": value}, expected_version=expected_version)


def add_rating(store: Store, health_check_id: int, member: str, rating: int, comment: str = "") -> int:
    return create(
        store,
        "health_rating",
        {"health_check_id": health_check_id, "member": member, "rating": rating, "comment": comment},
    )


def update_rating(store: Store, rating_id: int, *, expected_version: int | None, **fields) -> dict:
    """Change a member's rating or comment."""
    unknown = set(fields) - {"member", "rating", "comment"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    return update(store, "health_rating", rating_id, fields, expected_version=expected_version)


def update_measure(
    store: Store, measure_id: int, *, expected_version: int | None, reason: str = "", **fields
) -> dict:
    """Change a measure's name, value or unit (e.g. "days per person", "%")."""
    unknown = set(fields) - {"name", "value", "unit"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    return update(
        store, "health_measure", measure_id, fields, expected_version=expected_version, reason=reason
    )


def remove_measure(store: Store, measure_id: int, reason: str, *, expected_version: int | None) -> dict:
    return remove(store, "health_measure", measure_id, reason=reason, expected_version=expected_version)
