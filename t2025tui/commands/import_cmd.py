"""`t2025 import risks|plan|updates FILE.xlsx`: preview, then apply in one transaction."""

import argparse
import sys
from pathlib import Path

from t2025tui.commands.common import open_existing

LISTED_ROWS = 100
HELP = (
    "import a risk log, a plan (RAG tracker), or the Futures Board pack returned with updates (preview first)"
)


def register(subparsers, common):
    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help=HELP,
        description=HELP,
        epilog="Examples: t2025 import risks 'SIT Risk Log V6 March 2022.xlsx' --dry-run; "
        "t2025 import plan 'RAG tracker.xlsx'; t2025 import updates pack-returned.xlsx",
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    risks = kinds.add_parser(
        "risks",
        parents=[common],
        help="a risk log (.xlsx or .csv): new risks are created, risks with a known ref updated",
    )
    plan = kinds.add_parser(
        "plan",
        parents=[common],
        help="a plan kept in an Excel RAG tracker (.xlsx or .csv): missing workstreams and projects are "
        "created, milestones created or updated",
    )
    risks.add_argument("--sheet", metavar="NAME", help="the sheet holding the risk table (default: found)")
    plan.add_argument("--sheet", metavar="NAME", help="read only this sheet (default: every visible sheet)")
    for sub in (risks, plan):
        sub.add_argument(
            "--map-workstream",
            action="append",
            metavar="OLD=NEW",
            help='read a workstream name as another for this import, e.g. "Old name=FCR" or '
            '"Corporate=Programme" (repeatable)',
        )
    risks.add_argument(
        "--map-column",
        action="append",
        metavar="COLUMN=MEANING",
        help='give a column (letter or header) another meaning, e.g. "K=actions", "Contingency=ignore", '
        '"M=keep" (kept in the notes); repeatable',
    )
    updates = kinds.add_parser(
        "updates",
        parents=[common],
        help="the Futures Board pack after leads "
        "edited RAG, reasons, commentary, dates and recommendation statuses",
    )
    for sub in (risks, plan, updates):
        sub.add_argument("file", type=Path, metavar="FILE.xlsx")
        sub.add_argument("--dry-run", action="store_true", help="show the preview only; write nothing")
        sub.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows even if some are invalid (they are listed)",
        )
        sub.add_argument(
            "--all",
            action="store_true",
            dest="list_all",
            help=f"list every row to create or change (default: the first {LISTED_ROWS}; "
            "invalid rows and conflicts are always listed)",
        )
    return parser


def _mapping(pairs, option: str) -> dict[str, str]:
    from t2025tui.core.importers.safety import ImportRefused
    from t2025tui.core.importers.values import CellError
    from t2025tui.core.importers.workstreams import parse_mapping

    try:
        return parse_mapping(pairs, option)
    except CellError as exc:
        raise ImportRefused(str(exc)) from None


def build_preview(store, args: argparse.Namespace):
    if args.import_kind == "risks":
        from t2025tui.core.importers.risk_log import preview_risks

        return preview_risks(
            store,
            args.file,
            sheet=args.sheet,
            columns=_mapping(args.map_column, "--map-column"),
            workstreams=_mapping(args.map_workstream, "--map-workstream"),
        )
    if args.import_kind == "plan":
        from t2025tui.core.importers.plan import preview_plan

        return preview_plan(
            store, args.file, sheet=args.sheet, workstreams=_mapping(args.map_workstream, "--map-workstream")
        )
    from t2025tui.core.importers.updates import preview_updates

    return preview_updates(store, args.file)


def run(args: argparse.Namespace) -> int:
    from t2025tui.core.importers.apply import apply_preview

    store = open_existing(args)
    try:
        preview = build_preview(store, args)
        for line in preview.lines(limit=None if args.list_all else LISTED_ROWS):
            print(line)
        invalid = len(preview.invalid)
        if args.dry_run:
            if invalid and not args.skip_invalid:
                print(
                    f"Dry run: nothing was written. {invalid} invalid row(s) would stop this import; "
                    "fix them, or add --skip-invalid to import the rest."
                )
                return 1
            print("Dry run: nothing was written.")
            return 0
        if not preview.to_write and (not invalid or args.skip_invalid):
            print(preview.nothing_to_write())
            return 0
        result = apply_preview(store, preview, skip_invalid=args.skip_invalid)
        print(result.message(preview.file_name))
        if result.batch_id is not None:
            print("Undo it in the app with ctrl+z, or see it with: t2025 history")
        sys.stdout.flush()
        return 0
    finally:
        store.close()
