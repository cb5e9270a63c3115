"""The ``diandian`` command line, on the standard library's argparse.

Parsing takes two steps: ``diandian`` itself reads only the command's name (its help lists the
commands below), then that command's module defines and parses the rest. So ``diandian --help``
loads no command module, no plugin and no database library, and a command loads only its own.
"""

from __future__ import annotations

import sys
from argparse import REMAINDER, ArgumentParser, RawDescriptionHelpFormatter

from ..__about__ import __version__
from .output import EXIT_BAD_INPUT, check_arguments, say

TYPE_CHECKING = False  # typing itself is not imported: it would cost the help a fifth of its time
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

# what a shell reports for a process that SIGPIPE ended: a reader that stops early is not an
# answer, so it must not look like one (1 is "not valid" to `diandian verify`)
EXIT_BROKEN_PIPE = 128 + 13

# command -> ("module:function" that defines its arguments, the line `diandian --help` shows);
# the line also opens the command's own --help
COMMANDS = {
    "plugins": (
        "diandian.cli.catalogue:define_plugins",
        "List installed plugins, their hooks and scene types; and plugins that failed to load.",
    ),
    "questionnaire": (
        "diandian.cli.catalogue:define_questionnaire",
        "Show the questionnaire of SCENE_TYPE, or its JSON Schema.",
    ),
    "factors": ("diandian.cli.catalogue:define_factors", "List emission factors with their sources."),
    "footprint": (
        "diandian.cli.footprint:define_footprint",
        "Compute the footprint of SCENE_TYPES for ANSWERS.json (or - for stdin, or --example).",
    ),
    "demo": (
        "diandian.cli.demo:define_demo",
        "Run a conference's whole visitor journey on a fresh SQLite ledger in DIR/diandian.db.",
    ),
    "ledger": (
        "diandian.cli.ledger:define_ledger",
        "The offsets ledger: projects, credit batches, orders, retirements, settlement, audit.",
    ),
    "certificate": (
        "diandian.cli.certificates:define_certificate",
        "Issue, show and revoke honour certificates; participants and their life records; the signing keys.",
    ),
    "verify": (
        "diandian.cli.certificates:define_verify",
        "Check a certificate from its QR text or an image of its QR code.",
    ),
    "poster": (
        "diandian.cli.certificates:define_poster",
        "A printable door poster for a stored SCENE (id or slug): its QR code to the scene's page.",
    ),
    "leaderboard": (
        "diandian.cli.certificates:define_leaderboard",
        "Who compensated most, ranked by neutralised (paid and allocated) grams.",
    ),
    "scene": (
        "diandian.cli.scenes:define_scene",
        "Create, list and show scenes: one venue or event each, with its place, dates and organiser.",
    ),
    "new-plugin": (
        "diandian.cli.scaffold:define_new_plugin",
        "Write a new scene plugin package NAME from the template.",
    ),
    "operator": (
        "diandian.cli.operator:define_operator",
        "Operator accounts (credit inventory, retirement, revocation, settlement).",
    ),
    "serve": (
        "diandian.cli.serve:define_serve",
        "Serve the visitor pages, the console and /api/v1 with uvicorn.",
    ),
    "apikey": (
        "diandian.cli.apikeys:define_apikey",
        "API keys for POS and booking systems: scoped, hashed at rest, revocable.",
    ),
}


class CommandParser(ArgumentParser):
    """The parser of a command: no abbreviated options (``--json`` is not ``--json-schema``),
    help laid out as written, and arguments it does not know named by the (sub)command that was
    given, not by the one above it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", RawDescriptionHelpFormatter)
        super().__init__(**kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            # argparse lets the top parser report what a subcommand left over, under its own name
            named: ArgumentParser = getattr(parsed, "parser", self)
            named.error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed


def command_list() -> ArgumentParser:
    """The parser of ``diandian`` itself: the command's name, and the rest of the arguments for
    that command's own parser (:func:`command_parser`); its help lists every command."""
    width = max(map(len, COMMANDS)) + 2
    listed = "\n".join(f"  {name:{width}}{summary}" for name, (_, summary) in COMMANDS.items())
    parser = CommandParser(
        prog="diandian",
        description="Diandian: venue carbon footprints, credits and honour certificates.",
        epilog=f"commands:\n{listed}\n\n`diandian COMMAND --help` shows a command's arguments.",
    )
    parser.add_argument("--version", action="version", version=f"diandian, version {__version__}")
    parser.add_argument("command", metavar="COMMAND", choices=COMMANDS, help="one of the commands below")
    rest = parser.add_argument("arguments", nargs=REMAINDER, metavar="...", help="its own arguments")
    rest.required = False  # argparse marks a REMAINDER required, yet a command may take none
    return parser


def command_parser(name: str) -> ArgumentParser:
    """The parser of ``diandian NAME``, its arguments defined by the command's module."""
    from ..lazy import resolve_reference

    where, summary = COMMANDS[name]
    parser = CommandParser(prog=f"diandian {name}", description=summary)
    resolve_reference(where)(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``diandian`` with ``argv`` (default: the process's arguments); returns the exit status.

    Exit statuses: 0 done, 1 the command's own negative answer (a plugin failed to load, a
    certificate is not valid), 2 bad input (named on stderr), 3 and 4 a certificate's status
    unknown or not checkable, 141 the reader of its output stopped early.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    check_arguments(args)
    listing = command_list()
    if args and args[0].startswith("-") and args[0] not in ("-h", "--help", "--version"):
        listing.error(f"unrecognized arguments: {args[0]}")  # not "COMMAND is required"
    chosen = listing.parse_args(args)
    parser = command_parser(chosen.command)
    parse = parser.parse_intermixed_args if parser.get_default("intermixed") else parser.parse_args
    namespace = parse(chosen.arguments)
    try:
        status: int | None = namespace.run(namespace)
    except BrokenPipeError:
        # the reader went away (`diandian ... | head`): stop quietly, as other Unix tools do, and
        # point stdout at /dev/null so the interpreter's last flush does not raise again
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        reason = _database_failure(exc)
        if reason is None:
            raise
        say(f"error: database_url: cannot use the database: {reason}")
        return EXIT_BAD_INPUT
    return status or 0


def _database_failure(exc: Exception) -> str | None:
    """What the database driver said, when ``exc`` is the database refusing to work (a server
    that does not answer, a wrong password, a file that cannot be opened); ``None`` otherwise.
    The settings check catches what a URL alone shows; this is what only connecting shows."""
    errors = sys.modules.get("sqlalchemy.exc")  # not imported: then it cannot be one
    if errors is None or not isinstance(exc, errors.OperationalError):
        return None
    said = str(exc.orig or exc).strip()
    return said.splitlines()[0] if said else type(exc).__name__
