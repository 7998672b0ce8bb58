"""`t2025 load`: create a new database from a `t2025 dump` JSON file."""

from pathlib import Path

from t2025tui.commands.common import db_path
from t2025tui.core.errors import StoreError, ValidationError

HELP = "create a new database from a JSON dump (refuses to overwrite an existing database)"
MAX_JSON_BYTES = 2 * 1024**3


def register(subparsers, common):
    parser = subparsers.add_parser("load", parents=[common], help=HELP, description=HELP)
    parser.add_argument("file", type=Path, help="JSON file written by t2025 dump")
    return parser


def run(args) -> int:
    from t2025tui.core.dump import load_data, parse_json  # pydantic only when needed

    path = db_path(args)
    if path.exists():
        raise StoreError(f"{path} already exists; load creates a new database. Choose another --db path.")
    try:
        size = args.file.stat().st_size
        if size > MAX_JSON_BYTES:
            raise ValidationError(
                f"{args.file} is {size:,} bytes; the limit for a dump is {MAX_JSON_BYTES:,}."
            )
        text = args.file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"{args.file} does not exist.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{args.file} is not UTF-8 text, so not a t2025 JSON dump.") from None
    except OSError as exc:
        raise ValidationError(f"{args.file} cannot be read: {exc.strerror}.") from None
    data = parse_json(text, str(args.file))
    load_data(data, path).close()
    print(f"Created {path} from {args.file}")
    return 0
