"""`t2025 summary`: the programme status as plain text."""

from t2025tui.commands.common import open_existing
from t2025tui.core.queries.summary import summary_text
from t2025tui.core.text import display_text

HELP = "print the programme status: RAGs, workstreams, milestones, recommendations, finance, conclusion"


def register(subparsers, common):
    return subparsers.add_parser("summary", parents=[common], help=HELP, description=HELP)


def run(args) -> int:
    store = open_existing(args)
    try:
        print("\n".join(display_text(line) for line in summary_text(store).split("\n")))
    finally:
        store.close()
    return 0
