"""Open a form, hand its result to a service, and deal with what the service says.

The service runs through `T2025App.save`, in a worker thread like every other save, so a busy
database never freezes the screen: a stale edit (the row changed in another window) reloads the
screen and says so; a value the service refuses re-opens the form with everything typed and the
message beside its field, so nothing typed is lost; any other error the user can act on is shown
as one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from t2025tui.tui.modals.form_screen import FormScreen


def edit_with_form(
    screen: Screen, make_form: Callable[[], FormScreen], apply: Callable[[Any], str | None]
) -> None:
    """Push `make_form()`; on a result, save `apply(result)` (a service call that returns a short
    confirmation to show, or None to stay quiet); the screen in front reloads after it."""

    def open_form(form: FormScreen) -> None:
        def handle(result: Any) -> None:
            if result is not None:
                screen.app.save(
                    lambda: apply(result),
                    success=lambda message: message,
                    on_invalid=lambda exc: open_form(make_form().restore(form.raw, exc)),
                )

        screen.app.push_screen(form, handle)

    open_form(make_form())
