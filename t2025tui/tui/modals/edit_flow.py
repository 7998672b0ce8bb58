"""Open a form, hand its result to a service, and deal with what the service says.

A stale edit (the row changed in another window) reloads the screen and says so; a value the
service refuses re-opens the form with everything typed and the message beside its field, so
nothing typed is lost; any other error the user can act on is shown as one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from t2025tui.core.errors import StaleEditError, T2025Error, ValidationError
from t2025tui.tui.modals.form_screen import FormScreen

STALE_MESSAGE = "changed elsewhere, reloaded"


def edit_with_form(screen: Screen, make_form: Callable[[], FormScreen], apply: Callable[[Any], str | None],
                   reload: Callable[[], None]) -> None:
    """Push `make_form()`; on a result call `apply(result)` (a service call) then `reload()`.

    `apply` returns a short confirmation to notify, or None to stay quiet.
    """

    def open_form(form: FormScreen) -> None:
        def handle(result: Any) -> None:
            if result is None:
                return
            try:
                message = apply(result)
            except StaleEditError as exc:
                screen.notify(f"{STALE_MESSAGE}: {exc}", title="Not saved", severity="warning", timeout=8)
                reload()
                return
            except ValidationError as exc:
                open_form(make_form().restore(form.raw, exc))
                return
            except T2025Error as exc:
                screen.notify(str(exc), title="Not saved", severity="error", timeout=8)
                reload()
                return
            if message:
                screen.notify(message, title="Saved")
            reload()
            # As T2025App.save does: the log is copied into the file once the change is drawn.
            screen.call_after_refresh(screen.app.store.checkpoint)

        screen.app.push_screen(form, handle)

    open_form(make_form())
