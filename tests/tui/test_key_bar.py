"""The key line at the foot of each screen: the screen's own keys, kept current, clickable."""

from t2025tui.tui.screens.standup import StandupScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import SIZE, settle


def key_line(screen) -> str:
    bar = screen.query_one(KeyBar)
    return str(bar.render())


async def test_dashboard_shows_its_keys_and_the_palette_on_the_right(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = key_line(app.screen)
        for hint in (" r RAG ", " c Commentary ", " s Stand-up ", " ^z Undo ", " f1 Help ", " ^q Quit "):
            assert hint in line
        assert line.rstrip().endswith("^p palette")
        assert len(line) == SIZE[0]


async def test_line_follows_the_screen_and_what_is_allowed_behind_a_prompt(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
        line = key_line(app.screen)
        assert " ] Slip +1w " in line and " esc End stand-up " in line
        assert " c Commentary " not in line
        assert " ^z Undo " in line

        await pilot.press("r")  # Red is worse than any current RAG here, so a reason is asked for
        await settle(pilot)
        assert app.screen.asking_reason
        # Undo is refused while a reason is being typed, so the line stops offering it.
        line = key_line(app.screen)
        assert " ^z Undo " not in line and " esc Cancel " in line


async def test_clicking_a_key_does_what_the_key_does(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        bar.render()
        start = next(start for start, _end, hint in bar._spans if hint[2] == "Stand-up")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, StandupScreen)
