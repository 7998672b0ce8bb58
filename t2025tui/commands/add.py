"""`t2025 add KIND --field value ...`: a new objective, workstream, milestone, decision, ..."""

from t2025tui.commands.common import open_existing
from t2025tui.commands.plan_verbs import kind_help, kind_named, pop_db, register_verb, wants_help
from t2025tui.core.text import display_text

HELP = "add a record (objective, workstream, project, milestone, meeting, decision, risk, ...)"


def register(subparsers, common):
    return register_verb(subparsers, common, "add", HELP, "--field value ... [--reason TEXT]")


def run(args) -> int:
    from t2025tui.commands.plan_fields import parse_flags
    from t2025tui.commands.plan_kinds import check_required, read_values

    kind = kind_named(args.kind, "add")
    if wants_help(args.rest):
        print(kind_help(kind, "add"))
        return 0
    given = parse_flags(args.rest, kind.flags, ("db", "reason"), kind.name)
    pop_db(args, given)
    check_required(kind, given)
    store = open_existing(args)
    try:
        values = read_values(store, kind, given)
        print(display_text(kind.add(store, values, given)))
    finally:
        store.close()
    return 0
