"""``diandian apikey``: create, list and revoke the API keys of ``/api/v1``.

A key is shown once, when it is created; only its hash is stored. ``--owner`` names an existing
account by e-mail or id: an organiser's key reads and uses only that organiser's scenes and
participants, an operator account's key (or ``operator``) is the platform's staff's, which sees
every order. Anything else is refused naming ``owner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .options import platform, settings_options

if TYPE_CHECKING:
    from ..platform import Platform
from .output import emit, reported_errors, table

SCOPES = ("footprints", "orders", "certificates")


@click.group()
def apikey() -> None:
    """API keys for POS and booking systems: scoped, hashed at rest, revocable."""


@apikey.command()
@click.option(
    "--owner",
    required=True,
    help="An organiser or operator account, by e-mail or id (or 'operator' for the staff).",
)
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(SCOPES),
    help="Repeat for several scopes.",
)
@click.option("--label", default="", help="What the key is for (shown in lists).")
@click.option("--rate", type=int, default=None, help="Requests per minute (default: the setting).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@settings_options("database_url")
def create(owner: str, scopes: tuple[str, ...], label: str, rate: int | None, as_json: bool) -> None:
    """Create a key; its secret is printed this once and cannot be shown again."""
    with reported_errors():
        site = platform()
        site.init()
        created = site.create_api_key(_account_owner(site, owner), scopes, label=label, rate_per_minute=rate)
    key = created.key
    data = {"key_id": key.key_id, "owner": key.owner, "scopes": sorted(key.scopes), "secret": created.secret}

    def human() -> None:
        click.echo(created.secret)
        click.echo(
            f"key {key.key_id} for {key.owner} ({', '.join(sorted(key.scopes))}): keep the line above,"
            " it is shown only now",
            err=True,
        )

    emit(data, as_json, human)


def _account_owner(site: Platform, owner: str) -> str:
    """The key owner ``owner`` names: an organiser's account id, or ``operator`` for an operator
    account (or the word itself). ValidationFailed naming ``owner`` when no account matches."""
    from ..accounts import AccountRole
    from ..apikeys import OPERATOR
    from ..errors import ValidationFailed

    wanted = owner.strip()
    if wanted == OPERATOR:
        return OPERATOR
    account = site.accounts.by_email(wanted) if "@" in wanted else None
    if account is None and wanted:
        try:
            account = site.accounts.get(wanted)
        except LookupError:
            account = None
    if account is None:
        raise ValidationFailed.single(
            "owner",
            "unknown",
            f"{wanted!r} is no account: give an organiser's or operator's e-mail or account id",
            what="API key",
        )
    return OPERATOR if account.role is AccountRole.OPERATOR else account.account_id


@apikey.command(name="list")
@click.option("--owner", default=None, help="Only the keys of this account (e-mail or id) or 'operator'.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@settings_options("database_url")
def list_keys(owner: str | None, as_json: bool) -> None:
    """Every key (never its secret), revoked ones marked."""
    with reported_errors():
        site = platform()
        site.init()
        keys = site.api_keys_of(None if owner is None else _account_owner(site, owner))
    rows = [
        {
            "key_id": k.key_id,
            "owner": k.owner,
            "scopes": sorted(k.scopes),
            "label": k.label,
            "rate_per_minute": k.rate_per_minute,
            "created_at": k.created_at.isoformat(),
            "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None,
        }
        for k in keys
    ]
    emit(
        rows,
        as_json,
        lambda: table(
            "API keys",
            ("key", "owner", "scopes", "label", "per minute", "revoked"),
            [
                (
                    k.key_id,
                    k.owner,
                    ",".join(sorted(k.scopes)),
                    k.label,
                    k.rate_per_minute,
                    k.revoked_at or "",
                )
                for k in keys
            ],
            unbroken=("key", "owner"),
        ),
    )


@apikey.command()
@click.argument("key_id")
@settings_options("database_url")
def revoke(key_id: str) -> None:
    """Revoke a key at once: the next request with it is refused."""
    with reported_errors():
        site = platform()
        site.init()
        key = site.revoke_api_key(key_id)
    click.echo(f"key {key.key_id} of {key.owner} revoked at {key.revoked_at}")
