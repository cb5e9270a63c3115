"""``diandian operator``: the platform's own staff accounts, which cannot be made by signing up.

``diandian operator create --email ops@example.org --name "Ops"`` asks for the password twice
(or reads one line from standard input with ``--password-stdin``, for scripts; without a
terminal and without that flag it refuses rather than read a password that would be echoed).
"""

from __future__ import annotations

import sys

import click

from .options import platform, settings_options
from .output import fail, reported_errors


@click.group()
def operator() -> None:
    """Operator accounts (credit inventory, retirement, revocation, settlement)."""


@operator.command()
@click.option("--email", required=True, help="The operator's e-mail address (their sign-in name).")
@click.option("--name", "display_name", required=True, help="Name shown in the action trail.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@settings_options("database_url")
def create(email: str, display_name: str, password_stdin: bool) -> None:
    """Create an operator account."""
    from ..accounts import AccountRole

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        fail("no terminal to read the password from: use --password-stdin")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    accounts = platform().accounts
    with reported_errors():
        accounts.init()
        account = accounts.sign_up(email, password, display_name, role=AccountRole.OPERATOR)
    click.echo(f"operator {account.account_id} <{account.email}> created")
