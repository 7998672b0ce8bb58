"""Helpers shared by the subcommands: opening the database the user pointed at."""

import argparse
import sys
from datetime import date
from pathlib import Path

from t2025tui.core.atomic_file import write_atomically
from t2025tui.core.dates import parse_iso_date
from t2025tui.core.errors import StoreError
from t2025tui.core.location import unsafe_location_warning
from t2025tui.core.paths import resolve_db_path
from t2025tui.core.store import Store, open_store
from t2025tui.core.text import display_text


def db_path(args: argparse.Namespace) -> Path:
    """The database the user pointed at; warns on stderr if it is on a network or synced folder."""
    path = resolve_db_path(getattr(args, "db", None))
    warning = unsafe_location_warning(path)
    if warning:
        print(f"t2025: {display_text(warning)}", file=sys.stderr)
    return path


def open_existing(args: argparse.Namespace, *, check: bool | None = None) -> Store:
    """Open the database the user pointed at; `check` as in `open_store` (default: the header,
    identity and version only, and a full check after an unclean shutdown)."""
    path = db_path(args)
    if not path.exists():
        raise StoreError(f"No database at {path}. Create one with: t2025 init --db {path}")
    return open_store(path, check=check)


def date_arg(text: str) -> date:
    """argparse type for YYYY-MM-DD options."""
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# The largest count SQLite takes as a LIMIT; anything larger is a typing mistake, not a wish.
MAX_COUNT = 2**63 - 1


def positive_int(text: str) -> int:
    """argparse type for counts such as --limit: a whole number from 1 up."""
    try:
        value = int(text.strip().replace("_", ""), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; give a count such as 50") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a count; give a whole number from 1 up")
    if value > MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{text} is too large; give a whole number up to {MAX_COUNT:,}")
    return value


def write_private_text(path: Path, text: str) -> None:
    """Write a file 0600 via a temporary file in the same folder, so a failure leaves no half file."""

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8", newline="")  # the same bytes on every system

    try:
        write_atomically(path, write, keep_mode=False)
    except OSError as exc:
        raise StoreError(f"Could not write {path}: {exc.strerror or exc}. Nothing was written.") from None
