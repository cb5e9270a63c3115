"""The ``diandian`` command line. Subcommands import lazily so ``diandian --help`` stays fast."""

from __future__ import annotations

import importlib
from typing import Any

import click

from ..__about__ import __version__

# command name -> "module:attribute"; each module owns its commands
COMMANDS = {
    "plugins": "diandian.cli.catalogue:plugins",
    "questionnaire": "diandian.cli.catalogue:questionnaire",
    "factors": "diandian.cli.catalogue:factors",
    "footprint": "diandian.cli.footprint:footprint",
    "demo": "diandian.cli.demo:demo",
    "ledger": "diandian.cli.ledger:ledger",
    "certificate": "diandian.cli.certificates:certificate",
    "verify": "diandian.cli.certificates:verify",
    "poster": "diandian.cli.certificates:poster",
    "leaderboard": "diandian.cli.certificates:leaderboard",
    "scene": "diandian.cli.scenes:scene",
    "new-plugin": "diandian.cli.scaffold:new_plugin",
    "operator": "diandian.cli.operator:operator",
    "serve": "diandian.cli.serve:serve",
    "apikey": "diandian.cli.apikeys:apikey",
}


class LazyGroup(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from .output import check_arguments

        check_arguments(args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, attribute = COMMANDS[cmd_name].partition(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="diandian")
def cli() -> None:
    """Diandian: venue carbon footprints, credits and honour certificates."""


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv, prog_name="diandian", standalone_mode=True)
