"""The ledger and the sandbox as plugins: registered through the same hooks a third party uses.

Both are registered as :class:`Deferred` stand-ins that build the real object on first use,
so loading plugins imports no database library and touches no database; they then connect to
``$DIANDIAN_DATABASE_URL`` (default: ``diandian.db`` in the working folder).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import diandian

if TYPE_CHECKING:  # the protocols live beside the models, whose import loads cattrs
    from .provider import OffsetProvider, PaymentProvider

T = TypeVar("T")


class Deferred(Generic[T]):
    """Forwards every attribute to the object ``factory()`` builds on first use."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._target: T | None = None

    def __getattr__(self, name: str) -> Any:
        if self._target is None:
            self._target = self._factory()
        return getattr(self._target, name)


def _ledger() -> OffsetProvider:
    from .ledger import Ledger

    return Ledger()


def _sandbox() -> PaymentProvider:
    from .sandbox import SandboxPayments

    return SandboxPayments()


@diandian.hookimpl
def diandian_register_offset_providers(register: Callable[[str, OffsetProvider], None]) -> None:
    register("ledger", cast("OffsetProvider", Deferred(_ledger)))


@diandian.hookimpl
def diandian_register_payment_providers(register: Callable[[str, PaymentProvider], None]) -> None:
    register("sandbox", cast("PaymentProvider", Deferred(_sandbox)))
