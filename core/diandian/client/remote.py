"""The remote offset provider: buy credits through a central Diandian server.

A hotel's or a shop's own process computes footprints locally (the engine: microseconds, no
network) and buys through :class:`RemoteOffsets`, which speaks to the central server's
``/api/v1``: the server holds the credit inventory, takes the payment and issues the
certificate. It is registered as the offset provider ``remote`` through the same hook as the
local ledger; a platform uses it with ``DIANDIAN_OFFSET_PROVIDER=remote``,
``DIANDIAN_REMOTE_URL`` and ``DIANDIAN_REMOTE_API_KEY`` (a key with the ``orders`` scope, and
``certificates`` to issue certificates)::

    offsets = RemoteOffsets(Client("https://diandian.example.org", api_key="dd_..."))
    quote = offsets.quote("demo-cdcer-greenway", footprint.grams)
    order = offsets.reserve(quote, idempotency_key=f"booking:{booking_id}")
    print(offsets.payment(order.order_id).pay_url)     # the payer pays on the server

Every call that changes something carries its idempotency key, so the client's retries after a
timeout or a restarted server never place or charge an order twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from ..errors import ValidationFailed
from .http import Client

if TYPE_CHECKING:
    from ..certificates.model import Certificate
    from ..offsets.model import Coverage, Order, Project, Quote, Retirement, Role
    from ..offsets.provider import OrderRecord, PaymentEvent, PaymentIntent, PaymentProvider, RegistryAdapter
    from ..settings import Settings


class RemoteOffsets:
    """An :class:`~diandian.offsets.provider.OffsetProvider` over a :class:`Client`: the central
    server holds the credits, takes the payment and retires; this process quotes, reserves,
    reads orders and their records, and may certify them with its own key."""

    name = "remote"

    def __init__(self, client: Client) -> None:
        self.client = client
        self._intents: dict[str, PaymentIntent] = {}

    def projects(self) -> Sequence[Project]:
        return self.client.projects()

    def quote(self, project_id: str, grams: object) -> Quote:
        """The server's price for ``grams`` (an int or text such as ``"38.2kg"``)."""
        if not isinstance(grams, int | str) or isinstance(grams, bool):
            raise ValidationFailed.single("grams", "type", "must be an integer or text such as '38.2kg'")
        return self.client.quote(project_id, grams)

    def reserve(
        self,
        quote: Quote,
        *,
        idempotency_key: str,
        beneficiary: str | None = None,
        scene_id: str | None = None,
        role: Role | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Order:
        """Place the order on the server (the same key returns the first order). ``scene_id`` is
        the server's scene id or slug, of a scene the key's owner organises; ``role`` is always
        visitor over the API."""
        participant = dict(metadata or {}).pop("participant_id", None)
        placed = self.client.place_order(
            quote.project_id,
            quote.grams,
            idempotency_key=idempotency_key,
            beneficiary=beneficiary,
            scene=scene_id,
            participant_id=participant,
            metadata={k: v for k, v in (metadata or {}).items() if k != "participant_id"},
        )
        if placed.payment is not None:
            self._intents[placed.order.order_id] = placed.payment
        return placed.order

    def payment(self, order_id: str) -> PaymentIntent | None:
        """The payment intent the server opened for an order placed here (where the payer goes)."""
        return self._intents.get(order_id)

    def start_payment(self, order_id: str, payments: PaymentProvider) -> PaymentIntent:
        """The payment the server opened with its own processor when the order was placed here,
        its ``provider`` named ``remote`` (the local ``payments`` takes no part: the server is
        paid and told by its processor). ValidationFailed naming ``order_id`` for an order not
        placed through this provider since it started (place it again with the same
        idempotency key: the server answers with the same order and payment)."""
        intent = self._intents.get(order_id)
        if intent is None:
            raise ValidationFailed.single(
                "order_id",
                "unknown_payment",
                f"order {order_id} was not placed here; place it again with its idempotency key",
            )
        return attrs.evolve(intent, provider=self.name)

    def handle_callback(self, payments: PaymentProvider, body: bytes, headers: Mapping[str, str]) -> Order:
        """Refused: the central server receives its payment processor's callbacks."""
        raise ValidationFailed.single(
            "payment", "remote", f"offset provider {self.name!r}: callbacks go to the central server"
        )

    def confirm(self, payment: PaymentEvent) -> Order:
        """The server applies payments itself (the processor calls it back); this reads the
        order's state there."""
        return self.client.order(payment.order_id)

    def cancel(self, order_id: str) -> Order:
        return self.client.cancel_order(order_id)

    def retire(self, registry: RegistryAdapter, *, beneficiary: str, reason: str) -> Sequence[Retirement]:
        """Refused: the central server's operator retires the pooled credits."""
        raise ValidationFailed.single(
            "registry",
            "remote",
            f"offset provider {self.name!r}: the central server's operator retires its credits",
        )

    def status(self, order_id: str) -> Coverage:
        return self.client.order_coverage(order_id)

    def order_record(self, order_id: str) -> OrderRecord:
        return self.client.order_record(order_id)

    def order(self, order_id: str) -> Order:
        return self.client.order(order_id)

    def issue_certificate(self, order_id: str, *, participant_id: str | None = None) -> Certificate:
        """The server's signed certificate of a paid order."""
        return self.client.issue_certificate(order_id, participant_id=participant_id)


def from_settings(settings: Settings) -> RemoteOffsets:
    """The provider for settings that name the remote server (``remote_url``) and its key."""
    if not settings.remote_url:
        raise ValidationFailed.single(
            "remote_url", "required", "set DIANDIAN_REMOTE_URL to the central server"
        )
    return RemoteOffsets(
        Client(settings.remote_url, settings.remote_api_key or None, timeout=settings.remote_timeout)
    )
