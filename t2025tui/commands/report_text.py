"""`t2025 report-text`: list, show or set the committee report's text sections."""

import sys
from pathlib import Path

from t2025tui.commands.common import open_existing
from t2025tui.core.errors import ValidationError
from t2025tui.core.report.sections import SECTION_KEYS, WORKSTREAM_SECTION
from t2025tui.core.services.report_text import report_texts, set_report_text
from t2025tui.core.text import display_text

HELP = "list, show or set the committee report's text sections (purpose, background, ...)"


def register(subparsers, common):
    parser = subparsers.add_parser(
        "report-text",
        parents=[common],
        help=HELP,
        description=HELP + ". Each set is one logged, undoable edit.",
        epilog="Examples: t2025 report-text; t2025 report-text purpose; "
        "t2025 report-text workstream --workstream FCR --from fcr.txt",
    )
    # Checked in run(), not by argparse, so a mistake is one `t2025: error:` line without a usage dump.
    parser.add_argument("section", nargs="?", metavar="SECTION", help=f"one of: {', '.join(SECTION_KEYS)}")
    parser.add_argument("--workstream", metavar="CODE", help="the workstream (for the section 'workstream')")
    parser.add_argument(
        "--from", dest="source", metavar="FILE", help="set the text from this UTF-8 file ('-': stdin)"
    )
    parser.add_argument("--reason", default="", help="why, recorded in the change log")
    return parser


def run(args) -> int:
    store = open_existing(args)
    try:
        rows = report_texts(store)
        if args.section is None:
            for row in rows:
                name = f" --workstream {row['workstream_code']}" if row["workstream_id"] is not None else ""
                first = row["body"].strip().split("\n", 1)[0]
                summary = f"{len(row['body']):,} characters: {first[:60]}" if first else "(not written)"
                print(display_text(f"{row['section']}{name}  {summary}"))
            return 0
        row = _find(rows, args.section, args.workstream)
        if args.source is None:
            sys.stdout.write(row["body"] + ("\n" if row["body"] and not row["body"].endswith("\n") else ""))
            return 0
        text = _read(args.source)
        changed = set_report_text(
            store,
            row["section"],
            text,
            workstream_id=row["workstream_id"],
            expected_version=row["version"],
            reason=args.reason,
        )
        print(f"Report text {args.section} {'saved' if changed else 'unchanged'}.")
        return 0
    finally:
        store.close()


def _find(rows: list[dict], section: str, code: str | None) -> dict:
    if section not in SECTION_KEYS:
        raise ValidationError(f"unknown report section {section!r}; choose one of {', '.join(SECTION_KEYS)}")
    if section == WORKSTREAM_SECTION and not code:
        raise ValidationError("the section 'workstream' needs --workstream CODE (e.g. --workstream FCR)")
    if section != WORKSTREAM_SECTION and code:
        raise ValidationError(f"--workstream applies only to the section 'workstream', not {section!r}")
    for row in rows:
        if row["section"] == section and (code is None or row["workstream_code"] == code):
            return row
    raise ValidationError(f"no workstream with the code {code!r}; `t2025 report-text` lists them")


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source).expanduser()
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(f"--from {path}: no such file.") from None
    except IsADirectoryError:
        raise ValidationError(f"--from {path} is a folder; give a text file.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"--from {path} is not UTF-8 text; save it as UTF-8 and retry.") from None
    except OSError as exc:
        raise ValidationError(f"--from {path} cannot be read: {exc.strerror or exc}.") from None
