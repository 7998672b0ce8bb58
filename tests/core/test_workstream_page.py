"""The stand-up and detail pages of one workstream's open milestones: the same rows, in the same
order, as milestone_status says are open, however milestones were completed or de-scoped."""

from t2025tui.core.queries import workstream as queries
from t2025tui.core.services import milestones as services


def open_by_status(store, workstream_id: int, limit: int) -> list[dict]:
    return store.query(
        "SELECT * FROM milestone_status WHERE workstream_id = ? AND status NOT IN ('complete', 'de-scoped')"
        " ORDER BY forecast_date IS NULL, forecast_date, id LIMIT ?",
        (workstream_id, limit),
    )


def add(store, workstream_id: int, title: str, forecast: str | None) -> int:
    return services.create_milestone(
        store, workstream_id=workstream_id, title=title, baseline_date="2022-05-01", forecast_date=forecast
    )


def test_open_page_and_count_match_milestone_status_after_completions_and_descoping(store):
    workstream_id = queries.workstream_ids(store)[0]
    ids = [add(store, workstream_id, f"Step {n}", f"2022-0{1 + n % 9}-1{n % 10}") for n in range(12)]
    ids.append(add(store, workstream_id, "Undated step", None))

    def version(milestone_id):
        return store.scalar("SELECT version FROM milestone WHERE id = ?", (milestone_id,))

    services.mark_done(store, ids[0], "2022-03-01", expected_version=version(ids[0]))
    services.set_descoped(store, ids[1], True, "no longer needed", expected_version=version(ids[1]))
    services.mark_done(store, ids[2], "2022-03-02", expected_version=version(ids[2]))
    services.reopen(store, ids[2], "done by mistake", expected_version=version(ids[2]))

    for limit in (3, 100):
        page = queries.milestones(store, workstream_id, open_only=True, limit=limit)
        assert page == open_by_status(store, workstream_id, limit)
    shown = {row["id"] for row in queries.milestones(store, workstream_id, open_only=True, limit=100)}
    assert ids[0] not in shown and ids[1] not in shown and ids[2] in shown and ids[-1] in shown
    assert queries.count_milestones(store, workstream_id, open_only=True) == len(
        open_by_status(store, workstream_id, 1000)
    )
    assert queries.count_milestones(store, workstream_id) == store.scalar(
        "SELECT COUNT(*) FROM milestone WHERE workstream_id = ?", (workstream_id,)
    )
