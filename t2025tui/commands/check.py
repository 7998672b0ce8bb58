"""`t2025 check`: integrity, foreign keys, schema version, and how many of each record;
`--repair` writes a sound copy of a file SQLite can still read whole."""

from pathlib import Path

from t2025tui.commands.common import db_path, open_existing
from t2025tui.core.queries.lists import record_counts
from t2025tui.core.search_index import rebuild_index
from t2025tui.core.store import integrity_report, recovered_copy_path, schema_version, write_recovered_copy
from t2025tui.core.timetravel import clock_skew_warnings

HELP = "check the database (quick_check, foreign keys, schema version, search index) and count its records"


def register(subparsers, common):
    parser = subparsers.add_parser(
        "check", parents=[common], help=HELP, description=HELP + "; exits 1 on any problem."
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help="write what SQLite reads (its write-ahead log replayed) to a new, checked copy beside the "
        "database, e.g. when t2025 says the header is only in the log; the database is only read",
    )
    parser.add_argument("--out", type=Path, help="with --repair: where to write the copy (must not exist)")
    parser.add_argument(
        "--rebuild-search",
        action="store_true",
        help="build the search index again from the records (when the check says it does not match), then check",
    )
    return parser


def run(args) -> int:
    if args.repair:
        path = db_path(args)
        copy = write_recovered_copy(path, args.out or recovered_copy_path(path))
        print(f"Wrote a checked copy of {path} to {copy}.")
        print(f"Check it with: t2025 check --db {copy}; then use it in place of the damaged file.")
        return 0
    store = open_existing(args, check=True)
    try:
        if args.rebuild_search:
            with store.write() as conn:
                rebuilt = rebuild_index(conn)
            print(f"Rebuilt the search index ({rebuilt} tables).")
        problems = integrity_report(store, checked=True)
        print(f"Database: {store.path}")
        print(f"Schema version: {schema_version(store)}")
        for table, count in record_counts(store).items():
            print(f"  {table:<17} {count:>9,}")
        for problem in problems:
            print(f"PROBLEM: {problem}")
        for warning in clock_skew_warnings(store):
            print(f"WARNING: {warning}")
        print("OK" if not problems else f"{len(problems)} problem(s) found")
        return 0 if not problems else 1
    finally:
        store.close()
