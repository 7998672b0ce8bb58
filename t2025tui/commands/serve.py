"""`t2025 serve`: publish the programme read-only on Datasette (docs/publish.md)."""

from t2025tui.commands.common import db_path
from t2025tui.core.errors import T2025Error

HELP = "publish the programme read-only in a web browser (Datasette; needs t2025tui[web])"
INSTALL_HINT = (
    "t2025 serve needs Datasette, which is not installed. Install it with: "
    "pip install 't2025tui[web]' (in the same virtual environment as t2025)."
)


def register(subparsers, common):
    parser = subparsers.add_parser(
        "serve",
        parents=[common],
        help=HELP,
        description=HELP + ". Serves a read-only snapshot, refreshed within seconds of each save; "
        "never writes to the database.",
    )
    parser.add_argument("--port", type=int, default=8025, help="port to listen on (default: 8025)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; another host warns)",
    )
    parser.add_argument(
        "--open",
        action="store_true",
        help="open the programme's page (the board's questions) in a web browser",
    )
    return parser


def run(args) -> int:
    try:
        import datasette  # noqa: F401  (only to know whether the extra is installed)
    except ImportError:
        raise T2025Error(INSTALL_HINT) from None
    from t2025tui.publish.server import serve

    if not 0 <= args.port <= 65535:
        raise T2025Error(
            f"--port {args.port} is not a port number; give one from 1 to 65535 (0: any free port)."
        )
    return serve(db_path(args), args.host, args.port, open_browser=args.open)
