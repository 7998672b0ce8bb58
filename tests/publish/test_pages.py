"""What a reader of `t2025 serve` sees: the board's queries, descriptions, the marking, and
nothing they could change or be misled by."""

import html
import re
import sqlite3

import pytest

from t2025tui.publish.descriptions import PUBLISHED

CANNED = [
    "programme_status",
    "late_and_at_risk_milestones",
    "red_and_amber_risks",
    "changes_since_last_board",
    "recommendations_by_status",
    "finance_plan",
    "overdue_actions",
]


def test_programme_status_holds_each_workstreams_rag_lead_trend_and_next_milestone(shared_server):
    rows = {row["item"]: row for row in shared_server.rows("/t2025/programme_status")}
    assert rows["Programme (overall)"]["rag"] == "Red"
    assert rows["Risk management"]["rag"] == "Red"
    fcr = rows["Force Control Room"]
    assert (fcr["rag"], fcr["lead"], fcr["trend"]) == ("Amber", "DCC", "same")
    assert fcr["next_milestone"] == "FCR technology requirements implemented"
    assert fcr["forecast"] == "2022-06-30"
    assert rows["Resource Management"]["rag"] == "Red"
    assert rows["Resource Management"]["lead"] == "People Director"
    assert [r["rag"] for r in rows.values()][2:] == ["Amber", "Red", "Green", "Green", "Amber"]
    page = shared_server.get("/t2025/programme_status").text
    assert "Programme status" in page and "Force Control Room" in page and "People Director" in page


def test_late_and_at_risk_milestones_hold_the_fcr_slip_in_days(shared_server):
    rows = shared_server.rows("/t2025/late_and_at_risk_milestones")
    assert [(r["ref"], r["workstream"], r["status"]) for r in rows] == [
        ("FCR-M01", "Force Control Room", "late"),
        ("RM-M01", "Resource Management", "at risk"),
    ]
    assert rows[0]["slippage_days"] == 91 and rows[0]["forecast_date"] == "2022-06-30"
    assert (
        "FCR technology requirements implemented"
        in shared_server.get("/t2025/late_and_at_risk_milestones").text
    )


def test_risks_query_lists_the_seven_open_risks_not_yet_scored(shared_server):
    rows = shared_server.rows("/t2025/red_and_amber_risks")
    assert [r["ref"] for r in rows] == [f"T2025-R0{n}" for n in range(1, 8)]
    assert {r["band"] for r in rows} == {"not yet scored"}
    assert "Violence Reduction Unit funding" in shared_server.get("/t2025/red_and_amber_risks").text


def test_recommendations_by_status_says_11_of_30_signed_off(shared_server):
    rows = shared_server.rows("/t2025/recommendations_by_status")
    signed = [r for r in rows if r["kind"] == "recommendation" and r["status"] == "Signed off"]
    assert signed[0]["count"] == 11 and signed[0]["of_total"] == 30
    assert "Signed off: 11 of 30" in shared_server.get("/t2025/recommendations_by_status").text


def test_finance_plan_holds_the_reports_totals_and_gap_in_gbp_000s(shared_server):
    rows = {r["line"]: r for r in shared_server.rows("/t2025/finance_plan")}
    years = ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
    gap = [rows["Planned surplus / (deficit)"][f"{y} (GBP 000s)"] for y in years]
    total = [rows["Total planned expenditure"][f"{y} (GBP 000s)"] for y in years]
    assert gap == [0, 0, 0, 1545, 3432]
    assert total == [145045, 151315, 157512, 159895, 164882]
    assert rows["Funding from the OPCC"]["2021/22 (GBP 000s)"] == -145045
    assert "Planned surplus / (deficit)" in shared_server.get("/t2025/finance_plan").text


def test_changes_since_last_board_is_empty_when_nothing_changed_after_it(shared_server):
    assert shared_server.rows("/t2025/changes_since_last_board") == []
    assert "Changes since the last board" in shared_server.get("/t2025/changes_since_last_board").text


def test_every_canned_query_is_listed_with_its_title(shared_server):
    listed = {q["name"]: q for q in shared_server.get("/t2025.json").json()["queries"]}
    assert sorted(listed) == sorted(CANNED)
    assert all(q["title"] and q["description"] for q in listed.values())


def test_bookkeeping_tables_are_neither_listed_nor_shown(shared_server):
    database = shared_server.get("/t2025.json").json()
    listed = {t["name"] for t in database["tables"] if not t["hidden"]} | {
        v["name"] for v in database["views"]
    }
    assert "workstream" in listed and "risk" in listed and "milestone_status" in listed
    for bookkeeping in ("workstream_figures", "undo_stack"):
        assert bookkeeping not in listed
        assert bookkeeping not in shared_server.get("/t2025").text
        assert shared_server.get(f"/t2025/{bookkeeping}").status == 403


def test_every_listed_table_view_and_column_is_described(shared_server):
    database = shared_server.get("/t2025.json").json()
    listed = [t["name"] for t in database["tables"] if not t["hidden"]] + [
        v["name"] for v in database["views"]
    ]
    for name in listed:
        page = shared_server.get(f"/t2025/{name}.json?_size=1").json()
        columns = page["columns"]
        described = PUBLISHED[name]["columns"]
        missing = [c for c in columns if c not in described]
        assert not missing, f"{name}: columns without a description: {missing}"
        stale = [c for c in described if c not in columns]
        assert not stale, f"{name}: descriptions of columns it does not have: {stale}"
        page_html = shared_server.get(f"/t2025/{name}?_size=1").text
        assert PUBLISHED[name]["description"] in html.unescape(page_html)


@pytest.mark.parametrize(
    "path",
    ["/", "/t2025", "/t2025/workstream", "/t2025/workstream/1", "/t2025/risk_scored", "/t2025/finance_plan"]
    + [f"/t2025/{name}" for name in CANNED]
    + ["/t2025?sql=select+1", "/no-such-page", "/t2025/undo_stack"],
)
def test_the_protective_marking_is_at_the_top_and_bottom_of_every_page(shared_server, path):
    response = shared_server.get(path)
    marks = re.findall(r'<p class="t2025-marking">OFFICIAL</p>', response.text)
    assert len(marks) == 2, (response.status, response.text[:500])
    assert response.text.index(marks[0]) < response.text.index("<section")
    assert response.headers["x-protective-marking"] == "OFFICIAL"


def test_json_carries_the_marking_in_a_header(shared_server):
    assert shared_server.get("/t2025/risk.json").headers["x-protective-marking"] == "OFFICIAL"


@pytest.mark.parametrize(
    "path", ["/t2025/programme_status", "/t2025/risk", "/t2025", "/-/messages", "/t2025/risk/1/-/update"]
)
def test_a_post_is_refused_as_read_only(shared_server, path):
    response = shared_server.get(path, method="POST", data=b"sql=delete+from+risk")
    assert response.status == 405
    assert "read-only" in response.text
    assert len(shared_server.rows("/t2025/risk")) == 7


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_writing_methods_are_refused(shared_server, method):
    assert shared_server.get("/t2025/risk/1", method=method).status == 405


@pytest.mark.parametrize(
    "sql",
    [
        "delete from risk",
        "update workstream set rag = 'Green'",
        "insert into note (created_at, text) values ('x', 'y')",
        "drop table risk",
        "attach database 'x.db' as x",
        "pragma journal_mode = delete",
        "with x as (select 1) delete from risk",
        "select * from pragma_user_version(5)",
        "select 1; delete from risk",
        "vacuum into 'stolen.db'",
    ],
)
def test_a_write_query_is_refused_and_changes_nothing(shared_server, sql):
    from urllib.parse import quote

    response = shared_server.get(f"/t2025.json?sql={quote(sql)}")
    assert response.status >= 400 or response.json().get("ok") is False
    assert len(shared_server.rows("/t2025/risk")) == 7
    assert {r["rag"] for r in shared_server.rows("/t2025/workstream")} == {"Red", "Amber", "Green"}


def test_the_database_file_cannot_be_downloaded(shared_server):
    assert shared_server.get("/t2025.db").status in (403, 404)


def test_rag_cells_are_shown_in_rag_colours(shared_server):
    page = shared_server.get("/t2025/programme_status").text
    assert '<span class="t2025-rag t2025-rag-amber">Amber</span>' in page
    assert (
        '<span class="t2025-rag t2025-rag-green">Green</span>' in shared_server.get("/t2025/workstream").text
    )


def test_a_canned_querys_tab_is_titled_by_its_name_and_marking(shared_server):
    page = shared_server.get("/t2025/finance_plan").text
    assert "<title>Finance plan [OFFICIAL]</title>" in page


def test_the_programme_page_lists_questions_tables_and_views_by_title_and_description(shared_server):
    page = html.unescape(shared_server.get("/t2025").text)
    assert "The board's questions" in page
    assert "Programme status" in page and "Changes since the last board" in page
    for name in ("workstream", "risk", "milestone_status", "finance_totals"):
        assert f"{PUBLISHED[name]['title']}" in page and PUBLISHED[name]["description"] in page
    assert "<title>T2025 Service Improvement Programme [OFFICIAL]</title>" in page
    assert "workstream_figures" not in shared_server.get("/t2025?_show_hidden=1").text


def test_a_search_index_and_any_undescribed_table_are_neither_listed_nor_shown(seeded_db_path, start_server):
    conn = sqlite3.connect(seeded_db_path)
    conn.execute("CREATE VIRTUAL TABLE search_index USING fts5(title, body)")
    conn.execute("INSERT INTO search_index VALUES ('Force Control Room', 'secret working notes')")
    conn.execute("CREATE TABLE future_bookkeeping (x INTEGER)")
    conn.commit()
    conn.close()
    server = start_server(seeded_db_path)
    database = server.get("/t2025.json").json()
    names = {t["name"] for t in database["tables"]} | {v["name"] for v in database["views"]}
    assert "workstream" in names
    assert not {n for n in names if n.startswith(("search_index", "future_bookkeeping"))}
    for shadow in ("search_index", "search_index_data", "search_index_content", "future_bookkeeping"):
        assert shadow not in server.get("/t2025?_show_hidden=1").text
        assert server.get(f"/t2025/{shadow}").status == 403


def test_the_embedded_programme_has_no_overdue_actions(shared_server):
    assert shared_server.rows("/t2025/overdue_actions") == []
    assert "Overdue actions" in shared_server.get("/t2025/overdue_actions").text


def test_overdue_actions_lists_open_actions_past_due_on_the_status_date(seeded_db_path, start_server):
    from t2025tui.core.services.actions import create_action, set_action_status
    from t2025tui.core.store import open_store

    store = open_store(seeded_db_path)  # the embedded status date is 2022-03-15
    try:
        fcr = store.scalar("SELECT id FROM workstream WHERE code = 'FCR'")
        meeting = store.query_one("SELECT id, title, meeting_date FROM board_meeting ORDER BY meeting_date")
        create_action(
            store,
            title="Confirm the resourcing approach",
            owner="DCC",
            due_date="2022-03-01",
            workstream_id=fcr,
            board_meeting_id=meeting["id"],
        )
        create_action(store, title="Due after the status date", owner="ACC", due_date="2022-04-30")
        done = create_action(store, title="Overdue but done", owner="ACC", due_date="2022-02-01")
        set_action_status(store, done, "Done", "", expected_version=1)
    finally:
        store.close()
    server = start_server(seeded_db_path)
    rows = server.rows("/t2025/overdue_actions")
    assert [r["action"] for r in rows] == ["Confirm the resourcing approach"]
    (row,) = rows
    assert (row["owner"], row["due_date"], row["days_overdue"]) == ("DCC", "2022-03-01", 14)
    assert row["workstream"].startswith("Force Control Room")
    assert row["raised_at"] == f"{meeting['title']} {meeting['meeting_date']}"
    assert len(server.rows("/t2025/action")) == 3
