"""The issue log through the keys: create, edit, close with a date and reason, re-open,
remove; and a risk turned into an issue from the risk register (4)."""

from t2025tui.core.services import issues
from t2025tui.tui.modals.action_form import ActionForm
from t2025tui.tui.modals.issue_form import IssueForm, IssueStatusForm
from t2025tui.tui.modals.reason import ReasonPrompt
from t2025tui.tui.screens.issues_log import IssuesLogScreen
from t2025tui.tui.screens.risks import RisksScreen
from tests.tui.conftest import notifications
from tests.tui.logs_helpers import (
    RegisterHarness,
    changes,
    choose,
    current,
    error_text,
    filter_to,
    rows_shown,
    settle,
    text_of,
    type_into,
)

SIZE = (120, 40)


def issue(store, issue_id: int) -> dict:
    return store.query_one("SELECT * FROM issue WHERE id = ?", (issue_id,))


async def test_new_issue_is_raised_on_the_status_date_and_listed_by_priority(store):
    app = RegisterHarness(store, IssuesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.screen.table.total
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, IssueForm)
        await type_into(pilot, "#field-title", "No analyst for the FCR demand model")
        await type_into(pilot, "#field-owner", "DCC")
        choose(app, "priority", "High")
        choose(app, "workstream_id", 1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssuesLogScreen)
        assert app.screen.table.total == before + 1
        top = rows_shown(app)[0]  # high priority first
        assert top[1:4] == ["No analyst for the FCR demand model", "DCC", "High"]
        assert top[5] == "2022-03-15"
        assert "high priority 1" in text_of(app, "#log-summary")
    new = store.query_one("SELECT * FROM issue WHERE title = 'No analyst for the FCR demand model'")
    assert (new["priority"], new["raised_date"], new["workstream_id"]) == ("High", "2022-03-15", 1)
    assert changes(store, "issue", new["id"])[0]["action"] == "create"


async def test_close_with_a_date_and_reason_then_reopen(store):
    new_id = issues.create_issue(store, title="Analyst vacancy", priority="High")
    app = RegisterHarness(store, IssuesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, IssueStatusForm)
        assert app.screen.query_one("#field-closed_on").value == "2022-03-15"
        await pilot.press("enter")
        await pilot.pause()
        assert "required" in error_text(app, "reason")
        await type_into(pilot, "#field-closed_on", "+3")
        await type_into(pilot, "#field-reason", "Analyst appointed")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssuesLogScreen)
        assert issue(store, new_id)["status"] == "Closed"
        assert issue(store, new_id)["closed_date"] == "2022-03-18"
        await pilot.press("v")  # the closed issues
        await settle(pilot)
        assert current(app)["id"] == new_id
        assert "Closed 2022-03-18" in text_of(app, "#log-detail")
        await pilot.press("c")  # re-open: a reason only
        await pilot.pause()
        assert isinstance(app.screen, IssueStatusForm)
        assert "Re-open" in app.screen.title_text
        await type_into(pilot, "#field-reason", "Analyst left again")
        await pilot.press("enter")
        await settle(pilot)
    reopened = issue(store, new_id)
    assert (reopened["status"], reopened["closed_date"]) == ("Open", None)
    reasons = [c["reason"] for c in changes(store, "issue", new_id) if c["field"] == "status"]
    assert reasons == ["Analyst appointed", "Analyst left again"]


async def test_edit_and_remove_an_issue(store):
    new_id = issues.create_issue(store, title="Typo in title", priority="High")
    app = RegisterHarness(store, IssuesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, "#field-title", "Title fixed")
        await pilot.press("enter")
        await settle(pilot)
        assert rows_shown(app)[0][1] == "Title fixed"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonPrompt)
        await type_into(pilot, "#field-reason", "Not an issue after all")
        await pilot.press("enter")
        await settle(pilot)
        assert issue(store, new_id) is None
        assert all(r[0] != f"I{new_id}" for r in rows_shown(app))
    logged = changes(store, "issue", new_id)
    assert [c["action"] for c in logged] == ["create", "update", "delete"]
    assert logged[-1]["reason"] == "Not an issue after all"


async def test_a_risk_becomes_an_issue_after_a_confirm_and_keeps_its_history(store):
    risk = store.query_one("SELECT * FROM risk WHERE status = 'Open' ORDER BY ref LIMIT 1")
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await filter_to(pilot, risk["ref"])
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReasonPrompt)
        assert risk["ref"] in app.screen.title_text and "issue" in app.screen.title_text
        await pilot.press("escape")  # not confirmed: nothing changes
        await settle(pilot)
        assert store.scalar("SELECT COUNT(*) FROM issue WHERE risk_id = ?", (risk["id"],)) == 0
        await pilot.press("i")
        await pilot.pause()
        await type_into(pilot, "#field-reason", "Budget cut confirmed")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen)
        assert app.screen.table.total == 0  # closed, so gone from the open risks
        new = store.query_one("SELECT * FROM issue WHERE risk_id = ?", (risk["id"],))
        assert any(f"is now issue I{new['id']}" in n for n in notifications(app))
        await pilot.press("9")  # the logs: the issue is listed with the risk it was
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert isinstance(app.screen, IssuesLogScreen)
        await filter_to(pilot, f"I{new['id']}")
        assert current(app)["risk_ref"] == risk["ref"]
    assert new["title"] == risk["title"] and new["workstream_id"] == risk["workstream_id"]
    kept = store.query_one("SELECT * FROM risk WHERE id = ?", (risk["id"],))
    assert kept["status"] == "Closed"
    status_change = [c for c in changes(store, "risk", risk["id"]) if c["field"] == "status"][-1]
    assert status_change["reason"] == "Budget cut confirmed"


async def test_a_closed_risk_is_not_turned_into_an_issue(store):
    risk = store.query_one("SELECT * FROM risk WHERE status = 'Open' ORDER BY ref LIMIT 1")
    from t2025tui.core.services import risks

    risks.close_risk(store, risk["id"], "mitigated", expected_version=risk["version"])
    app = RegisterHarness(store, RisksScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")  # closed risks
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, RisksScreen)
        assert any("re-open it first" in n for n in notifications(app))
    assert store.scalar("SELECT COUNT(*) FROM issue WHERE risk_id = ?", (risk["id"],)) == 0


async def test_an_action_for_the_selected_issue_is_counted_on_it(store):
    new_id = issues.create_issue(store, title="Analyst vacancy", priority="High", workstream_id=2)
    app = RegisterHarness(store, IssuesLogScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current(app)["id"] == new_id
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await type_into(pilot, "#field-title", "Advertise the analyst post")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IssuesLogScreen)
        assert "Open actions: 1" in text_of(app, "#log-detail")
    raised = store.query_one("SELECT * FROM action WHERE title = 'Advertise the analyst post'")
    assert (raised["issue_id"], raised["workstream_id"]) == (new_id, 2)
