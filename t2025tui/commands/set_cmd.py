"""`t2025 set KIND REF --field value ... [--reason TEXT]`: change a record named by its ref."""

from t2025tui.commands.common import open_existing
from t2025tui.commands.plan_verbs import (
    kind_help,
    kind_named,
    outcome_json,
    pop_db,
    register_verb,
    take_json,
    wants_help,
)
from t2025tui.core.errors import ValidationError
from t2025tui.core.text import display_text

HELP = "change a record: t2025 set milestone FCR-M03 --forecast 2022-07-31 --reason '...'"


def register(subparsers, common):
    return register_verb(subparsers, common, "set", HELP, "REF --field value ... [--reason TEXT] [--json]")


def run(args) -> int:
    from t2025tui.commands.plan_fields import parse_flags
    from t2025tui.commands.plan_kinds import find, one_own_change, read_values

    kind = kind_named(args.kind, "set")
    if wants_help(args.rest):
        print(kind_help(kind, "set"))
        return 0
    rest, as_json = take_json(args.rest)
    if not rest or rest[0].startswith("--"):
        raise ValidationError(
            f"t2025 set {kind.name} needs the record's ref first, e.g. t2025 set {kind.name} REF --field value"
        )
    ref, tokens = rest[0], rest[1:]
    given = parse_flags(tokens, kind.flags, ("db", "reason"), kind.name)
    pop_db(args, given)
    if not given.values and not given.lists:
        raise ValidationError(
            f"nothing to set: give a field, e.g. {', '.join('--' + f for f in list(kind.flags)[:4])}"
        )
    store = open_existing(args)
    try:
        found = find(store, kind, ref)
        values = read_values(store, kind, given)
        one_own_change(kind, values)
        message = kind.set(store, found, values, given.common.get("reason", ""), given)
        print(outcome_json(store, kind, "set", message, found) if as_json else display_text(message))
    finally:
        store.close()
    return 0
