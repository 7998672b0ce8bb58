"""What `t2025 add`, `set`, `remove` and `list` share: the KIND argument, the flags after it,
opening the database. Every failure is one `t2025: error:` line, and nothing is written."""

import argparse
import difflib

from t2025tui.core.errors import ValidationError

# The record kinds, as `t2025 add KIND` names them (the same list as commands.plan_kinds.KINDS,
# kept here so that building the parser does not import the services).
KIND_NAMES = (
    "objective",
    "workstream",
    "project",
    "milestone",
    "meeting",
    "decision",
    "key-message",
    "risk",
    "recommendation",
    "finance-line",
    "health-measure",
    "action",
    "issue",
    "lesson",
    "dependency",
)


def register_verb(subparsers, common, verb: str, help_text: str, usage_tail: str):
    parser = subparsers.add_parser(
        verb,
        parents=[common],
        help=help_text,
        description=f"{help_text}. Kinds: {', '.join(KIND_NAMES)}. `t2025 {verb} KIND --help` lists a kind's fields.",
        usage=f"t2025 {verb} KIND {usage_tail}",
        add_help=True,
    )
    parser.add_argument("kind", nargs="?", help="what kind of record")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


# Other names people use for a kind.
ALIASES = {
    "board-meeting": "meeting",
    "board": "meeting",
    "message": "key-message",
    "finance": "finance-line",
    "measure": "health-measure",
}


def kind_named(name: str | None, verb: str):
    """The kind `name` (a plural or any case is taken), or a one-line error listing the kinds."""
    from t2025tui.commands.plan_kinds import KINDS

    if not name:
        raise ValidationError(f"t2025 {verb} needs a KIND: one of {', '.join(KIND_NAMES)}")
    wanted = name.strip().casefold().replace("_", "-").replace(" ", "-")
    for candidate in (wanted, wanted[:-1] if wanted.endswith("s") else wanted, _singular(wanted)):
        candidate = ALIASES.get(candidate, candidate)
        if candidate in KINDS:
            return KINDS[candidate]
    close = difflib.get_close_matches(wanted, KIND_NAMES, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise ValidationError(f"unknown kind {name!r}{hint}; kinds are {', '.join(KIND_NAMES)}")


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word


def wants_help(rest: list[str]) -> bool:
    return any(token in ("-h", "--help") for token in rest)


def kind_help(kind, verb: str) -> str:
    lines = [f"t2025 {verb} {kind.name}: fields"]
    for flag in kind.flags.values():
        detail = flag.help or {
            "date": "YYYY-MM-DD",
            "int": "a whole number",
            "float": "a number",
            "ref": f"a {flag.ref} (t2025 list {flag.ref})",
            "choice": " / ".join(flag.choices),
        }.get(flag.type, "text")
        needed = " (required)" if verb == "add" and flag.name in kind.required else ""
        lines.append(f"  --{flag.name:<22} {detail}{needed}")
    lines.append(f"e.g. {kind.example}")
    return "\n".join(lines)


def pop_db(args, given) -> None:
    """`--db PATH` after KIND is the database, as it is before it."""
    if "db" in given.common:
        args.db = given.common.pop("db")


def take_json(rest: list[str]) -> tuple[list[str], bool]:
    """The tokens without `--json`, and whether it was given (anywhere after KIND)."""
    tokens = [token for token in rest if token != "--json"]
    return tokens, len(tokens) != len(rest)


def outcome_json(store, kind, verb: str, message: str, found=None) -> str:
    """What `add/set/remove --json` print: the record's ref and id, and what the change log
    recorded for the command (the new record's fields; each field changed, old and new; the
    removed record's last values), plus every change-log row it wrote (a move, a closed risk).

    Read back from the change log, so it is what was saved, in the log's own words (columns)."""
    import json

    from t2025tui.core.changes import written_by
    from t2025tui.core.text import escape_unsafe_in_json

    batches = sorted(written_by(store))
    rows = store.query(
        "SELECT batch_id, entity, entity_id, action, field, old, new FROM change_log"
        " WHERE batch_id IN (SELECT value FROM json_each(?)) ORDER BY id",
        (json.dumps(batches),),
    )
    changes = [
        {
            "entity": row["entity"],
            "id": row["entity_id"],
            "action": row["action"],
            "field": row["field"] or None,
            "old": None if row["old"] is None else json.loads(row["old"]),
            "new": None if row["new"] is None else json.loads(row["new"]),
        }
        for row in rows
    ]
    out: dict = {"verb": verb, "kind": kind.name}
    if verb == "add":
        created = next((c for c in changes if c["action"] == "create"), None)
        out["id"] = created["id"] if created else None
        out["ref"] = _ref_of(store, kind.name, out["id"])
        out["fields"] = created["new"] if created else {}
    else:
        out["id"], out["ref"] = found.id, found.shown
        mine = [c for c in changes if c["id"] == found.id]
        if verb == "set":
            out["changed"] = {
                c["field"]: {"old": c["old"], "new": c["new"]} for c in mine if c["action"] == "update"
            }
        else:
            removed = next((c for c in mine if c["action"] == "delete"), None)
            out["removed"] = removed["old"] if removed else {}
    out["message"] = message
    out["batch"] = batches[-1] if batches else None
    out["changes"] = changes
    return escape_unsafe_in_json(json.dumps(out, ensure_ascii=False, indent=2, default=str))


def _ref_of(store, kind_name: str, row_id: int | None) -> str | None:
    from t2025tui.core.queries.refs import candidates

    if row_id is None:
        return None
    return next((c.shown for c in candidates(store, kind_name) if c.id == row_id), None)
