"""`t2025 list KIND [--json]`: the records of one kind with their refs and key fields."""

import json

from t2025tui.commands.common import open_existing
from t2025tui.commands.plan_verbs import kind_named, pop_db, register_verb
from t2025tui.core.text import display_text, escape_unsafe_in_json

HELP = "list the records of a kind (refs, names, key fields); --json for scripts"


def register(subparsers, common):
    return register_verb(subparsers, common, "list", HELP, "[--json]")


def run(args) -> int:
    from t2025tui.commands.plan_fields import parse_flags

    kind = kind_named(args.kind, "list")
    tokens = [t for t in args.rest if t != "--json"]
    as_json = len(tokens) != len(args.rest)
    given = parse_flags(tokens, {}, ("db",), kind.name)
    pop_db(args, given)
    store = open_existing(args)
    try:
        rows = kind.rows(store)
    finally:
        store.close()
    if as_json:
        # One row a line, written as it goes: 100,000 milestones as one indented document took
        # 400 MiB to build.
        print("[")
        for number, row in enumerate(rows):
            print(
                ("  " if number == 0 else ", ") + escape_unsafe_in_json(json.dumps(row, ensure_ascii=False))
            )
        print("]")
        return 0
    if not rows:
        print(f"No {kind.name.replace('-', ' ')}s yet; add one with: {kind.example}")
        return 0
    print(table(rows))
    return 0


def table(rows: list[dict], width: int = 40) -> str:
    """Rows as aligned columns, each cell one line and at most `width` characters."""
    columns = list(rows[0])
    cells = [[_cell(row[c], width) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(display_text(line) for line in lines)


def _cell(value, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 3] + "..."
