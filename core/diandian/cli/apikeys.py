"""``diandian apikey``: create, list and revoke the API keys of ``/api/v1``.

A key is shown once, when it is created; only its hash is stored. ``--owner`` names an existing
account by e-mail or id: an organiser's key reads and uses only that organiser's scenes and
participants, an operator account's key (or ``operator``) is the platform's staff's, which sees
every order. Anything else is refused naming ``owner``.
"""

from __future__ import annotations

from argparse import ArgumentParser, Namespace

from .arguments import add_command, add_json, add_settings, platform, subcommands, whole_number
from .output import emit, reported_errors, say, table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..platform import Platform

SCOPES = ("footprints", "orders", "certificates")
MAX_RATE = 1_000_000  # diandian.apikeys refuses more (a test keeps the two the same)


def define_apikey(parser: ArgumentParser) -> None:
    commands = subcommands(parser)
    made = add_command(commands, "create", create)
    made.add_argument(
        "--owner",
        required=True,
        metavar="ACCOUNT",
        help="An organiser or operator account, by e-mail or id (or 'operator' for the staff).",
    )
    made.add_argument(
        "--scope",
        dest="scopes",
        action="append",
        required=True,
        choices=SCOPES,
        help="Repeat for several scopes.",
    )
    made.add_argument("--label", default="", metavar="TEXT", help="What the key is for (shown in lists).")
    made.add_argument(
        "--rate",
        type=whole_number(1, MAX_RATE),
        default=None,
        metavar="N",
        help=f"Requests per minute, 1 to {MAX_RATE} (default: $DIANDIAN_API_RATE_PER_MINUTE or 600).",
    )
    add_json(made)
    add_settings(made, "database_url")
    listed = add_command(commands, "list", list_keys)
    listed.add_argument(
        "--owner",
        default=None,
        metavar="ACCOUNT",
        help="Only the keys of this account (e-mail or id) or 'operator'.",
    )
    add_json(listed)
    add_settings(listed, "database_url")
    revoked = add_command(commands, "revoke", revoke)
    revoked.add_argument(
        "key_id",
        metavar="KEY_ID",
        help="The key's id, as `apikey list` shows it (a whole dd_<id>_<secret> key names its id).",
    )
    add_settings(revoked, "database_url")


def create(args: Namespace) -> None:
    """Create a key; its secret is printed this once and cannot be shown again."""
    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        created = site.create_api_key(
            _account_owner(site, args.owner), args.scopes, label=args.label, rate_per_minute=args.rate
        )
    key = created.key
    data = {"key_id": key.key_id, "owner": key.owner, "scopes": sorted(key.scopes), "secret": created.secret}

    def human() -> None:
        print(created.secret)
        say(
            f"key {key.key_id} for {key.owner} ({', '.join(sorted(key.scopes))}): keep the line above,"
            " it is shown only now"
        )

    emit(data, args.as_json, human)


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


def list_keys(args: Namespace) -> None:
    """Every key (never its secret), revoked ones marked."""
    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        keys = site.api_keys_of(None if args.owner is None else _account_owner(site, args.owner))
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
        args.as_json,
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


def revoke(args: Namespace) -> None:
    """Revoke a key at once: the next request with it is refused."""
    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        key = site.revoke_api_key(args.key_id)
    print(f"key {key.key_id} of {key.owner} revoked at {key.revoked_at}")
