"""`t2025 settings [--field value ...]`: print the programme's settings, or change them."""

from t2025tui.commands.common import open_existing
from t2025tui.core.text import display_text

HELP = "print the programme's settings, or change them (--status-date, --rag-scale, --marking, ...)"


def register(subparsers, common):
    parser = subparsers.add_parser(
        "settings",
        parents=[common],
        # Here --user is the name kept in settings, not the global name for this one run.
        conflict_handler="resolve",
        help=HELP,
        description=HELP,
        usage="t2025 settings [--json] [--field value ...] [--reason TEXT]",
    )
    for name, help_text in _FLAG_NAMES.items():
        # Read as text and checked by the same code as `t2025 set`, for the same one-line errors.
        parser.add_argument(f"--{name}", metavar="VALUE", help=help_text)
    parser.add_argument("--reason", help="why (recorded in the change log)")
    parser.add_argument("--json", action="store_true", help="print the settings as JSON")
    return parser


_FLAG_NAMES = {
    "name": "the programme's name",
    "organisation": "the organisation, e.g. the force",
    "period": "the reporting period, e.g. 2022/23 Q1",
    "status-date": "YYYY-MM-DD, or today to follow the calendar",
    "rag-scale": "3 (Red/Amber/Green) or 5 (the IPA delivery confidence scale)",
    "tolerance": "a new milestone's tolerance in days",
    "amber-from": "a risk score from this is Amber (default 5)",
    "red-from": "a risk score from this is Red (default 15)",
    "marking": "protective marking, e.g. OFFICIAL, OFFICIAL-SENSITIVE",
    "user": "your name for the change log",
}


def _flags():
    from t2025tui.commands.plan_fields import Flag

    return {
        flag.name: flag
        for flag in (
            Flag("name", "name"),
            Flag("organisation", "organisation"),
            Flag("period", "reporting_period"),
            Flag("status-date", "status_date", "date"),
            Flag("rag-scale", "rag_scale", "choice", ("3", "5")),
            Flag("tolerance", "default_tolerance_days", "int"),
            Flag("amber-from", "band_amber_min", "int"),
            Flag("red-from", "band_red_min", "int"),
            Flag("marking", "marking"),
            Flag("user", "user_name"),
        )
    }


def run(args) -> int:
    from t2025tui.commands.plan_fields import Given, values_for
    from t2025tui.core.queries.settings import programme_settings
    from t2025tui.core.services.programme import update_programme

    flags = _flags()
    given = Given(
        {
            name: getattr(args, name.replace("-", "_"))
            for name in flags
            if getattr(args, name.replace("-", "_")) is not None
        },
        {},
        {"reason": args.reason or ""},
    )
    if given.values.get("status-date", "").strip().lower() == "today":
        given.values["status-date"] = "none"  # no fixed status date: statuses follow the calendar
    store = open_existing(args)
    try:
        if given.values:
            values = values_for(store, given, flags)
            if "rag_scale" in values:
                values["rag_scale"] = int(values["rag_scale"])
            current = programme_settings(store)
            diff = update_programme(
                store, expected_version=current.version, reason=given.common.get("reason", ""), **values
            )
            from t2025tui.commands.plan_kinds import describe

            print(display_text(f"Settings: {describe(diff)}"))
            return 0
        settings = programme_settings(store)
    finally:
        store.close()
    if args.json:
        print(settings.model_dump_json(indent=2))
        return 0
    for line in describe_settings(settings):
        print(display_text(line))
    return 0


def describe_settings(settings) -> list[str]:
    status = (
        f"{settings.status_date.isoformat()} (fixed; change with --status-date DATE|today)"
        if settings.status_date
        else f"follows today ({settings.today.isoformat()})"
    )
    scale = "5-point (IPA delivery confidence)" if settings.rag_scale == 5 else "3-point (Red, Amber, Green)"
    lines = [
        f"name:               {settings.name}",
        f"organisation:       {settings.organisation or '-'}",
        f"period:             {settings.reporting_period or '-'}",
        f"status date:        {status}",
        f"RAG scale:          {scale}",
        *(f"  {level}: {text}" for level, text in settings.rag_definitions.items()),
        f"tolerance:          {settings.default_tolerance_days} days (a new milestone's default)",
        f"risk bands:         Green 1-{settings.band_amber_min - 1}, Amber {settings.band_amber_min}-"
        f"{settings.band_red_min - 1}, Red {settings.band_red_min}-25",
        f"marking:            {settings.marking}",
        f"user:               {settings.user_name or '(not set: T2025_USER, else the login name)'}",
        "key messages:       "
        + ("(none; t2025 add key-message --text ...)" if not settings.key_messages else ""),
        *(f"  {n}. {m.text}" for n, m in enumerate(settings.key_messages, start=1)),
    ]
    return lines
