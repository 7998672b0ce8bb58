"""Corporate Health Check read models: checks, and each check's measures and ratings."""

from t2025tui.core.store import Store


def checks(store: Store) -> list[dict]:
    return store.query("SELECT * FROM health_check ORDER BY check_date IS NULL, check_date, id")


def measures(store: Store, check_id: int) -> list[dict]:
    return store.query("SELECT * FROM health_measure WHERE health_check_id = ? ORDER BY id", (check_id,))


def ratings(store: Store, check_id: int) -> list[dict]:
    return store.query("SELECT * FROM health_rating WHERE health_check_id = ? ORDER BY id", (check_id,))
