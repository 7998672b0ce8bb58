"""The programme settings' forms: one setting at a time (the two risk bands together), a key
message, and a key message's place in the list."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from t2025tui.core.dates import parse_user_date
from t2025tui.core.errors import ValidationError
from t2025tui.core.queries.settings import RAG_DEFINITIONS_3, RAG_DEFINITIONS_5
from t2025tui.core.text import LONG_TEXT_MAX
from t2025tui.tui.modals.changed_fields import changed_fields
from t2025tui.tui.modals.form import Field, Form

# The Government Security Classifications' markings, as a force marks its papers.
MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")
FOLLOW_WORDS = ("", "today", "follow", "follow today")
SCALES = (("3-point (RAG)", 3), ("5-point (IPA)", 5))
SCALE_NAMES = {3: "3-point: Red, Amber, Green", 5: "5-point: IPA delivery confidence assessment"}


def scale_definitions(scale: int) -> Text:
    """Each level of the scale with what it means (the IPA's definitions for the 5-point one)."""
    definitions = RAG_DEFINITIONS_5 if scale == 5 else RAG_DEFINITIONS_3
    text = Text()
    for level, meaning in definitions.items():
        if text:
            text.append("\n")
        text.append(f"{level}: ", style="bold")
        text.append(meaning)
    return text


class StatusDateField(Field):
    """A fixed status date, or none ("today", or blank) to follow the calendar's today; the hint
    says which was understood, so `+4w` is seen to mean a date before it is saved."""

    def convert(self, text: str) -> date | None:
        stripped = text.strip()
        if stripped.lower() in FOLLOW_WORDS:
            return None
        return parse_user_date(stripped, base=self.base)

    def hint_for(self, text: str) -> str:
        try:
            value = self.convert(text)
        except ValueError:
            return self.hint
        understood = "= follow the calendar's today" if value is None else f"= fixed at {value:%a %d %b %Y}"
        return f"{understood}   {self.hint}"


class SettingsForm(Form[dict]):
    """A setting (or the two risk bands) of the programme; dismisses only the changed values."""

    def __init__(self, title: str, form_fields: list[Field], current: dict[str, Any], intro: Text | str = ""):
        self.title_text = title
        self.declared = form_fields
        self.current = current
        super().__init__()
        self.intro_text = str(intro)
        self.intro_rich = intro

    def fields(self) -> list[Field]:
        return self.declared

    def on_mount(self) -> None:
        if self.intro_rich:
            self.set_intro(self.intro_rich)

    def field_changed(self, name: str, value: Any) -> None:
        if name == "rag_scale" and value in (3, 5):
            self.set_intro(scale_definitions(value))

    def check(self, values: dict[str, Any]) -> None:
        amber, red = values.get("band_amber_min"), values.get("band_red_min")
        if amber is not None and red is not None and amber >= red:
            raise ValidationError(
                f"Amber must start below Red (Amber from {amber}, Red from {red}); e.g. 5 and 15",
                "band_red_min",
            )

    def build(self, values: dict[str, Any]) -> dict:
        return changed_fields(self.current, values)


class KeyMessageForm(Form[str]):
    """A key message's text; dismisses it (stripped)."""

    def __init__(self, text: str | None = None, number: int | None = None):
        self.text = text
        self.title_text = f"Key message {number}" if number else "New key message"
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field(
                "text",
                "Message",
                value=self.text,
                required=True,
                what="the message",
                max_length=LONG_TEXT_MAX,
                hint="figures in braces are filled in at export, e.g. {signed_off} of {recommendations}",
            )
        ]

    def build(self, values: dict[str, Any]) -> str:
        return values["text"]


class PositionForm(Form[int]):
    """Where in the list a key message goes (1 is first)."""

    def __init__(self, current: int, count: int):
        self.current = current
        self.count = count
        self.title_text = f"Move key message {current}"
        super().__init__()

    def fields(self) -> list[Field]:
        return [
            Field(
                "position",
                "New position",
                "int",
                self.current,
                required=True,
                minimum=1,
                maximum=self.count,
                what="the position",
                hint=f"1 (first) to {self.count} (last)",
            )
        ]

    def build(self, values: dict[str, Any]) -> int:
        return int(values["position"])
