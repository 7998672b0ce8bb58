"""Cleaning of user text: what goes into the database never carries control characters."""

import re
import unicodedata

# C0 controls except tab and newline, DEL, and C1 controls: these can move the
# terminal cursor or break spreadsheet XML, and nobody types them on purpose.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Bidirectional formatting characters (embeddings, overrides, isolates, marks): on a terminal
# they reverse or reorder what follows them (U+202E shows "gnp.exe" for "exe.png").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

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
    return _BIDI.sub("", strip_controls(str(value))).replace("\n", " ")
