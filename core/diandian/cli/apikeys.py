"""``diandian apikey``: create, list and revoke the API keys of ``/api/v1``.

A key is shown once, when it is created; only its hash is stored. ``--owner`` is an organiser
account id, or ``operator`` for the platform's staff (who see every order).
"""

from __future__ import annotations

import click

from .options import platform, settings_options
from .output import emit, reported_errors, table

SCOPES = ("footprints", "orders", "certificates")


@click.group()
def apikey() -> None:
    """API keys for POS and booking systems: scoped, hashed at rest, revocable."""


@apikey.command()
@click.option("--owner", required=True, help="Organiser account id, or 'operator'.")
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
        created = site.create_api_key(owner, scopes, label=label, rate_per_minute=rate)
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


@apikey.command(name="list")
@click.option("--owner", default=None, help="Only this owner's keys.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@settings_options("database_url")
def list_keys(owner: str | None, as_json: bool) -> None:
    """Every key (never its secret), revoked ones marked."""
    with reported_errors():
        site = platform()
        site.init()
        keys = site.api_keys_of(owner)
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
