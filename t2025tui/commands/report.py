"""`t2025 report`: write the Audit Committee progress report (.docx)."""

from pathlib import Path

from t2025tui.commands.common import date_arg, open_existing
from t2025tui.core.export import ExportError
from t2025tui.core.report import default_report_name, export_report

HELP = "write the Audit Committee progress report (.docx)"


def register(subparsers, common):
    parser = subparsers.add_parser(
        "report",
        parents=[common],
        help=HELP,
        description=HELP + ", from the records and the report text sections. The file is written "
        "in full, checked, then moved into place, so a failed write never damages an earlier report.",
    )
    # Checked in run(), not by argparse, so a mistake is one `t2025: error:` line without a usage dump.
    parser.add_argument(
        "--out", metavar="REPORT.docx", help=f"the .docx file to write (e.g. {default_report_name()})"
    )
    parser.add_argument(
        "--as-of",
        type=date_arg,
        metavar="DATE",
        help="report the programme as it stood at the end of this day (YYYY-MM-DD), rebuilt from the "
        "change log; default: today",
    )
    parser.add_argument(
        "--since",
        type=date_arg,
        metavar="DATE",
        help="the period reported starts after the end of this day (YYYY-MM-DD), e.g. the last "
        "committee; default: three months before the as-of date",
    )
    parser.add_argument(
        "--template",
        metavar="STYLES.docx",
        help="a Word document in house style: its headings, body, table style and page set-up are used",
    )
    return parser


def run(args) -> int:
    if not args.out:
        raise ExportError(
            f"--out is required: give the .docx file to write, e.g. --out {default_report_name()}"
        )
    as_of, since = args.as_of, args.since
    out = Path(args.out).expanduser()
    store = open_existing(args)
    try:
        result = export_report(store, out, as_of=as_of, since=since, template=args.template)
    finally:
        store.close()
    styled = f"; styles from {result.template}" if result.template else ""
    print(
        f"Report written to {result.path} (as at {result.as_of.isoformat()}, period after "
        f"{result.since.isoformat()}; {result.workstreams} workstreams{styled})"
    )
    return 0
