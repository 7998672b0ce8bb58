"""The one edit flow: open a form, save its result through a service, reload or reopen.

The service runs through `T2025App.save`, in a worker thread like every other save, so a busy
database never freezes the screen: a stale edit (the row changed in another window) reloads the
screen and says so; a value the service refuses re-opens the form with the typed draft and the
message beside its field, so nothing typed is lost; any other error the user can act on is shown
as one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from t2025tui.tui.app import T2025App
    from t2025tui.tui.modals.form import Form

Apply = Callable[[Any], "str | None"]
"""apply(result) calls a service and returns a short confirmation to show, or None to stay quiet."""


def edit_with_form(app: T2025App, make_form: Callable[[], Form[Any]], apply: Apply) -> None:
    """Push `make_form()`; on a result, save `apply(result)`; the screens in view reload after it."""

    def open_form(form: Form[Any]) -> None:
        def handle(result: Any) -> None:
            if result is not None:
                app.save(
                    lambda: apply(result),
                    success=lambda message: message,
                    on_invalid=lambda exc: open_form(make_form().restore(form.draft, exc)),
                )

        app.push_screen(form, handle)

    open_form(make_form())
