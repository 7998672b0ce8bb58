"""`t2025 undo [--batch N] [--yes] [--redo]`: undo your latest change, or a named one."""

from t2025tui.commands.common import open_existing, positive_int
from t2025tui.core.errors import T2025Error
from t2025tui.core.text import display_text

HELP = "undo your latest change (the latest made under your name), or change --batch N"


def register(subparsers, common):
    parser = subparsers.add_parser("undo", parents=[common], help=HELP, description=HELP)
    parser.add_argument(
        "--batch", type=positive_int, metavar="N", help="the change to undo (its #N in `t2025 history`)"
    )
    parser.add_argument("--yes", action="store_true", help="undo it even though someone else made it")
    parser.add_argument("--redo", action="store_true", help="instead, redo what your latest undo reversed")
    return parser


def run(args) -> int:
    from t2025tui.core.services.undo import OthersChangeError, redo, undo, yours

    store = open_existing(args)
    try:
        if args.redo:
            if args.batch is not None:
                raise T2025Error("--redo takes no --batch: it redoes what your latest undo reversed")
            print(display_text(redo(store)))
            return 0
        try:
            print(display_text(undo(store, batch_id=args.batch, confirmed=args.yes)))
        except OthersChangeError as exc:
            raise T2025Error(
                f"change {args.batch} ({exc.what}) was made by {exc.who} at {exc.at}, not by you "
                f"({yours(store).who}); to undo it anyway, run: t2025 undo --batch {args.batch} --yes"
            ) from None
    finally:
        store.close()
    return 0
