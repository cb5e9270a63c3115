"""The ledger and the sandbox as plugins: registered through the same hooks a third party uses.

Both connect lazily to ``$DIANDIAN_DATABASE_URL`` (default: ``diandian.db`` in the working
folder) on first use, so loading plugins never touches a database.
"""

from __future__ import annotations

from collections.abc import Callable

import diandian

from .ledger import Ledger
from .provider import OffsetProvider, PaymentProvider
from .sandbox import SandboxPayments


@diandian.hookimpl
def diandian_register_offset_providers(register: Callable[[str, OffsetProvider], None]) -> None:
    register("ledger", Ledger())


@diandian.hookimpl
def diandian_register_payment_providers(register: Callable[[str, PaymentProvider], None]) -> None:
    register("sandbox", SandboxPayments())
