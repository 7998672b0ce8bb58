"""`t2025 find TEXT [--kind K] [--limit N] [--json]`: find any record by its words, or by the
reasons given for its changes, best match first."""

import json

from t2025tui.commands.common import open_existing, positive_int
from t2025tui.core.errors import ValidationError
from t2025tui.core.text import display_text

HELP = "find records by their words or the reasons for their changes (best first); --json for scripts"
# The kinds a search can find (core/queries/search.py KINDS; listed here so --help costs no import).
KINDS = (
    "workstream",
    "project",
    "milestone",
    "risk",
    "issue",
    "action",
    "decision",
    "lesson",
    "recommendation",
    "note",
)


def register(subparsers, common):
    parser = subparsers.add_parser(
        "find",
        parents=[common],
        help=HELP,
        description=HELP + '. Words match the start of words; "a phrase", OR, NOT and word* work too.',
        epilog="Text starting with - goes after --, e.g. t2025 find -- -M03",
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the words to look for")
    parser.add_argument(
        "--kind",
        action="append",
        choices=KINDS,
        metavar="KIND",
        help=f"only this kind (may repeat): {', '.join(KINDS)}",
    )
    parser.add_argument(
        "--limit", type=positive_int, default=20, help="at most this many results (default 20, up to 500)"
    )
    parser.add_argument("--json", action="store_true", help="the results as JSON")
    return parser


def run(args) -> int:
    from t2025tui.core.queries.search import MAX_LIMIT, search, words_expression

    text = " ".join(args.text)
    if words_expression(text) is None:
        raise ValidationError(
            f"{text.strip()!r} has no words to look for; give one, e.g. t2025 find supplier delay"
        )
    if args.limit > MAX_LIMIT:
        raise ValidationError(f"--limit {args.limit} is more than {MAX_LIMIT}; give {MAX_LIMIT} or fewer")
    store = open_existing(args)
    try:
        hits = search(store, text, kinds=tuple(args.kind) if args.kind else None, limit=args.limit)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "kind": h.kind,
                "id": h.id,
                "ref": h.ref,
                "title": h.title,
                "found_in": h.found_in,
                "snippet": h.snippet,
                "marks": [list(mark) for mark in h.marks],
                "exists": h.exists,
            }
            for h in hits
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"Nothing found for {text.strip()!r}.")
        return 0
    for hit in hits:
        ref = f"{hit.ref}  " if hit.ref else ""
        gone = "  (removed)" if not hit.exists else ""
        print(display_text(f"{hit.kind:<14} {ref}{_short(hit.title)}{gone}  (in {hit.found_in})"))
        print(display_text(f"{'':14} {hit.marked_snippet}"))
    return 0


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
