"""A whole purchase in one call: quote -> reserve -> payment intent -> payer pays -> signed
callback -> paid -> allocated, through any offset provider and payment provider. What
``diandian ledger buy``, the demo and :meth:`diandian.platform.Platform.buy` run, and what the
tests and the benchmark drive. Real processors split it: the callback arrives on the web server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from .model import Allocation, Order, OrderStatus, Role
from .store import new_id

if TYPE_CHECKING:
    from .provider import OffsetProvider, PaymentProvider

# an order with one of these statuses and an intent may still be paid (a late payment)
PAYABLE_AGAIN = (OrderStatus.EXPIRED, OrderStatus.CANCELLED, OrderStatus.FAILED)


@attrs.frozen
class Purchase:
    """The order as the purchase left it, and its allocated slices (none unless ``allocated``)."""

    order: Order
    allocations: tuple[Allocation, ...]


def buy(
    offsets: OffsetProvider,
    payments: PaymentProvider,
    *,
    project_id: str,
    grams: object,
    idempotency_key: str | None = None,
    beneficiary: str | None = None,
    scene_id: str | None = None,
    role: Role = Role.VISITOR,
    metadata: Mapping[str, str] | None = None,
    succeed: bool = True,
) -> Purchase:
    """Buy ``grams`` (an int, or text such as ``"38.2kg"``) of ``project_id``; the same
    ``idempotency_key`` buys (and charges) once.

    The payer's step: a payment provider with a ``pay(intent_id)`` method (the sandbox, a test
    processor) is paid through it (``succeed=False``: the payer cancels) and its callback
    applied; otherwise its ``retrieve`` is asked for the outcome. An order still unpaid, or one
    whose payment the offset provider takes elsewhere (a remote server), is returned
    ``reserved``: the payer pays at ``offsets.start_payment(...).pay_url``.
    """
    order = offsets.reserve(
        offsets.quote(project_id, grams),
        idempotency_key=idempotency_key or new_id("key"),
        beneficiary=beneficiary,
        scene_id=scene_id,
        role=role,
        metadata=metadata,
    )
    if order.status is OrderStatus.RESERVED or (order.status in PAYABLE_AGAIN and order.payment_intent_id):
        intent = offsets.start_payment(order.order_id, payments)
        # an intent of another provider is taken where the credits are held (a remote server):
        # the payer pays at its pay_url
        if intent.provider == payments.name:
            order = _pay(offsets, payments, intent.intent_id, succeed=succeed) or order
    allocated = order.status is OrderStatus.ALLOCATED
    return Purchase(order, offsets.order_record(order.order_id).allocations if allocated else ())


def _pay(
    offsets: OffsetProvider, payments: PaymentProvider, intent_id: str, *, succeed: bool
) -> Order | None:
    """The order once the payer's step is applied, or ``None`` while the payer has not paid."""
    pay = getattr(payments, "pay", None)
    if pay is not None:
        body, headers = pay(intent_id) if succeed else pay(intent_id, succeed=False)
        order: Order = offsets.handle_callback(payments, body, headers)
        return order
    outcome = payments.retrieve(intent_id)
    return offsets.confirm(outcome) if outcome is not None else None
