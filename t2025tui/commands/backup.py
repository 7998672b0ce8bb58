"""`t2025 backup`: a consistent copy through SQLite's backup API."""

from pathlib import Path

from t2025tui.commands.common import open_existing
from t2025tui.core.store import backup, default_backup_path

HELP = "write a consistent copy of the database (default: a dated file in backups/ beside it)"


def register(subparsers, common):
    parser = subparsers.add_parser("backup", parents=[common], help=HELP, description=HELP)
    parser.add_argument("--out", type=Path, help="where to write the copy (must not exist)")
    return parser


def run(args) -> int:
    store = open_existing(args, check=True)  # a backup of a damaged file would be damaged too
    try:
        assert store.path is not None  # opened from a file
        print(backup(store, args.out or default_backup_path(store.path)))
    finally:
        store.close()
    return 0
