"""Every argument of every command keeps the one-line error rule: a bad value (overflowing,
negative, not a number, not a date, full of terminal escapes) is one `t2025: error:` line and a
non-zero exit, never argparse's usage dump, never a traceback, never "unexpected error"."""

import argparse
import re

import pytest

from t2025tui.cli import build_parser, main

HOSTILE_VALUES = [
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "0",
    "1.5",
    "1e400",
    "",
    "2022-13-45",
    "99999-01-01",
    "\x1b[2J\x1b]0;owned\x07",
    "\u009b31m",
    "gpj.\u202eexe",
    "9" * 5000,
]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _subparsers(parser: argparse.ArgumentParser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _subparsers(sub, (*path, name))


# Commands that run until stopped: a value they accept (serve --port 0) would never return here.
# Their arguments are tested with the command itself (tests/publish for serve).
RUN_UNTIL_STOPPED = {"serve"}


def _value_arguments():
    """(command path, parser, action) for every argument that takes a value, except --db and --user."""
    for path, parser in _subparsers(build_parser()):
        if path[0] in RUN_UNTIL_STOPPED:
            continue
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction) or action.nargs == 0:
                continue
            if "--db" in action.option_strings or isinstance(action, argparse._HelpAction):
                continue
            # --user takes any one-line name, so most values run the command itself (serve
            # would never return); its refusals are tested in tests/who.
            if action.dest == "acting_user":
                continue
            yield path, parser, action


def _argv(path, parser, action, value, db):
    argv = ["--db", str(db), *path]
    for other in parser._actions:
        required_positional = not other.option_strings and other.nargs is None
        if other is action or not required_positional or isinstance(other, argparse._SubParsersAction):
            continue
        argv.append("placeholder.xlsx")
    if action.option_strings:
        argv.append(f"{action.option_strings[0]}={value}")
    else:
        argv.extend(["--", value])
    return argv


ARGUMENTS = list(_value_arguments())


async def _serve_nothing(*args) -> None:
    return None


def test_the_generalised_test_sees_the_arguments_it_is_about():
    seen = {(path, action.dest) for path, _, action in ARGUMENTS}
    assert {(("history",), "limit"), (("history",), "since"), (("export",), "as_of")} <= seen


@pytest.mark.parametrize(
    ("path", "parser", "action"),
    ARGUMENTS,
    ids=[f"{' '.join(p)}:{a.dest}" for p, _, a in ARGUMENTS],
)
def test_every_argument_refuses_bad_values_in_one_line(
    path, parser, action, seeded_copy, tmp_path, capsys, monkeypatch
):
    db = seeded_copy()
    monkeypatch.chdir(tmp_path)  # values taken as file names land here
    # `t2025 serve` given values it accepts (--port 0, --host 0) would serve until stopped: it
    # still does everything before serving (the snapshot, the port, the warnings), then returns.
    monkeypatch.setattr("t2025tui.publish.server._run", _serve_nothing)
    for value in HOSTILE_VALUES:
        argv = _argv(path, parser, action, value, db)
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, (argv, captured.err)
        assert "unexpected error" not in captured.err, (argv, captured.err)
        assert not CONTROL.search(captured.err + captured.out), (argv, captured.err, captured.out)
        if code != 0:
            lines = [line for line in captured.err.splitlines() if line.strip()]
            assert len(lines) == 1 and lines[0].startswith("t2025: error: "), (argv, lines)
            assert "usage:" not in captured.err, (argv, captured.err)


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "0", "ten"])
def test_history_limit_out_of_range_is_refused(value, seeded_copy, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(seeded_copy()), "history", "--limit", value])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("t2025: error: argument --limit:") and err.count("\n") == 1, err


def test_history_limit_means_what_it_says(seeded_copy, capsys):
    assert main(["--db", str(seeded_copy()), "history", "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_bad_date_is_one_line_not_usage(seeded_copy, capsys):
    with pytest.raises(SystemExit):
        main(["--db", str(seeded_copy()), "history", "--since", "2022-02-30"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("t2025: error:") and "usage" not in err, err
