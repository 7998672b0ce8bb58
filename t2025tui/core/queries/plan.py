"""What the app's plan forms offer and warn about: pick lists of objectives, workstreams and
projects, and what depends on a record about to be removed."""

from t2025tui.core.services.common import DEPENDENTS, dependents, describe_dependents
from t2025tui.core.store import Store

GROUPS = (("Delivery", "delivery"), ("IT & enabling", "it_enabling"), ("BAU", "bau"))
PROJECT_STATUSES = ("active", "complete", "de-scoped", "re-scoped", "on hold")


def objectives(store: Store) -> list[dict]:
    """Every strategic objective in order, with how many workstreams serve it."""
    return store.query(
        "SELECT o.*, (SELECT COUNT(*) FROM workstream w WHERE w.objective_id = o.id) AS workstreams"
        " FROM objective o ORDER BY o.position, o.id"
    )


def objective_choices(store: Store) -> tuple[tuple[str, int], ...]:
    return tuple((f"{row['position']}. {row['title']}", row["id"]) for row in objectives(store))


def project_choices(
    store: Store, workstream_id: int | None, *, leaving_out: int | None = None
) -> tuple[tuple[str, int], ...]:
    rows = store.query(
        "SELECT id, name FROM project WHERE workstream_id IS ? ORDER BY position, id", (workstream_id,)
    )
    return tuple((r["name"], r["id"]) for r in rows if r["id"] != leaving_out)


def placements(store: Store) -> tuple[tuple[str, tuple[int, int | None]], ...]:
    """Where a milestone can sit: each workstream alone, then each of its projects, as
    ("FCR · Niche Missing module", (workstream id, project id or None)) in the programme's order."""
    found: list[tuple[str, tuple[int, int | None]]] = []
    workstreams = store.query("SELECT id, code FROM workstream ORDER BY position, id")
    projects = store.query(
        "SELECT id, name, workstream_id FROM project WHERE workstream_id IS NOT NULL ORDER BY position, id"
    )
    for workstream in workstreams:
        found.append((f"{workstream['code']} · (no project)", (workstream["id"], None)))
        found.extend(
            (f"{workstream['code']} · {p['name']}", (workstream["id"], p["id"]))
            for p in projects
            if p["workstream_id"] == workstream["id"]
        )
    return tuple(found)


def dependants(store: Store, table: str, row_id: int) -> str:
    """What points at the record, e.g. "3 projects, 1 milestone and 2 risks"; "" for nothing."""
    if table not in DEPENDENTS:
        return ""
    with store.lock:
        found = dependents(store.conn, table, row_id)
    return describe_dependents(table, found) if found else ""


def milestone_ref(store: Store, milestone_id: int) -> str:
    return store.scalar("SELECT ref FROM milestone WHERE id = ?", (milestone_id,)) or ""


def milestone_links(store: Store, milestone_id: int) -> str:
    """What a milestone's removal takes with it (and its undo brings back), e.g.
    "FCR-M02 waits on it; 1 earlier baseline"; "" for nothing."""
    waiting = [
        row["ref"]
        for row in store.query(
            "SELECT m.ref FROM milestone_dependency d JOIN milestone m ON m.id = d.milestone_id"
            " WHERE d.needs_milestone_id = ? ORDER BY m.ref",
            (milestone_id,),
        )
    ]
    needs = store.scalar("SELECT COUNT(*) FROM milestone_dependency WHERE milestone_id = ?", (milestone_id,))
    baselines = store.scalar("SELECT COUNT(*) FROM baseline_history WHERE milestone_id = ?", (milestone_id,))
    parts = []
    if waiting:
        shown = ", ".join(waiting[:5]) + (f" and {len(waiting) - 5} more" if len(waiting) > 5 else "")
        parts.append(f"{shown} {'waits' if len(waiting) == 1 else 'wait'} on it")
    if needs:
        parts.append(f"it waits on {needs} other milestone{'' if needs == 1 else 's'}")
    if baselines:
        parts.append(f"{baselines} earlier baseline{'' if baselines == 1 else 's'}")
    return "; ".join(parts)
