"""A command loads only its own module: `t2025 summary` (or the app) does not pay for the report
commands' pydantic models; help and a mistyped command still see every command."""

import argparse
import importlib
import subprocess
import sys

import pytest

from t2025tui.cli import build_parser, command_name
from t2025tui.commands import COMMANDS


def _registered(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


@pytest.mark.parametrize("module", COMMANDS)
def test_each_command_module_registers_under_the_name_it_is_found_by(module):
    # The parser imports a command's module from the word typed, so the two must agree.
    subparsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(f"t2025tui.commands.{module}").register(
        subparsers, argparse.ArgumentParser(add_help=False)
    )
    assert list(subparsers.choices) == [command_name(module)]


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["--db", "x.db", "summary"], ["summary"]),
        (["--user", "list", "--db=x.db", "export", "--out", "p.xlsx"], ["export"]),
        (["--us", "summary", "report-text", "purpose"], ["report-text"]),
        (["import", "risks", "log.xlsx"], ["import"]),
        (["--db", "x.db"], []),
    ],
)
def test_a_command_line_registers_only_the_command_it_names(argv, wanted):
    assert _registered(build_parser(argv)) == wanted


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--he"], ["summry"], ["--", "summary"], None])
def test_help_or_an_unknown_word_registers_every_command(argv):
    assert _registered(build_parser(argv)) == [command_name(m) for m in COMMANDS]


def test_help_lists_every_command(capsys):
    from t2025tui.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for module in COMMANDS:
        assert command_name(module) in out


def test_a_mistyped_command_is_one_line_naming_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "t2025tui", "summry"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "invalid choice: 'summry'" in result.stderr and "'report-text'" in result.stderr


def test_summary_and_the_app_start_without_pydantic(seeded_db_path):
    code = (
        "import sys, io, contextlib\n"
        "from t2025tui.cli import build_parser, main\n"
        f"with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['--db', {str(seeded_db_path)!r}, 'summary'])\n"
        "assert code == 0 and 'T2025' in out.getvalue(), out.getvalue()\n"
        "build_parser([])\n"
        "import t2025tui.commands.app\n"
        "assert 'pydantic' not in sys.modules, 'pydantic loaded by summary or the app start'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")
