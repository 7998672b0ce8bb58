"""The one edit flow: open a form, save its result through a service, reload or reopen.

The service runs through `T2025App.save`, in a worker thread like every other save, so a busy
database never freezes the screen. A value the service refuses re-opens the form with the typed
draft and the message beside its field. An edit refused because another window changed the
record first re-opens it too, with the draft kept, who changed the record and when, and the
fresh values under the fields; saving it again writes over that version (and is refused again
only if the record changed once more). So nothing typed is lost. Any other error the user can
act on is shown as one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from t2025tui.core.text import column_words

if TYPE_CHECKING:
    from t2025tui.core.errors import StaleEditError
    from t2025tui.tui.app import T2025App
    from t2025tui.tui.modals.form import Form

Apply = Callable[[Any], "str | None"]
"""apply(result) calls a service and returns a short confirmation to show, or None to stay quiet."""

Accepted = dict[tuple[str, int], int]
"""(table, row id) -> the version the user was shown after a stale refusal and saves over."""

T = TypeVar("T")


def accept_fresh(accepted: Accepted, stale: StaleEditError) -> None:
    """Remember the version a kept draft is to be saved over."""
    if stale.table and stale.row_id is not None and stale.version is not None:
        accepted[(stale.table, stale.row_id)] = stale.version


def saving_over(accepted: Accepted, call: Callable[[], T]) -> T:
    """Run `call` (in the save's worker) allowing edits over the versions in `accepted`."""
    from t2025tui.core.changes import accepting_versions

    with accepting_versions(accepted):
        return call()


def fresh_summary(stale: StaleEditError) -> str:
    """One line for stand-up's reason line: who changed the record, when, to what."""
    if stale.removed:
        return f"Not saved: {stale} Escape cancels."
    fresh = stale.fresh or {}
    shown = [
        f"{column_words(field)} now {fresh[field] if fresh[field] not in (None, '') else '(blank)'}"
        for field in stale.fields
        if field in fresh and not field.endswith("reason")
    ]
    by = f" by {stale.who}" if stale.who else ""
    when = f" at {stale.at[:16].replace('T', ' ')}" if stale.at else ""
    now = f" ({'; '.join(shown)})" if shown else ""
    return f"Changed{by}{when}{now}: enter saves yours over it, escape cancels"


def edit_with_form(app: T2025App, make_form: Callable[[], Form[Any]], apply: Apply) -> None:
    """Push `make_form()`; on a result, save `apply(result)`; the screens in view reload after it."""
    accepted: Accepted = {}

    def open_form(form: Form[Any]) -> None:
        def handle(result: Any) -> None:
            if result is None:
                return

            def kept(stale: StaleEditError) -> None:
                accept_fresh(accepted, stale)
                open_form(make_form().restore(form.draft, None).keep_over(stale))

            app.save(
                lambda: saving_over(accepted, lambda: apply(result)),
                success=lambda message: message,
                on_invalid=lambda exc: open_form(make_form().restore(form.draft, exc).keep_over(form.stale)),
                on_stale=kept,
            )

        app.push_screen(form, handle)

    open_form(make_form())
