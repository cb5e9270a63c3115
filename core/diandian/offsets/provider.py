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

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol, runtime_checkable

import attrs

from .model import Coverage, CreditBatch, Order, Project, Quote, Retirement, Role


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
