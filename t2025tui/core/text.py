"""Cleaning of user text: what goes into the database never carries control characters."""

import re
import unicodedata

# C0 controls except tab and newline, DEL, and C1 controls: these can move the
# terminal cursor or break spreadsheet XML, and nobody types them on purpose.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 32_000  # below Excel's 32,767 characters a cell, so exports stay exact


def strip_controls(value: str) -> str:
    """Remove control characters; carriage returns become newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(value: str) -> bool:
    # A regex scan, not a per-character loop: this runs on every text field of every write.
    return _SURROGATE.search(value) is not None


def clean_text(value: str, *, max_length: int, single_line: bool) -> str:
    """Return the text as it will be stored, or raise ValueError saying why not."""
    if has_lone_surrogate(value):
        raise ValueError("contains an invalid character (a lone surrogate); retype the text")
    value = strip_controls(value)
    if single_line:
        value = " ".join(value.split("\n"))
    value = unicodedata.normalize("NFC", value)
    if len(value) > max_length:
        raise ValueError(f"is {len(value):,} characters long; the limit is {max_length:,}")
    return value


def display_text(value: object) -> str:
    """Text safe to put on a terminal: no control characters, nothing interpreted."""
    if value is None:
        return ""
    # Bidirectional formatting characters go too (see _OUTPUT_UNSAFE): they reorder what follows.
    return clean_output(strip_controls(str(value))).replace("\n", " ")


# What a terminal must never be sent: the controls above (tab and newline are layout, and a
# carriage return could overwrite a line) and the bidirectional formatting characters, which
# reorder what is shown (U+202E turns "gpj.exe" into "exe.jpg").
_OUTPUT_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_output(text: str) -> str:
    """Text a command may print: every character that could steer the terminal removed, lines kept."""
    return _OUTPUT_UNSAFE.sub("", text)


def escape_unsafe_in_json(text: str) -> str:
    """JSON whose strings keep every character, but written as `\\uXXXX` where it could steer a
    terminal; JSON allows those characters only inside strings, so this changes no value."""
    return _OUTPUT_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def column_words(column: str) -> str:
    """A column's name as words: `rag_reason` -> "RAG reason", `forecast_date` -> "forecast date"."""
    return " ".join("RAG" if word == "rag" else word for word in column.split("_"))
