"""Create or edit a Futures Board meeting (the dated points 'since last board' compares)."""

from datetime import date

from textual.widgets import Input

from t2025tui.core.dates import parse_user_date
from t2025tui.tui.modals.base import FormModal, field
from t2025tui.tui.modals.validators import Required, UserDate


class BoardMeetingForm(FormModal[dict | None]):
    """Dismisses with {'meeting_date': date, 'title': str, 'notes': str} or None."""

    def __init__(
        self,
        meeting: dict | None = None,
        *,
        editing: bool | None = None,
        errors: dict[str, str] | None = None,
    ):
        editing = bool(meeting) if editing is None else editing
        super().__init__("Edit board meeting" if editing else "New board meeting", errors=errors)
        self.meeting = {
            k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in (meeting or {}).items()
        }

    def form_body(self):
        yield field(
            "Date (2022-06-14, 14/06/2022, +7, +2w)",
            Input(
                self.meeting.get("meeting_date", ""),
                placeholder="YYYY-MM-DD",
                id="meeting_date",
                validators=[UserDate()],
                validate_on=["changed", "submitted"],
            ),
            "meeting_date",
        )
        yield field(
            "Title",
            Input(
                self.meeting.get("title", "Futures Board"),
                id="title",
                validators=[Required("the title")],
                validate_on=["changed", "submitted"],
            ),
            "title",
        )
        yield field("Notes", Input(self.meeting.get("notes", ""), id="notes"), "notes")

    def on_mount(self) -> None:
        self.query_one("#meeting_date", Input).focus()

    def collect(self) -> dict | None:
        valid = self.check_input("meeting_date") & self.check_input("title")
        if not valid:
            return None
        when: date = parse_user_date(self.query_one("#meeting_date", Input).value)
        return {
            "meeting_date": when,
            "title": self.query_one("#title", Input).value.strip(),
            "notes": self.query_one("#notes", Input).value.strip(),
        }
