"""The `t2025` command: opens the terminal UI, or runs one of the subcommands."""

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from typing import NoReturn, TextIO

from t2025tui import __version__
from t2025tui.commands import COMMANDS
from t2025tui.core.errors import T2025Error
from t2025tui.core.paths import DB_ENV_VAR
from t2025tui.core.portability import exit_signals, utf8_output
from t2025tui.core.text import clean_output, display_text  # error lines: one line, no terminal escapes

DEBUG_ENV_VAR = "T2025_DEBUG"
DB_HELP = f"database file (default: ${DB_ENV_VAR}, else the per-user data folder)"
USER_HELP = (
    "the name recorded on every change this run makes (default: the name in settings, "
    "else $T2025_USER, else the login name)"
)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake in the arguments is one `t2025: error:` line (argparse's own
    way is the usage text and then the error), saying where to find the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"t2025: error: {display_text(message)} (see: {display_text(self.prog)} --help)\n")


def _common_options() -> argparse.ArgumentParser:
    """The options every subcommand accepts; SUPPRESS keeps `t2025 --db X cmd` from being reset.

    A fresh parser for each subcommand: one that gives --user its own meaning (`settings`)
    replaces the option, and argparse does that by editing the parent's option in place."""
    common = OneLineParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    common.add_argument(
        "--user", dest="acting_user", metavar="NAME", default=argparse.SUPPRESS, help=USER_HELP
    )
    return common


def command_name(module: str) -> str:
    """The word a user types for a command module: `import_cmd` is `import`, `report_text` is
    `report-text` (every module registers under this name; a test holds it)."""
    return module.removesuffix("_cmd").replace("_", "-")


# Global options that take a value; argparse also accepts any unambiguous prefix (`--us`).
_VALUE_OPTIONS = ("--db", "--user")


def _command_word(argv: list[str]) -> str | None:
    """The subcommand named in `argv` (the first word that is not an option or a global
    option's value), or None for the app itself."""
    words = iter(argv)
    for word in words:
        if word == "--":  # names no command: argparse says what it makes of it
            return word
        if word.startswith("-"):
            takes_value = (
                "=" not in word and len(word) > 2 and any(o.startswith(word) for o in _VALUE_OPTIONS)
            )
            if takes_value:
                next(words, None)
            continue
        return word
    return None


def _modules_for(argv: list[str] | None) -> list[str]:
    """The command modules to import for `argv`: only the one it names, so a command (or the
    app) loads nothing of the others (the report commands load pydantic, about 0.2 s). With no
    argv, help, or a word that names no command, every module, so argparse can list them all."""
    if argv is None:
        return COMMANDS
    word = _command_word(argv)
    if word is None:
        return COMMANDS if any(w == "-h" or (len(w) > 2 and "--help".startswith(w)) for w in argv) else []
    named = [module for module in COMMANDS if command_name(module) == word]
    return named or COMMANDS


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (only its own command registered), or for every command."""
    parser = OneLineParser(
        prog="t2025",
        description="T2025 programme tracker. With no command, opens the terminal app.",
        epilog="Data lives in one SQLite file; see README.md for where.",
    )
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument("--user", dest="acting_user", metavar="NAME", help=USER_HELP)
    parser.add_argument("--version", action="version", version=f"t2025 {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _modules_for(argv):
        module = importlib.import_module(f"t2025tui.commands.{name}")
        module.register(subparsers, _common_options()).set_defaults(handler=module.run)
    return parser


class CleanedStream:
    """A command's stdout or stderr that drops every character that could steer the terminal
    (file names, sheet names and refs come from outside and may carry escape sequences), so
    no command has to remember to clean what it prints."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(clean_output(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def cleaned_output() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanedStream(sys.stdout), CleanedStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _run(args: argparse.Namespace) -> int:
    from t2025tui.core.who import acting_as

    with acting_as(args.acting_user):
        if args.command is None:
            from t2025tui.commands.app import run as run_app

            return run_app(args)
        return args.handler(args)


def main(argv: list[str] | None = None) -> int:
    sys.unraisablehook = _quiet_unraisable
    utf8_output()
    # Everything printed from here on, argument errors and the app's own lines included, is
    # cleaned; Textual draws through sys.__stdout__/__stderr__, which stay as they are.
    with cleaned_output():
        words = sys.argv[1:] if argv is None else argv
        parser = build_parser(words)
        args = parser.parse_args(words)
        global _signalled
        _signalled = None
        previous = _exit_cleanly_on_signals()
        try:
            return _main(args)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _exit_cleanly_on_signals() -> dict:
    """SIGTERM/SIGHUP (SIGBREAK on Windows) unwind like an error, so temporary files are removed
    and an open transaction is rolled back (the app installs its own handlers once running)."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in exit_signals():
            previous[sig] = signal.signal(sig, _raise_exit)
    return previous


# The signal that stopped this run, if one did: a library's bare `except:` may turn the exit it
# raised into another error (openpyxl's type conversion makes it a TypeError).
_signalled: int | None = None


def _raise_exit(signum, frame) -> None:
    global _signalled
    _signalled = signum
    raise SystemExit(128 + signum)


def _main(args: argparse.Namespace) -> int:
    try:
        code = _run(args)
        sys.stdout.flush()  # so a full disk or a closed pipe shows up here, not at interpreter exit
        return code
    except T2025Error as exc:
        print(f"t2025: error: {display_text(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`t2025 dump | head`): nothing to report
        _discard_stdout()
        return 141
    except OSError as exc:  # the disk or the output failed: one line saying so
        _discard_stdout()
        where = exc.filename or "the output"
        print(f"t2025: error: could not write {display_text(where)}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("t2025: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise is one clear line, never a traceback
        if _signalled is not None:  # stopped by a signal that a library reported as an error
            return 128 + _signalled
        if os.environ.get(DEBUG_ENV_VAR):
            raise
        print(
            f"t2025: unexpected error: {type(exc).__name__}: {display_text(exc)} "
            f"(set {DEBUG_ENV_VAR}=1 for details and please report it)",
            file=sys.stderr,
        )
        return 2


def _discard_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush of unwritable output stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _quiet_unraisable(unraisable) -> None:
    """Errors Python can only ignore (e.g. openpyxl's writer closed after a failed save) would
    print a traceback after the one line that already reported the failure."""
    if os.environ.get(DEBUG_ENV_VAR):
        sys.__unraisablehook__(unraisable)
