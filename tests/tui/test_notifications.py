"""Notifications quote names from the database, so they must show them literally."""

from textual.content import Content

from tests.tui.conftest import SIZE, settle


async def test_markup_and_escapes_in_a_notification_are_shown_literally(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.notify("[bold]Ops[/] \x1b[31mred is already Green.", title="[link=x]t[/link]")
        await pilot.pause()
        notification = list(app._notifications)[-1]
        assert notification.markup is False
        assert notification.message == "[bold]Ops[/] [31mred is already Green."
        assert notification.title == "[link=x]t[/link]"
        # what the toast will paint: the text itself, unstyled
        assert Content(notification.message).plain == notification.message


async def test_a_screens_notification_is_literal_too(app):
    """Widget.notify passes markup=True to the app explicitly; it must still be literal."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.notify("Risk [b]R1[/b] saved")
        await pilot.pause()
        notification = list(app._notifications)[-1]
        assert notification.markup is False
        assert notification.message == "Risk [b]R1[/b] saved"
