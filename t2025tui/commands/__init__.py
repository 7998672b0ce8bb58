"""One module per `t2025` subcommand: `register(subparsers, common)` returns its parser, `run(args)` runs it.

`COMMANDS` lists them in the order `t2025 --help` shows them.
"""

COMMANDS = [
    "init",
    "summary",
    "check",
    "backup",
    "history",
    "undo_cmd",
    "dump",
    "load",
    "export",
    "report",
    "report_text",
    "import_cmd",
    "add",
    "set_cmd",
    "remove",
    "list_cmd",
    "find",
    "settings",
    "serve",
]
