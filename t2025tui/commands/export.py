"""`t2025 export`: write the Futures Board progress pack (.xlsx)."""

from pathlib import Path

from t2025tui.commands.common import date_arg, open_existing
from t2025tui.core.export import ExportError, default_pack_name, export_pack

HELP = "write the Futures Board progress pack (.xlsx)"


def register(subparsers, common):
    parser = subparsers.add_parser(
        "export",
        parents=[common],
        help=HELP,
        description=HELP + ". The file is written in full, checked, "
        "then moved into place, so a failed export never damages an earlier pack.",
    )
    # Checked in run(), not by argparse, so a mistake is one `t2025: error:` line without a usage dump.
    parser.add_argument(
        "--out", metavar="PACK.xlsx", help=f"the .xlsx file to write (e.g. {default_pack_name()})"
    )
    parser.add_argument(
        "--as-of",
        type=date_arg,
        metavar="DATE",
        help="show the programme as it stood at the end of this day (YYYY-MM-DD), rebuilt "
        "from the change log; default: now",
    )
    parser.add_argument(
        "--since",
        type=date_arg,
        metavar="DATE",
        help="list changes made after the end of this day (YYYY-MM-DD); default: the last "
        "Futures Board on or before the as-of date",
    )
    return parser


def run(args) -> int:
    if not args.out:
        raise ExportError(
            f"--out is required: give the .xlsx file to write, e.g. --out {default_pack_name()}"
        )
    as_of, since = args.as_of, args.since
    out = Path(args.out).expanduser()
    store = open_existing(args)
    try:
        result = export_pack(store, out, as_of=as_of, since=since)
    finally:
        store.close()
    framing = f"as at {result.as_of.isoformat()}"
    framing += f", changes since {result.since.isoformat()}" if result.since else ", all recorded changes"
    print(f"Pack written to {result.path} ({framing}; {len(result.sheets)} sheets)")
    return 0
