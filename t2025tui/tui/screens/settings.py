"""Programme settings (key 0): each setting on a row, edited one at a time, and the key messages
the pack prints, in their order."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from t2025tui.core.queries.settings import ProgrammeSettings, programme_settings
from t2025tui.core.text import display_text
from t2025tui.core.who import USER_ENV_VAR
from t2025tui.tui.modals.form import Field
from t2025tui.tui.modals.settings_form import (
    MARKINGS,
    SCALE_NAMES,
    SCALES,
    KeyMessageForm,
    PositionForm,
    SettingsForm,
    StatusDateField,
    scale_definitions,
)
from t2025tui.tui.screens.base import AppScreen
from t2025tui.tui.widgets.key_bar import KeyBar
from t2025tui.tui.widgets.key_table import KeyTable


def status_date_text(settings: ProgrammeSettings, calendar_today: date) -> str:
    if settings.status_date is None:
        return f"follows today ({settings.today.isoformat()})"
    past = ", in the past" if settings.status_date < calendar_today else ""
    return f"{settings.status_date.isoformat()} (fixed{past})"


def band_text(settings: ProgrammeSettings) -> str:
    amber, red = settings.band_amber_min, settings.band_red_min
    return f"Green 1-{amber - 1}, Amber {amber}-{red - 1}, Red {red}-25 (likelihood x impact)"


def setting_rows(settings: ProgrammeSettings, calendar_today: date) -> list[tuple[str, str, str]]:
    """(key, label, value as shown) for each row of the settings table."""
    return [
        ("name", "Name", settings.name),
        ("organisation", "Organisation", settings.organisation or "-"),
        ("reporting_period", "Reporting period", settings.reporting_period or "-"),
        ("status_date", "Status date", status_date_text(settings, calendar_today)),
        ("rag_scale", "RAG scale", SCALE_NAMES[settings.rag_scale]),
        (
            "default_tolerance_days",
            "Milestone tolerance",
            f"{settings.default_tolerance_days} days (default)",
        ),
        ("bands", "Risk bands", band_text(settings)),
        ("marking", "Protective marking", settings.marking),
        (
            "user_name",
            "Your name (history)",
            settings.user_name or f"not set: {USER_ENV_VAR}, else the login name",
        ),
    ]


def setting_form(key: str, settings: ProgrammeSettings) -> SettingsForm:
    """The form that edits one row of the settings table."""
    current = settings.model_dump()
    current["status_date"] = settings.status_date.isoformat() if settings.status_date else None
    text = {
        "name": (
            "Programme name",
            [Field("name", "Name", value=settings.name, required=True, what="the name")],
        ),
        "organisation": (
            "Organisation",
            [Field("organisation", "Organisation", value=settings.organisation, hint="e.g. the force")],
        ),
        "reporting_period": (
            "Reporting period",
            [
                Field(
                    "reporting_period",
                    "Reporting period",
                    value=settings.reporting_period,
                    hint="as the pack prints it, e.g. March 2022 or 2022/23 Q1",
                )
            ],
        ),
    }
    if key in text:
        title, fields = text[key]
        return SettingsForm(title, fields, current)
    if key == "status_date":
        return SettingsForm(
            "Status date",
            [
                StatusDateField(
                    "status_date",
                    "Status date",
                    value=settings.status_date,
                    base=settings.status_date,
                    hint="2022-03-31, 31/03/2022, +4w (from the current one); or today: follow the calendar",
                )
            ],
            current,
            "Statuses, 'today' in quick dates and the last and next board count from a fixed status "
            "date; with none they follow the calendar.",
        )
    if key == "rag_scale":
        return SettingsForm(
            "RAG scale",
            [Field("rag_scale", "Scale", "options", settings.rag_scale, required=True, choices=SCALES)],
            current,
            scale_definitions(settings.rag_scale),
        )
    if key == "default_tolerance_days":
        return SettingsForm(
            "Milestone tolerance",
            [
                Field(
                    "default_tolerance_days",
                    "Tolerance (days)",
                    "int",
                    settings.default_tolerance_days,
                    required=True,
                    minimum=0,
                    maximum=3650,
                    what="the tolerance",
                    hint="a new milestone's days of slippage before it is late",
                )
            ],
            current,
        )
    if key == "bands":
        bounds: dict[str, Any] = {"kind": "int", "required": True, "minimum": 2, "maximum": 25}
        return SettingsForm(
            "Risk bands",
            [
                Field("band_amber_min", "Amber from score", value=settings.band_amber_min, **bounds),
                Field("band_red_min", "Red from score", value=settings.band_red_min, **bounds),
            ],
            current,
            "A risk's score (likelihood x impact, 1-25) below Amber's start is Green.",
        )
    if key == "marking":
        return SettingsForm(
            "Protective marking",
            [
                Field(
                    "marking",
                    "Marking",
                    value=settings.marking,
                    required=True,
                    what="the marking",
                    max_length=60,
                    suggestions=MARKINGS,
                    hint="usually " + ", ".join(MARKINGS) + " (right arrow completes)",
                )
            ],
            current,
            "Printed on every page of the pack and the committee report.",
        )
    return SettingsForm(
        "Your name",
        [
            Field(
                "user_name",
                "Name",
                value=settings.user_name,
                max_length=120,
                hint=f"recorded as who made each change; blank: {USER_ENV_VAR}, else the login name",
            )
        ],
        current,
    )


class SettingsScreen(AppScreen):
    CSS_PATH = "settings.tcss"
    PALETTE_GROUP = "settings"

    BINDINGS = [
        Binding(
            "e",
            "edit_selected",
            "Edit",
            id="settings.edit",
            tooltip="Edit the selected setting or key message (enter does too)",
        ),
        Binding("n", "new_message", "Add message", id="settings.new_message", tooltip="Add a key message"),
        Binding(
            "K,shift+up",
            "move_message(-1)",
            "Message up",
            id="settings.message_up",
            key_display="K/J",
            tooltip="Move the selected key message up the list",
        ),
        Binding(
            "J,shift+down",
            "move_message(1)",
            "Message down",
            id="settings.message_down",
            key_display="J",
            show=False,
            tooltip="Move the selected key message down the list",
        ),
        Binding(
            "m",
            "move_message_to",
            "Move message",
            id="settings.move_message",
            show=False,
            tooltip="Put the selected key message at a position in the list",
        ),
        Binding(
            "delete,x",
            "remove_message",
            "Remove message",
            id="settings.remove_message",
            key_display="x",
            tooltip="Remove the selected key message (asks why; ctrl+z undoes)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.settings: ProgrammeSettings | None = None
        self.keys: list[str] = []
        # Where the key messages' cursor goes at the next draw (set by a save of a new or moved one).
        self.message_row: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("Programme settings", classes="screen-title", markup=False)
        with VerticalScroll(id="settings-body", can_focus=False):
            yield KeyTable(id="settings-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="rag-definitions", markup=False)
            yield Label("", id="key-messages-heading", classes="settings-heading", markup=False)
            yield KeyTable(id="key-messages", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#settings-table", KeyTable).focus()

    def read(self) -> tuple[ProgrammeSettings, date]:
        return programme_settings(self.store), date.today()

    def show(self, data: tuple[ProgrammeSettings, date]) -> None:
        self.settings, calendar_today = data
        rows = setting_rows(self.settings, calendar_today)
        self.keys = [key for key, _, _ in rows]
        self._fill(
            self.query_one("#settings-table", KeyTable),
            [("Setting", 20), ("Value", 52)],
            [(label, value) for _, label, value in rows],
        )
        self.query_one("#rag-definitions", Static).update(scale_definitions(self.settings.rag_scale))
        messages = self.settings.key_messages
        heading = (
            f"Key messages: {len(messages)}, printed on the pack's Summary in this order"
            if messages
            else "Key messages: none yet (n adds one)"
        )
        self.query_one("#key-messages-heading", Label).update(heading)
        table = self.query_one("#key-messages", KeyTable)
        self._fill(
            table,
            [("No.", 4), ("Message", 68)],
            [(str(number), message.text) for number, message in enumerate(messages, start=1)],
        )
        if self.message_row is not None and messages:
            table.move_cursor(row=min(self.message_row, len(messages) - 1), animate=False)
        self.message_row = None

    @staticmethod
    def _fill(table: DataTable, columns: list[tuple[str, int]], rows: list[tuple[str, ...]]) -> None:
        cursor = table.cursor_row
        table.clear(columns=True)
        for label, width in columns:
            table.add_column(label, width=width)
        for row in rows:
            table.add_row(*(Text(display_text(cell), no_wrap=True, overflow="ellipsis") for cell in row))
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)

    # Which row ------------------------------------------------------------------------
    def _messages_table(self) -> KeyTable:
        return self.query_one("#key-messages", KeyTable)

    def _selected_message(self, *, say: bool = True) -> tuple[int, Any] | None:
        """(number from 1, the message) under the key messages' cursor."""
        messages = self.settings.key_messages if self.settings else []
        if not messages:
            if say:
                self.notify("No key messages yet: press n to add one.", severity="warning")
            return None
        row = min(max(self._messages_table().cursor_row, 0), len(messages) - 1)
        return row + 1, messages[row]

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_selected()

    # Settings -------------------------------------------------------------------------
    def action_edit_selected(self) -> None:
        if self.settings is None:
            return
        if self.focused is self._messages_table():
            self._edit_message()
            return
        row = self.query_one("#settings-table", KeyTable).cursor_row
        self._edit_setting(self.keys[min(max(row, 0), len(self.keys) - 1)])

    def _edit_setting(self, key: str) -> None:
        from t2025tui.core.services.programme import update_programme

        settings = self.settings
        assert settings is not None
        store = self.store

        def save(values: dict) -> str | None:
            if not values:
                return None
            update_programme(store, expected_version=settings.version, **values)
            return "Settings saved: " + ", ".join(name.replace("_", " ") for name in values)

        self.edit(lambda: setting_form(key, settings), save)

    # Key messages ---------------------------------------------------------------------
    def action_new_message(self) -> None:
        from t2025tui.core.services.key_messages import add_key_message

        store = self.store
        count = len(self.settings.key_messages) if self.settings else 0

        def save(text: str) -> str:
            add_key_message(store, text)
            self.message_row = count  # the new one is last: show it
            return f"Key message {count + 1} added"

        self._messages_table().focus()
        self.edit(KeyMessageForm, save)

    def _edit_message(self) -> None:
        from t2025tui.core.services.key_messages import update_key_message

        selected = self._selected_message()
        if selected is None:
            return
        number, message = selected
        store = self.store

        def save(text: str) -> str | None:
            if text == message.text:
                return None
            update_key_message(store, message.id, expected_version=message.version, text=text)
            return f"Key message {number} saved"

        self.edit(lambda: KeyMessageForm(message.text, number), save)

    def action_move_message(self, step: int) -> None:
        selected = self._selected_message()
        if selected is None or self.settings is None:
            return
        number, message = selected
        target = number + step
        if not 1 <= target <= len(self.settings.key_messages):
            self.notify(f"Key message {number} is already {'first' if step < 0 else 'last'}.")
            return
        self._move(message.id, number, target)

    def action_move_message_to(self) -> None:
        selected = self._selected_message()
        if selected is None or self.settings is None:
            return
        number, message = selected
        count = len(self.settings.key_messages)
        self._messages_table().focus()
        self.edit(lambda: PositionForm(number, count), lambda target: self._moved(message.id, number, target))

    def _move(self, message_id: int, number: int, target: int) -> None:
        self._messages_table().focus()
        self.app.save(lambda: self._moved(message_id, number, target), success=lambda text: text)

    def _moved(self, message_id: int, number: int, target: int) -> str | None:
        from t2025tui.core.services.key_messages import move_key_message

        if target == number:
            return None
        move_key_message(self.store, message_id, target)
        self.message_row = target - 1  # follow the moved message
        return f"Key message {number} moved to {target}"

    def action_remove_message(self) -> None:
        from t2025tui.core.services.key_messages import remove_key_message
        from t2025tui.tui.modals.reason import ReasonPrompt

        selected = self._selected_message()
        if selected is None:
            return
        number, message = selected
        store = self.store
        shown = display_text(message.text)
        question = f"Remove key message {number}: {shown[:50]}{'...' if len(shown) > 50 else ''}?"
        self._messages_table().focus()

        def save(reason: str) -> str:
            remove_key_message(store, message.id, reason, expected_version=message.version)
            return f"Key message {number} removed (ctrl+z undoes)"

        self.edit(lambda: ReasonPrompt(question), save)
