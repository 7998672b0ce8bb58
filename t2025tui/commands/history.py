"""`t2025 history`: the append-only change log."""

from t2025tui.commands.common import date_arg, open_existing, positive_int
from t2025tui.core.queries.lists import history
from t2025tui.core.text import display_text

HELP = "print the change log (newest first)"


def register(subparsers, common):
    parser = subparsers.add_parser("history", parents=[common], help=HELP, description=HELP)
    parser.add_argument("--since", type=date_arg, help="only changes on or after this date (YYYY-MM-DD)")
    parser.add_argument(
        "--limit", type=positive_int, default=1000, help="at most this many rows, 1 or more (default 1000)"
    )
    return parser


def describe(row: dict) -> str:
    from t2025tui.core.changes import decode  # keeps pydantic out of `t2025`'s start-up

    if row["action"] == "update":
        what = f"{row['field']}: {_short(decode(row['old']))} -> {_short(decode(row['new']))}"
    else:
        what = "created" if row["action"] == "create" else "deleted"
    reason = f" (reason: {row['reason']})" if row["reason"] else ""
    # Undo and redo rows say so, or they would read as fresh edits.
    marker = f"[{row['batch_action']}] " if row.get("batch_action") in ("undo", "redo", "import") else ""
    who = f"  {row['who']}" if row.get("who") else ""
    return display_text(
        f"{row['at'][:16]}  #{row['batch_id']}{who}  {marker}{row['entity']} {row['entity_label']}: {what}{reason}"
    )


def _short(value) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def run(args) -> int:
    store = open_existing(args)
    try:
        rows = history(store, since=args.since.isoformat() if args.since else None, limit=args.limit)
        for row in rows:
            print(describe(row))
        if not rows:
            print("No changes recorded" + (f" since {args.since.isoformat()}" if args.since else "") + ".")
    finally:
        store.close()
    return 0
