"""`t2025 init`: create a database with the embedded T2025 programme, or an empty one."""

from pathlib import Path

from t2025tui.commands.common import db_path
from t2025tui.core.errors import ValidationError
from t2025tui.core.store import Store, create_filled_store

HELP = "create a database: the embedded T2025 programme, or --empty for another programme"


def register(subparsers, common):
    parser = subparsers.add_parser(
        "init", parents=[common], help=HELP, description=HELP + ". Refuses to overwrite."
    )
    parser.add_argument("--empty", action="store_true", help="create an empty programme instead of T2025")
    parser.add_argument("--name", help="programme name (with --empty)")
    parser.add_argument("--organisation", default="", help="organisation, e.g. the force (with --empty)")
    return parser


def create_programme(path: Path, *, empty_name: str | None = None, organisation: str = "") -> Store:
    """A new database at `path`: the embedded T2025 programme, or an empty one named `empty_name`."""
    # Imported here: the models and validators they pull in are not needed to start the app.
    from t2025tui.core.changes import edit
    from t2025tui.core.seed import seed_t2025

    def fill(store: Store) -> None:
        if empty_name is None:
            seed_t2025(store)
        else:
            with edit(store, f"New programme {empty_name}", action="seed", undoable=False) as change:
                change.insert("programme", {"id": 1, "name": empty_name, "organisation": organisation})

    return create_filled_store(path, fill)


def run(args) -> int:
    if args.empty and not args.name:
        raise ValidationError("--empty needs --name NAME, e.g. t2025 init --empty --name 'Change Programme'")
    if args.name and not args.empty:
        raise ValidationError("--name is only used with --empty; run t2025 init --empty --name NAME")
    path = db_path(args)
    store = create_programme(
        path, empty_name=args.name if args.empty else None, organisation=args.organisation
    )
    try:
        if args.empty:
            from t2025tui.core.queries.first_steps import next_step

            step = next_step(store)
            print(f"Created an empty programme '{args.name}' in {path}")
            if step is not None:
                print(f"First: {step.what.lower()}, in the app or with: {step.command}")
        else:
            print(f"Created the T2025 programme (as at 15 March 2022) in {path}")
    finally:
        store.close()
    return 0
