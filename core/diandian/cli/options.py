"""The command line's settings flags and the platform they build.

Every flag is a field of :class:`~diandian.settings.Settings` (its name, help and flag come from
there), and the environment is read by ``Settings.load``, not by click: one class parses the
configuration for every front end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..platform import Platform

F = TypeVar("F", bound=Callable[..., Any])

# settings field -> (flag, help text); importing Settings (and attrs) waits until a command runs,
# which keeps `diandian --help` light
FLAGS = {
    "database_url": (
        "--database-url",
        "SQLAlchemy URL (default: sqlite:///diandian.db here; $DIANDIAN_DATABASE_URL).",
    ),
    "key_folder": ("--key-folder", "Signing key ring folder (default: $DIANDIAN_HOME/keys)."),
    "public_url": (
        "--public-url",
        "Base URL visitors reach; door posters point here ($DIANDIAN_PUBLIC_URL).",
    ),
    "issuer": ("--issuer", "Issuer named in new certificates ($DIANDIAN_ISSUER; default diandian:local)."),
    "offset_provider": ("--offset-provider", "Offset provider by registered name (default: ledger)."),
    "payment_provider": ("--payment", "Payment provider by registered name (default: sandbox)."),
    "language": ("--lang", "Language: en or zh-CN ($DIANDIAN_LANGUAGE)."),
    "status_valid_days": ("--valid-days", "Days verifiers may rely on a status list (default 7)."),
}
SETTINGS_KEY = "diandian_settings"


def settings_options(*fields: str) -> Callable[[F], F]:
    """Add the flags of these settings fields. They are not passed to the command: it reads
    them through :func:`platform`, which hands them to ``Settings.load``."""

    def decorate(command: F) -> F:
        for field in reversed(fields):
            flag, help_text = FLAGS[field]
            command = click.option(
                flag, field, default=None, help=help_text, expose_value=False, callback=_keep
            )(command)
        return command

    return decorate


def _keep(ctx: click.Context, param: click.Parameter, value: object) -> object:
    ctx.meta.setdefault(SETTINGS_KEY, {})[param.name] = value
    return value


def platform() -> Platform:
    """The platform of the running command: its settings flags, then ``DIANDIAN_*``, then defaults."""
    from ..platform import Platform
    from ..settings import Settings

    ctx = click.get_current_context()
    return Platform(Settings.load(flags=ctx.meta.get(SETTINGS_KEY, {})))
