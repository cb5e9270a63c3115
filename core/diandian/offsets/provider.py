"""The two provider interfaces behind the plugin hooks, shaped after real processors.

:class:`OffsetProvider` quotes, reserves, confirms, retires and reports on credits; the local
:class:`~diandian.offsets.ledger.Ledger` is the default one (registered as ``"ledger"``), and a
remote client or a registry adapter can stand in its place.

:class:`PaymentProvider` is the money side: create an intent for an order (idempotently), verify
the processor's signed asynchronous callback, look an intent's outcome up again (to recover
from a lost callback) and refund. The built-in ``"sandbox"`` provider completes payments locally
for demos and tests.

:class:`RegistryAdapter` performs a whole-unit retirement at a registry and returns its receipt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from .model import Allocation, Coverage, CreditBatch, Order, Project, Quote, Retirement, Role
from .serials import SerialBlock

if TYPE_CHECKING:
    import sqlalchemy as sa

    from ..settings import Settings


@attrs.frozen
class PaymentIntent:
    """A processor's payment intent for one order; ``pay_url`` is where the payer goes."""

    provider: str
    intent_id: str
    order_id: str
    amount_minor: int
    currency: str
    status: str  # "requires_payment" | "succeeded" | "failed" | "refunded"
    pay_url: str = ""


@attrs.frozen
class PaymentEvent:
    """A verified callback: the outcome of an intent, as the processor reported it."""

    provider: str
    intent_id: str
    order_id: str
    outcome: str  # "succeeded" | "failed"
    amount_minor: int
    currency: str
    occurred_at: datetime


@attrs.frozen
class Refund:
    provider: str
    refund_id: str
    intent_id: str
    amount_minor: int
    currency: str


@attrs.frozen
class RegistryReceipt:
    """What a registry returns for a retirement: its id, the date and the evidence to keep."""

    registry_retirement_id: str
    retired_on: date
    evidence: str


@attrs.frozen
class OrderRecord:
    """What an offset provider reports of one order: all a certificate needs.

    ``allocations`` are the order's allocated slices (gram intervals of credit batches) and
    ``batch_serials`` the registry serial block of each batch they lie in, by batch id; grams
    are integers.
    """

    order: Order
    project: Project
    allocated_g: int
    retired_g: int
    allocations: tuple[Allocation, ...]
    batch_serials: Mapping[str, SerialBlock]

    @property
    def fully_retired(self) -> bool:
        return self.order.grams > 0 and self.retired_g == self.order.grams


@runtime_checkable
class PaymentProvider(Protocol):
    name: str

    def create_intent(
        self, *, order_id: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> PaymentIntent:
        """Create (or, for a known ``idempotency_key``, return) the intent for an order."""
        ...

    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> PaymentEvent:
        """Check the callback's signature and parse it; :class:`ValidationFailed` if tampered."""
        ...

    def retrieve(self, intent_id: str) -> PaymentEvent | None:
        """The final outcome of an intent, or ``None`` while the payer has not paid."""
        ...

    def refund(self, *, intent_id: str, amount_minor: int, currency: str, idempotency_key: str) -> Refund:
        """Refund a succeeded intent; the same ``idempotency_key`` refunds once."""
        ...


@runtime_checkable
class RegistryAdapter(Protocol):
    @property
    def name(self) -> str:
        """The registry's name, recorded with each retirement."""
        ...

    def retire(
        self,
        batch: CreditBatch,
        *,
        unit_first: int,
        unit_last: int,
        beneficiary: str,
        reason: str,
        idempotency_key: str,
    ) -> RegistryReceipt:
        """Retire registry units ``unit_first..unit_last`` (inclusive) of ``batch``; the same
        ``idempotency_key`` returns the first receipt."""
        ...


@runtime_checkable
class OffsetProvider(Protocol):
    """What the platform object asks of the offset provider its settings name: everything a
    visitor's purchase and certificate need. The local :class:`~diandian.offsets.ledger.Ledger`
    is one implementation, :class:`~diandian.client.remote.RemoteOffsets` another; what only the
    local ledger keeps (its catalogue, batches, audit, settlement, claims) is asked of it by
    name, and refused with :class:`~diandian.offsets.errors.NeedsLocalLedger` for any other."""

    def projects(self) -> Sequence[Project]:
        """Projects that can be bought from."""
        ...

    def quote(self, project_id: str, grams: object) -> Quote:
        """Price ``grams`` (rounded up) of ``project_id``; valid for a window."""
        ...

    def reserve(
        self,
        quote: Quote,
        *,
        idempotency_key: str,
        beneficiary: str | None = None,
        scene_id: str | None = None,
        role: Role = Role.VISITOR,
        metadata: Mapping[str, str] | None = None,
    ) -> Order:
        """Hold the quoted grams for a time-to-live; the same key returns the first order."""
        ...

    def confirm(self, payment: PaymentEvent) -> Order:
        """Apply a verified payment outcome: allocate, fail, or refund a late payment."""
        ...

    def cancel(self, order_id: str) -> Order:
        """Release an unpaid reservation."""
        ...

    def retire(self, registry: RegistryAdapter, *, beneficiary: str, reason: str) -> Sequence[Retirement]:
        """Retire every whole unit fully covered by allocated slices."""
        ...

    def status(self, order_id: str) -> Coverage:
        """The order's allocations and the retirements that cover them."""
        ...

    def order_record(self, order_id: str) -> OrderRecord:
        """The order with its project, allocated and retired grams and slice serials."""
        ...

    def order(self, order_id: str) -> Order:
        """The order as it stands now; :class:`ValidationFailed` naming ``order_id`` if unknown."""
        ...

    def start_payment(self, order_id: str, payments: PaymentProvider) -> PaymentIntent:
        """The payment of a reserved order (the same one when asked again): opened with the
        platform's ``payments`` and linked to the order. A provider that takes payment where it
        holds the credits (a remote server) returns the intent opened there, its ``provider``
        naming itself, and ``payments`` takes no part; the payer goes to ``pay_url`` either way."""
        ...

    def handle_callback(self, payments: PaymentProvider, body: bytes, headers: Mapping[str, str]) -> Order:
        """Verify a processor's signed callback with ``payments`` and apply it (paid ->
        allocated; a payment that cannot be allocated is refunded). A provider whose payments
        are taken elsewhere refuses, naming itself."""
        ...


class Notifier(Protocol):
    """What a provider may tell plugins through (a :class:`~diandian.plugins.PluginHost`)."""

    def notify(self, hook: str, **kwargs: Any) -> None:
        """Call the notification hook ``hook`` (``diandian_order_paid``...) with ``kwargs``."""
        ...


@attrs.frozen
class ProviderContext:
    """What a provider factory is given to build its provider for one platform.

    ``database`` is the platform's SQLAlchemy engine (the local ledger and the sandbox keep their
    tables there), ``host`` its plugin host (for notifications), ``settings`` its settings and
    ``clock`` its clock (a callable returning the current UTC time).
    """

    settings: Settings
    database: sa.Engine
    host: Notifier
    clock: Callable[[], datetime]


ProviderFactory = Callable[[ProviderContext], Any]
"""Registered in place of a provider: called once per platform with its :class:`ProviderContext`."""


def build_provider(kind: str, name: str, registered: object, context: ProviderContext) -> Any:
    """The provider behind ``registered``: itself when it has the provider's methods
    (``create_intent`` for payments, ``reserve`` for offsets), else what calling it with
    ``context`` returns (a factory). ``kind`` is ``"payment"`` or ``"offset"``."""
    method = "create_intent" if kind == "payment" else "reserve"
    if hasattr(registered, method) or not callable(registered):
        return registered
    provider = registered(context)
    if not hasattr(provider, method):
        from ..errors import PluginError

        raise PluginError(
            name, None, f"the {kind} provider factory returned {provider!r}, without {method}()"
        )
    return provider
