"""`t2025 dump`: the whole programme, with its history, as JSON."""

import sys
from pathlib import Path

from t2025tui.commands.common import open_existing, write_private_text
from t2025tui.core.database_files import refuse_database_target

HELP = "write the whole programme (and its change log) as JSON"


def register(subparsers, common):
    parser = subparsers.add_parser("dump", parents=[common], help=HELP, description=HELP)
    parser.add_argument("--out", type=Path, help="JSON file to write (default: standard output)")
    return parser


def run(args) -> int:
    from t2025tui.core.dump import dump_json  # pydantic is loaded only when a command needs it

    store = open_existing(args)
    try:
        if args.out:
            refuse_database_target(args.out, store.path, what="a dump")
        text = dump_json(store)
    finally:
        store.close()
    if args.out:
        write_private_text(args.out, text)
        print(f"Wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0
