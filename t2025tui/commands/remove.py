"""`t2025 remove KIND REF --reason TEXT [--move-to REF]`: remove a record (undoable, logged)."""

from t2025tui.commands.common import open_existing
from t2025tui.commands.plan_verbs import (
    kind_named,
    outcome_json,
    pop_db,
    register_verb,
    take_json,
    wants_help,
)
from t2025tui.core.errors import ValidationError
from t2025tui.core.text import display_text

HELP = "remove a record, with a reason; --move-to moves what depends on it (undo: ctrl+z in the app)"


def register(subparsers, common):
    return register_verb(subparsers, common, "remove", HELP, "REF --reason TEXT [--move-to REF] [--json]")


def run(args) -> int:
    from t2025tui.commands.plan_fields import parse_flags
    from t2025tui.commands.plan_kinds import find
    from t2025tui.core.queries.refs import resolve

    kind = kind_named(args.kind, "remove")
    if wants_help(args.rest):
        print(
            f"t2025 remove {kind.name} REF --reason TEXT"
            + (f" [--move-to {kind.moves.upper()}]" if kind.moves else "")
        )
        return 0
    rest, as_json = take_json(args.rest)
    if not rest or rest[0].startswith("--"):
        raise ValidationError(
            f"t2025 remove {kind.name} needs the record's ref, e.g. t2025 remove {kind.name} REF --reason '...'"
        )
    ref, tokens = rest[0], rest[1:]
    given = parse_flags(tokens, {}, ("db", "reason", "move-to"), kind.name)
    pop_db(args, given)
    reason = given.common.get("reason", "").strip()
    if not reason:
        raise ValidationError(f"a reason is required to remove a {kind.name}: add --reason TEXT")
    if "move-to" in given.common and not kind.moves:
        raise ValidationError(f"--move-to: nothing depends on a {kind.name}, so there is nothing to move")
    store = open_existing(args)
    try:
        found = find(store, kind, ref)
        move_to = (
            resolve(store, kind.moves, given.common["move-to"]).id if "move-to" in given.common else None
        )
        message = kind.remove(store, found, reason, move_to)
        print(outcome_json(store, kind, "remove", message, found) if as_json else display_text(message))
    finally:
        store.close()
    return 0
