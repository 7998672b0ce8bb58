"""`t2025 check`: integrity, foreign keys, schema version, and how many of each record."""

from t2025tui.commands.common import open_existing
from t2025tui.core.queries.lists import record_counts
from t2025tui.core.store import integrity_report, schema_version

HELP = "check the database (quick_check, foreign keys, schema version) and count its records"


def register(subparsers, common):
    return subparsers.add_parser(
        "check", parents=[common], help=HELP, description=HELP + "; exits 1 on any problem."
    )


def run(args) -> int:
    store = open_existing(args)
    try:
        problems = integrity_report(store)
        print(f"Database: {store.path}")
        print(f"Schema version: {schema_version(store)}")
        for table, count in record_counts(store).items():
            print(f"  {table:<17} {count:>9,}")
        for problem in problems:
            print(f"PROBLEM: {problem}")
        print("OK" if not problems else f"{len(problems)} problem(s) found")
        return 0 if not problems else 1
    finally:
        store.close()
