"""A whole sandbox purchase in one call: quote -> reserve -> payment intent -> payer pays ->
signed callback -> paid -> allocated. What ``diandian ledger buy`` runs, and what the tests and
the benchmark drive. Real processors split it: the callback arrives on the web server.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .ledger import UNPAID, Ledger
from .model import Allocation, Order, OrderStatus, Role
from .sandbox import SandboxPayments
from .store import new_id


@attrs.frozen
class Purchase:
    order: Order
    allocations: tuple[Allocation, ...]


def buy(
    ledger: Ledger,
    payments: SandboxPayments,
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
    """Buy ``grams`` of ``project_id`` through the sandbox; the same key buys (and charges) once."""
    quote = ledger.quote(project_id, grams)
    order = ledger.reserve(
        quote,
        idempotency_key=idempotency_key or new_id("key"),
        beneficiary=beneficiary,
        scene_id=scene_id,
        role=role,
        metadata=metadata,
    )
    if order.status is OrderStatus.RESERVED or (order.status in UNPAID and order.payment_intent_id):
        intent = ledger.start_payment(order.order_id, payments)
        body, headers = payments.pay(intent.intent_id, succeed=succeed)
        order = ledger.handle_callback(payments, body, headers)
    return Purchase(order, tuple(ledger.allocations(order.order_id)))
