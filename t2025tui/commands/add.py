"""`t2025 add KIND --field value ...`: a new objective, workstream, milestone, decision, ..."""

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
from t2025tui.core.text import display_text

HELP = "add a record (objective, workstream, project, milestone, meeting, decision, risk, ...)"


def register(subparsers, common):
    return register_verb(subparsers, common, "add", HELP, "--field value ... [--reason TEXT] [--json]")


def run(args) -> int:
    from t2025tui.commands.plan_fields import parse_flags
    from t2025tui.commands.plan_kinds import check_required, read_values

    kind = kind_named(args.kind, "add")
    if wants_help(args.rest):
        print(kind_help(kind, "add"))
        return 0
    rest, as_json = take_json(args.rest)
    given = parse_flags(rest, kind.flags, ("db", "reason"), kind.name)
    pop_db(args, given)
    check_required(kind, given)
    store = open_existing(args)
    try:
        values = read_values(store, kind, given)
        message = kind.add(store, values, given)
        print(outcome_json(store, kind, "add", message) if as_json else display_text(message))
    finally:
        store.close()
    return 0
