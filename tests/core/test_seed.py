"""The embedded T2025 programme reproduces what the March 2022 report states."""

from t2025tui.core.queries import finance, status
from t2025tui.core.queries.summary import summary_text
from t2025tui.core.seed import REPORT_SURPLUS_DEFICIT, REPORT_TOTAL_PLANNED_EXPENDITURE, YEARS


def test_finance_totals_equal_the_reports_table(store):
    table = finance.table(store)
    assert table["years"] == ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
    assert [table["total_planned_expenditure"][y] for y in YEARS] == [
        145_045,
        151_315,
        157_512,
        159_895,
        164_882,
    ]
    assert [table["surplus_deficit"][y] for y in YEARS] == [0, 0, 0, 1_545, 3_432]
    assert [table["funding"][y] for y in YEARS] == [-145_045, -151_315, -157_512, -158_350, -161_450]
    assert list(REPORT_TOTAL_PLANNED_EXPENDITURE) == [table["total_planned_expenditure"][y] for y in YEARS]
    assert list(REPORT_SURPLUS_DEFICIT) == [table["surplus_deficit"][y] for y in YEARS]


def test_eleven_of_thirty_recommendations_signed_off(store):
    counts = status.recommendation_counts(store)
    assert counts["total"] == 30
    assert counts["Signed off"] == 11


def test_recommendation_text_is_not_invented(store):
    rows = store.query("SELECT text, notes FROM recommendation")
    assert all(row["text"] == "" for row in rows)
    assert all("Placeholder" in row["notes"] for row in rows)


def test_each_workstream_has_the_reports_lead_and_rag(store):
    rows = {r["name"]: (r["lead"], r["rag"]) for r in store.query("SELECT name, lead, rag FROM workstream")}
    assert rows == {
        "Force Control Room": ("DCC", "Amber"),
        "Resource Management": ("People Director", "Red"),
        "Vulnerability (Prevention/Engagement & Missing)": ("ACC", "Green"),
        "Raising Investigation Standards": ("ACC", "Green"),
        "Integrated Offender Management": ("ACC", "Amber"),
    }


def test_programme_is_red_overall_and_for_risk_as_at_the_board(store):
    prog = status.programme(store)
    assert (prog["overall_rag"], prog["risk_rag"]) == ("Red", "Red")
    assert prog["organisation"] == "Cleveland Police"
    assert [b["meeting_date"] for b in status.board_meetings(store)] == ["2022-03-15"]
    assert store.scalar("SELECT COUNT(*) FROM objective") == 4


def test_force_control_room_technology_slipped_to_june_2022(store):
    row = store.query_one("SELECT * FROM milestone_status WHERE title LIKE 'FCR technology%'")
    assert (row["baseline_date"], row["forecast_date"]) == ("2022-03-31", "2022-06-30")
    assert row["slippage_days"] == 91
    assert row["status"] == "late"
    assert "inferred" in row["notes"].lower()


def test_violence_reduction_unit_descoped_and_civil_orders_rescoped_with_reasons(store):
    vru = store.query_one("SELECT status, status_reason FROM project WHERE name = 'Violence Reduction Unit'")
    assert vru["status"] == "de-scoped"
    assert "Special Grant bid" in vru["status_reason"]
    civil = store.query_one("SELECT status, status_reason FROM project WHERE name LIKE '%Civil Orders%'")
    assert civil["status"] == "re-scoped"
    assert "not sufficiently accurate" in civil["status_reason"]


def test_dated_milestones_named_in_the_report(store):
    dates = {
        r["title"]: r["forecast_date"] for r in store.query("SELECT title, forecast_date FROM milestone")
    }
    assert dates["Niche 'Missing' module implemented"] == "2022-04-30"
    assert dates["Specialist Operations de-collaboration finalised"] == "2022-05-31"
    assert dates["Resource Management To Be processes and business requirements"] is None


def test_corporate_health_check_trial_in_learning_and_development(store):
    check = store.query_one("SELECT * FROM health_check")
    assert check["team"] == "Learning & Development"
    measures = [r["name"] for r in store.query("SELECT name, value FROM health_measure WHERE value IS NULL")]
    assert measures == ["Sickness", "Overtime"]


def test_risks_are_unscored_rather_than_invented(store):
    rows = store.query("SELECT * FROM risk_scored")
    assert len(rows) == 7
    assert all(r["inherent_score"] is None and r["residual_score"] is None for r in rows)
    responses = {r["response"] for r in rows}
    assert {"Treat", "Tolerate"} <= responses


def test_conclusion_matches_report_section_7_3(store):
    assert status.conclusion(store) == (
        "Of the work planned for delivery in 2021/22, 2 of the 5 workstreams are on track, "
        "2 will deliver by June 2022 and 1 will need to move activities into the coming year."
    )


def test_summary_states_key_facts(store):
    text = summary_text(store)
    assert "Overall RAG: Red" in text
    assert "Recommendations signed off: 11 of 30" in text
    assert "2024/25 1,545" in text
    assert "Amber  Force Control Room (lead: DCC)" in text
