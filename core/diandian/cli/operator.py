"""``diandian operator``: the platform's own staff accounts, which cannot be made by signing up.

``diandian operator create --email ops@example.org --name "Ops"`` asks for the password twice
(or reads one line from standard input with ``--password-stdin``, for scripts; without a
terminal and without that flag it refuses rather than read a password that would be echoed).
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace

from .arguments import add_command, add_settings, platform, subcommands
from .output import fail, reported_errors, say


def define_operator(parser: ArgumentParser) -> None:
    commands = subcommands(parser)
    made = add_command(commands, "create", create)
    made.add_argument(
        "--email",
        required=True,
        metavar="ADDRESS",
        help="The operator's e-mail address (their sign-in name).",
    )
    made.add_argument(
        "--name", dest="display_name", required=True, metavar="TEXT", help="Name shown in the action trail."
    )
    made.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")
    add_settings(made, "database_url")


def create(args: Namespace) -> int | None:
    """Create an operator account."""
    from ..accounts import AccountRole

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        fail("no terminal to read the password from: use --password-stdin")
    else:
        try:
            password = _ask_password()
        except (EOFError, KeyboardInterrupt):
            say("\naborted")
            return 1
    with reported_errors():
        accounts = platform(args).accounts
        accounts.init()
        account = accounts.sign_up(args.email, password, args.display_name, role=AccountRole.OPERATOR)
    print(f"operator {account.account_id} <{account.email}> created")
    return None


def _ask_password() -> str:
    """The password typed twice at the terminal, unechoed; asked again while empty or the two differ."""
    from getpass import getpass

    while True:
        password = getpass("Password: ")
        if not password:
            continue
        if getpass("Repeat for confirmation: ") == password:
            return password
        say("error: the two entered values do not match")
