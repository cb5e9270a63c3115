"""How commands define their arguments: subcommands described by their functions' docstrings,
the settings flags, and the value types the command line parses.

A command module offers ``define_NAME(parser)`` (listed in :data:`diandian.cli.COMMANDS`), which
adds its arguments and names the function that runs it with :func:`runs`; a command with
subcommands adds each with :func:`add_command`. The function takes the parsed
:class:`~argparse.Namespace` and returns the exit status (``None`` for 0).

Every settings flag is a field of :class:`~diandian.settings.Settings` (its flag and help are
here, its environment variable and default there): ``Settings.load`` reads flags, then
``DIANDIAN_*``, then defaults, one class for every front end.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
from argparse import ArgumentParser, ArgumentTypeError, Namespace
from pathlib import Path

from ..text import LANGUAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import _SubParsersAction
    from collections.abc import Callable

    from ..platform import Platform

    Run = Callable[[Namespace], "int | None"]

# settings field -> (flag, its value's name in the help, help text)
FLAGS = {
    "database_url": (
        "--database-url",
        "URL",
        "SQLAlchemy URL (default: sqlite:///diandian.db here; $DIANDIAN_DATABASE_URL).",
    ),
    "key_folder": ("--key-folder", "DIR", "Signing key ring folder (default: $DIANDIAN_HOME/keys)."),
    "public_url": (
        "--public-url",
        "URL",
        "Base URL visitors reach; door posters point here ($DIANDIAN_PUBLIC_URL).",
    ),
    "issuer": (
        "--issuer",
        "NAME",
        "Issuer that signs certificates and status lists ($DIANDIAN_ISSUER; default diandian:local).",
    ),
    "offset_provider": ("--offset-provider", "NAME", "Offset provider by registered name (default: ledger)."),
    "payment_provider": ("--payment", "NAME", "Payment provider by registered name (default: sandbox)."),
    "language": ("--lang", "LANG", "Language: en or zh-CN ($DIANDIAN_LANGUAGE)."),
    "status_valid_days": ("--valid-days", "DAYS", "Days verifiers may rely on a status list (default 7)."),
}
JSON_HELP = "Print JSON (stable; see sdk_docs/cli.md)."


def _docstring(run: Run) -> tuple[str, str]:
    """The first line of ``run``'s docstring and the rest, dedented."""
    # docstrings mark literals ``like this`` for the API reference; a terminal shows them plain
    first, _, rest = (run.__doc__ or "").replace("``", "").strip().partition("\n")
    return first, textwrap.dedent(rest).strip()


def _describe(parser: ArgumentParser, run: Run) -> None:
    first, body = _docstring(run)
    if parser.description is None:
        parser.description = first
    if body:
        parser.description = f"{parser.description}\n\n{body}"


def runs(parser: ArgumentParser, run: Run) -> None:
    """``run`` carries out the command of ``parser``; the body of its docstring (after the first
    line, which repeats the command's summary) is added to the command's ``--help``."""
    parser.set_defaults(run=run, parser=parser)  # `parser`: who reports arguments left over
    _describe(parser, run)


def subcommands(parser: ArgumentParser) -> _SubParsersAction[ArgumentParser]:
    """The subcommands of a command such as ``ledger``; one of them must be given."""
    from . import CommandParser

    return parser.add_subparsers(
        title="commands", metavar="COMMAND", required=True, parser_class=CommandParser
    )


def add_command(commands: _SubParsersAction[ArgumentParser], name: str, run: Run) -> ArgumentParser:
    """A subcommand ``name`` carried out by ``run``; its docstring's first line is its line in
    the parent's ``--help``, the whole docstring its own ``--help``."""
    parser = commands.add_parser(name, help=_docstring(run)[0])
    runs(parser, run)
    return parser


def intermixed(parser: ArgumentParser) -> None:
    """Options may also come between ``parser``'s optional positionals (``footprint hotel --json -``):
    argparse alone takes every optional positional at the first one and refuses the later ones.
    Only for a command without subcommands, which argparse cannot parse this way."""
    parser.set_defaults(intermixed=True)


def add_settings(parser: ArgumentParser, *fields: str) -> None:
    """The flags of these settings fields; :func:`platform` hands what was given to ``Settings.load``."""
    for field in fields:
        flag, metavar, help_text = FLAGS[field]
        parser.add_argument(flag, dest=field, default=None, metavar=metavar, help=help_text)
    parser.set_defaults(settings_fields=(*(parser.get_default("settings_fields") or ()), *fields))


def add_json(parser: ArgumentParser) -> None:
    """``--json``, with the same help in every command."""
    parser.add_argument("--json", dest="as_json", action="store_true", help=JSON_HELP)


def add_language(parser: ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="Language (default: en).")


def platform(args: Namespace) -> Platform:
    """The platform of the running command: its settings flags, then ``DIANDIAN_*``, then defaults."""
    from ..platform import Platform
    from ..settings import Settings

    fields = getattr(args, "settings_fields", ())
    flags = {field: getattr(args, field) for field in fields}
    return Platform(Settings.load(flags=flags, flag_names={field: FLAGS[field][0] for field in fields}))


def existing_file(value: str) -> Path:
    """A path that must name an existing file (``-`` is not one)."""
    path = Path(value)
    if not path.is_file():
        raise ArgumentTypeError(f"{value!r} is not an existing file")
    return path


def _writable(folder: Path, value: str) -> None:
    """Refuse ``value`` unless its nearest existing folder is a folder this process may write in."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ArgumentTypeError(f"{value!r} cannot be written: {str(existing)!r} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ArgumentTypeError(f"{value!r} cannot be written: no permission to write in {str(existing)!r}")


def folder(value: str) -> Path:
    """A path for a folder, existing or to be made with its parents; an existing file is refused, and
    so is a path that cannot be made (a file on the way, a folder that may not be written)."""
    if not value:
        raise ArgumentTypeError("an empty folder name")
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise ArgumentTypeError(f"{value!r} is a file, not a folder")
    _writable(path, value)
    return path


def new_file(value: str) -> Path:
    """A path for a file to write, in a folder that exists; an existing folder is refused."""
    if not value:
        raise ArgumentTypeError("an empty file name")
    path = Path(value)
    if path.is_dir():
        raise ArgumentTypeError(f"{value!r} is a folder, not a file")
    parent = path.parent
    if not parent.exists():
        raise ArgumentTypeError(f"no folder {parent}")
    _writable(parent, value)
    return path


def non_empty(value: str) -> str:
    """A piece of text that is not empty (nor only spaces), kept as given."""
    if not value.strip():
        raise ArgumentTypeError("must not be empty")
    return value


def date(value: str) -> dt.date:
    """A calendar date written YYYY-MM-DD (2025-03-01, not 2025-3-1)."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def month(value: str) -> str:
    """A calendar month written YYYY-MM (month 01 to 12), kept as written."""
    year, dash, number = value.partition("-")
    digits = year + number
    if not (dash and len(year) == 4 and len(number) == 2 and digits.isascii() and digits.isdigit()):
        raise ArgumentTypeError(f"{value!r} is not a month written YYYY-MM")
    if not 1 <= int(number) <= 12:
        raise ArgumentTypeError(f"{value!r} has no month {number}: months are 01 to 12")
    return value


def file_ending(*suffixes: str) -> Callable[[str], Path]:
    """A parser of paths to write (as :func:`new_file`) whose name ends in one of ``suffixes``
    (``".png"``; any case)."""
    listed = ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]

    def parse(value: str) -> Path:
        path = new_file(value)
        if path.suffix.lower() not in suffixes:
            raise ArgumentTypeError(f"{value!r} must end in {listed}")
        return path

    parse.__name__ = "file name"
    return parse


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """A parser of whole numbers from ``low`` to ``high`` inclusive."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise ArgumentTypeError(f"{value!r} is not a whole number") from None
        if not low <= number <= high:
            raise ArgumentTypeError(f"{number} is not in the range {low} to {high}")
        return number

    parse.__name__ = "whole number"
    return parse
