"""``diandian operator``: the platform's own staff accounts, which cannot be made by signing up.

``diandian operator create --email ops@example.org --name "Ops"`` asks for the password twice
(or reads one line from standard input with ``--password-stdin``, for scripts).
"""

from __future__ import annotations

import sys

import click

from .output import reported_errors


@click.group()
def operator() -> None:
    """Operator accounts (credit inventory, retirement, revocation, settlement)."""


@operator.command()
@click.option("--email", required=True, help="The operator's e-mail address (their sign-in name).")
@click.option("--name", "display_name", required=True, help="Name shown in the action trail.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option(
    "--database-url",
    envvar="DIANDIAN_DATABASE_URL",
    default=None,
    help="SQLAlchemy URL (default: sqlite:///diandian.db in the working folder).",
)
def create(email: str, display_name: str, password_stdin: bool, database_url: str | None) -> None:
    """Create an operator account."""
    from .. import db
    from ..accounts import AccountRole, Accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    service = Accounts(db.connect(database_url))
    with reported_errors():
        service.init()
        account = service.sign_up(email, password, display_name, role=AccountRole.OPERATOR)
    click.echo(f"operator {account.account_id} <{account.email}> created")
