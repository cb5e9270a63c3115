"""The command line's two steps: ``diandian`` lists every command, each command's module defines
the rest, and each command's summary is the one its own help opens with."""

from __future__ import annotations

from argparse import Action, ArgumentParser, _SubParsersAction
from collections.abc import Iterator

import pytest
from diandian.cli import COMMANDS, command_parser
from diandian.cli.arguments import JSON_HELP
from diandian.testing import run_cli


def test_the_help_lists_every_command_with_its_summary() -> None:
    shown = run_cli(["--help"])
    assert shown.exit_code == 0
    for name, (_, summary) in COMMANDS.items():
        assert f"  {name} " in shown.stdout
        assert " ".join(summary.split()[:4]) in shown.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_opens_its_help_with_its_summary(name: str) -> None:
    parser = command_parser(name)
    summary = COMMANDS[name][1]
    assert parser.prog == f"diandian {name}"
    assert (parser.description or "").startswith(summary)
    run = parser.get_default("run")
    if run is not None:  # a command without subcommands: its function's docstring says the same
        assert (run.__doc__ or "").strip().partition("\n")[0] == summary
    shown = run_cli([name, "--help"])
    assert shown.exit_code == 0 and shown.stdout.startswith(f"usage: diandian {name}")


def test_no_command_or_an_unknown_one_is_bad_input() -> None:
    none = run_cli([])
    assert none.exit_code == 2 and "required: COMMAND" in none.stderr
    unknown = run_cli(["footprints"])
    assert unknown.exit_code == 2 and "invalid choice: 'footprints'" in unknown.stderr


def test_an_unknown_option_names_the_command_and_the_option() -> None:
    shown = run_cli(["plugins", "--jsn"])
    assert shown.exit_code == 2
    assert "diandian plugins: error: unrecognized arguments: --jsn" in shown.stderr


def test_version() -> None:
    from diandian import __version__

    shown = run_cli(["--version"])
    assert shown.exit_code == 0 and shown.stdout.strip() == f"diandian, version {__version__}"


def test_an_option_is_never_taken_for_a_longer_one_it_begins() -> None:
    # `--json` is not `--json-schema`: argparse would take the prefix unless told not to
    shown = run_cli(["questionnaire", "hotel", "--json"])
    assert shown.exit_code == 2 and "unrecognized arguments: --json" in shown.stderr
    assert run_cli(["ledger", "buy", "1kg", "--bene", "Lin"]).exit_code == 2


def test_a_subcommand_names_itself_in_its_errors() -> None:
    buy = run_cli(["ledger", "buy", "1kg", "--bogus"])
    assert buy.exit_code == 2
    assert "diandian ledger buy: error: unrecognized arguments: --bogus" in buy.stderr
    assert buy.stderr.startswith("usage: diandian ledger buy ")
    publish = run_cli(["certificate", "keys", "publish", "out", "--bogus"])
    assert "diandian certificate keys publish: error: unrecognized arguments: --bogus" in publish.stderr


def test_an_unknown_option_before_the_command_is_named() -> None:
    shown = run_cli(["--bogus"])
    assert shown.exit_code == 2 and "diandian: error: unrecognized arguments: --bogus" in shown.stderr


def test_a_bad_settings_flag_is_named_by_its_flag() -> None:
    shown = run_cli(["certificate", "keys", "publish", "out", "--valid-days", "x"])
    assert shown.exit_code == 2 and "'x' is not a number (from --valid-days)" in shown.stderr


def test_bytes_that_are_not_utf8_are_named_with_their_option_and_shown_once() -> None:
    shown = run_cli(["ledger", "buy", "1kg", "--beneficiary=Lin\udcff"])
    assert shown.exit_code == 2
    assert "error: --beneficiary: Lin\\xff contains bytes that are not UTF-8 text" in shown.stderr


def test_help_shows_literals_plainly() -> None:
    shown = run_cli(["plugins", "--help"])
    assert "``" not in shown.stdout and "listed under errors" in shown.stdout


def options(parser: ArgumentParser, name: str) -> Iterator[tuple[str, Action]]:
    """Every option of ``parser`` and of its subcommands, with the command that has it."""
    for action in parser._actions:
        if isinstance(action, _SubParsersAction):
            for sub, subparser in action.choices.items():
                yield from options(subparser, f"{name} {sub}")
        elif action.option_strings:
            yield name, action


def test_json_is_described_the_same_in_every_command() -> None:
    found = {
        f"{name}: {action.help}"
        for command in COMMANDS
        for name, action in options(command_parser(command), command)
        if "--json" in action.option_strings
    }
    assert len(found) > 10
    assert {line.partition(": ")[2] for line in found} == {JSON_HELP}


@pytest.mark.parametrize("command", ["footprint", "demo", "new-plugin", "serve", "scene"])
def test_a_value_is_named_by_what_it_is_not_by_its_option(command: str) -> None:
    # `--out DIR`, `--name-zh NAME`, `-d DIR`: not `--out OUT`, `--name-zh NAME_ZH`, `-d DIRECTORY`
    for name, action in options(command_parser(command), command):
        if action.nargs == 0 or (action.choices is not None and action.metavar is None):
            continue
        shown = action.metavar or action.dest.upper()
        repeated = {option.lstrip("-").upper().replace("-", "_") for option in action.option_strings}
        assert shown not in repeated | {action.dest.upper()}, f"{name} {action.option_strings[-1]} {shown}"


def test_a_database_that_does_not_answer_is_named_not_a_traceback() -> None:
    # port 1 on loopback: nothing listens there, so connecting is refused at once
    shown = run_cli(["ledger", "projects", "--database-url", "postgresql+psycopg://nobody@127.0.0.1:1/x"])
    assert shown.exit_code == 2
    assert shown.stderr.startswith("error: database_url: cannot use the database: ")
    assert "Connection refused" in shown.stderr and "Traceback" not in shown.output


def test_a_footprint_table_keeps_quantities_and_units_whole() -> None:
    shown = run_cli(["footprint", "hotel", "--example"], env={"COLUMNS": "80"})
    assert shown.exit_code == 0 and "room.night" in shown.stdout
