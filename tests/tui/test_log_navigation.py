"""9 opens the governance logs and, pressed again, goes to the next; each log is in the
palette by name and in help."""

from t2025tui.tui.commands import palette_entries
from t2025tui.tui.screens.actions_log import ActionsLogScreen
from t2025tui.tui.screens.dashboard import DashboardScreen
from t2025tui.tui.screens.decisions_log import DecisionsLogScreen
from t2025tui.tui.screens.dependencies_log import DependenciesLogScreen
from t2025tui.tui.screens.help import HelpScreen
from t2025tui.tui.screens.issues_log import IssuesLogScreen
from t2025tui.tui.screens.lessons_log import LessonsLogScreen
from tests.tui.conftest import SIZE, settle
from tests.tui.logs_helpers import text_of

CYCLE = [
    (ActionsLogScreen, "Action log", "9: issue log"),
    (IssuesLogScreen, "Issue log", "9: decision log"),
    (DecisionsLogScreen, "Decision log", "9: dependencies"),
    (DependenciesLogScreen, "Dependencies", "9: lessons log"),
    (LessonsLogScreen, "Lessons log", "9: action log"),
]


async def test_nine_cycles_through_the_logs_and_returns_to_the_last_one(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for screen_class, title, next_hint in [*CYCLE, CYCLE[0]]:
            await pilot.press("9")
            await settle(pilot)
            assert isinstance(app.screen, screen_class)
            assert text_of(app, ".screen-title") == title
            assert next_hint in text_of(app, "#log-summary")
        await pilot.press("9")  # on to issues, then away and back: 9 returns to the issue log
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("9")
        await settle(pilot)
        assert isinstance(app.screen, IssuesLogScreen)


async def test_each_log_is_in_the_palette_by_name_and_opens_from_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = {title: (node, action) for title, _help, node, action in palette_entries(app, app.screen)}
        for screen_class, title, _ in CYCLE:
            assert title in entries, title
            node, action = entries[title]
            await app.run_action(action, node)
            await settle(pilot)
            assert isinstance(app.screen, screen_class)
        # A log opened from the palette is the one 9 comes back to.
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert isinstance(app.screen, LessonsLogScreen)


async def test_help_lists_every_log_and_its_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.help_text().plain
        for _, title, _ in CYCLE:
            assert f"9 {title}" in text
        assert "[actions.status]" in text and "[decisions.outcome]" in text
        assert "[risks.to_issue]" in text and "[standup.action]" in text
        assert "[workstream.dependency]" in text


async def test_logs_keep_f1_on_the_key_line_at_80x24(app):
    from t2025tui.tui.widgets.key_bar import KeyBar

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in CYCLE:
            await pilot.press("9")
            await settle(pilot)
            line = app.screen.query_one(KeyBar).render().plain
            assert "f1 Help" in line and "n New" in line, line
