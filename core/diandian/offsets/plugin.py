"""The ledger and the sandbox as plugins: registered through the same hooks a third party uses.

Both are registered as factories: a platform calls each with its
:class:`~diandian.offsets.provider.ProviderContext` and gets a provider on its own database and
plugin host, so loading plugins imports no database library and touches no database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import diandian

if TYPE_CHECKING:  # the protocols live beside the models, whose import loads cattrs
    from .provider import OffsetProvider, ProviderContext, ProviderFactory
    from .sandbox import SandboxPayments


def ledger_factory(context: ProviderContext) -> OffsetProvider:
    """The local ledger on the platform's database, notifying through its host (typed as the
    protocol, so that the type checker holds the ledger to it)."""
    from .ledger import Ledger

    return Ledger(context.database, host=context.host, clock=context.clock)


def sandbox_factory(context: ProviderContext) -> SandboxPayments:
    """Sandbox payments kept in the platform's database, paid at ``<public URL>/sandbox/pay/<id>``."""
    from .sandbox import SandboxPayments

    checkout = context.settings.public_url.rstrip("/") + "/sandbox/pay/"
    return SandboxPayments(context.database, clock=context.clock, checkout_url=checkout)


@diandian.hookimpl
def diandian_register_offset_providers(register: Callable[[str, ProviderFactory], None]) -> None:
    register("ledger", ledger_factory)


@diandian.hookimpl
def diandian_register_payment_providers(register: Callable[[str, ProviderFactory], None]) -> None:
    register("sandbox", sandbox_factory)
