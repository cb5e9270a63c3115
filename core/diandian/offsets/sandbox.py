"""Sandbox providers for demos and tests: payments that complete locally, and a registry that
"retires" without a registry. Both are clearly sandbox: their ids start with ``sbx_`` /
``SANDBOX-`` and nothing they produce is a real payment or a real retirement.

:class:`SandboxPayments` behaves like a card processor: intents are idempotent by key and kept
in the ``sandbox_intents`` table (so separate processes agree on what was charged); the
payer's action (:meth:`SandboxPayments.pay`) produces the asynchronous callback body and its
``Diandian-Sandbox-Signature: t=<unix>,v1=<hmac-sha256>`` header, which
:meth:`SandboxPayments.verify_callback` checks before anything is trusted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime

import attrs
import cattrs
import sqlalchemy as sa

from .. import db
from ..errors import Problem, ValidationFailed
from ..json_input import loads
from .model import CreditBatch, converter
from .provider import PaymentEvent, PaymentIntent, Refund, RegistryReceipt
from .schema import sandbox_intents
from .store import new_id, stamp, unstamp

SIGNATURE_HEADER = "Diandian-Sandbox-Signature"
DEFAULT_SECRET = b"diandian-sandbox-secret"


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SandboxPayments:
    """A :class:`~diandian.offsets.provider.PaymentProvider` that settles in the database.

    ``checkout_url`` is the address of the sandbox checkout page; an intent's ``pay_url`` is it
    followed by the intent id (the platform passes ``<public URL>/sandbox/pay/``).
    """

    name = "sandbox"

    def __init__(
        self,
        database: sa.Engine | str | None = None,
        *,
        secret: bytes = DEFAULT_SECRET,
        clock: Callable[[], datetime] = _utcnow,
        checkout_url: str = "sandbox://pay/",
    ) -> None:
        self._database = db.LazyDatabase(database)
        self._secret = secret
        self._clock = clock
        self._checkout_url = checkout_url

    @property
    def database(self) -> sa.Engine:
        return self._database.get()

    def create_intent(
        self, *, order_id: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> PaymentIntent:
        try:
            with db.write(self.database) as conn:
                if self._by_key(conn, idempotency_key) is None:
                    conn.execute(
                        sandbox_intents.insert().values(
                            intent_id=new_id("sbx"),
                            idempotency_key=idempotency_key,
                            order_id=order_id,
                            amount_minor=amount_minor,
                            currency=currency,
                            status="requires_payment",
                            created_at=stamp(self._clock()),
                        )
                    )
        except sa.exc.IntegrityError:
            pass  # a concurrent request with the same key inserted it first: use that one
        with db.read(self.database) as conn:
            row = self._by_key(conn, idempotency_key)
        assert row is not None
        if (row.order_id, row.amount_minor, row.currency) != (order_id, amount_minor, currency):
            raise ValidationFailed.single("idempotency_key", "reused", "was used for another intent")
        return self._intent(row)

    @staticmethod
    def _by_key(conn: sa.Connection, key: str) -> sa.Row[tuple[object, ...]] | None:
        return conn.execute(
            sa.select(sandbox_intents).where(sandbox_intents.c.idempotency_key == key)
        ).one_or_none()

    def _intent(self, row: sa.Row[tuple[object, ...]]) -> PaymentIntent:
        m = row._mapping
        return PaymentIntent(
            self.name,
            str(m["intent_id"]),
            str(m["order_id"]),
            int(m["amount_minor"]),
            str(m["currency"]),
            str(m["status"]),
            f"{self._checkout_url}{m['intent_id']}",
        )

    def _row(self, conn: sa.Connection, intent_id: str) -> sa.Row[tuple[object, ...]]:
        row = conn.execute(
            sa.select(sandbox_intents).where(sandbox_intents.c.intent_id == intent_id)
        ).one_or_none()
        if row is None:
            raise ValidationFailed.single("intent_id", "unknown", f"no sandbox intent {intent_id!r}")
        return row

    def intent(self, intent_id: str) -> PaymentIntent:
        """The intent ``intent_id`` (for the checkout page); ValidationFailed naming ``intent_id``."""
        with db.read(self.database) as conn:
            return self._intent(self._row(conn, intent_id))

    def pay(self, intent_id: str, *, succeed: bool = True) -> tuple[bytes, dict[str, str]]:
        """The payer acts: settle the intent once and return the signed callback to deliver."""
        with db.write(self.database) as conn:
            row = self._row(conn, intent_id)
            if row.status == "requires_payment":
                conn.execute(
                    sandbox_intents.update()
                    # settle once, even when two payers race on PostgreSQL
                    .where(
                        (sandbox_intents.c.intent_id == intent_id)
                        & (sandbox_intents.c.status == "requires_payment")
                    )
                    .values(status="succeeded" if succeed else "failed", settled_at=stamp(self._clock()))
                )
                row = self._row(conn, intent_id)
        event = self._event(row)
        assert event is not None
        return self.sign(event)

    def sign(self, event: PaymentEvent) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(converter.unstructure(event), sort_keys=True).encode()
        timestamp = str(int(self._clock().timestamp()))
        mac = hmac.new(self._secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        return body, {SIGNATURE_HEADER: f"t={timestamp},v1={mac}"}

    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> PaymentEvent:
        header = {k.lower(): v for k, v in headers.items()}.get(SIGNATURE_HEADER.lower(), "")
        parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
        timestamp, given = parts.get("t", ""), parts.get("v1", "")
        mac = hmac.new(self._secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        if not timestamp or not hmac.compare_digest(mac, given):
            raise ValidationFailed.single(
                "signature",
                "invalid",
                f"the {SIGNATURE_HEADER} header does not sign this body",
                what="payment callback",
            )
        try:
            event = converter.structure(loads(body, field="body", what="payment callback"), PaymentEvent)
        except ValidationFailed:
            raise
        except (ValueError, TypeError, cattrs.BaseValidationError) as exc:
            raise ValidationFailed(
                [Problem("body", "format", f"not a payment event: {exc}")], what="payment callback"
            ) from None
        if event.provider != self.name:
            raise ValidationFailed.single("provider", "mismatch", f"{event.provider!r} is not {self.name!r}")
        return event

    def retrieve(self, intent_id: str) -> PaymentEvent | None:
        with db.read(self.database) as conn:
            return self._event(self._row(conn, intent_id))

    def _event(self, row: sa.Row[tuple[object, ...]]) -> PaymentEvent | None:
        if row.status == "requires_payment" or row.settled_at is None:
            return None
        # a refunded intent had succeeded: the outcome of the payment itself does not change
        outcome = "failed" if row.status == "failed" else "succeeded"
        return PaymentEvent(
            self.name,
            row.intent_id,
            row.order_id,
            outcome,
            row.amount_minor,
            row.currency,
            unstamp(row.settled_at),
        )

    def refund(self, *, intent_id: str, amount_minor: int, currency: str, idempotency_key: str) -> Refund:
        with db.write(self.database) as conn:
            row = self._row(conn, intent_id)
            if row.status not in ("succeeded", "refunded"):
                raise ValidationFailed.single("intent_id", "not_paid", f"intent {intent_id} is {row.status}")
            if (amount_minor, currency) != (row.amount_minor, row.currency):
                raise ValidationFailed.single(
                    "amount_minor", "mismatch", "a sandbox refund is for the whole payment"
                )
            if row.refund_id is None:
                refund_id = "sbx_rf_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:16]
                conn.execute(
                    sandbox_intents.update()
                    .where(sandbox_intents.c.intent_id == intent_id)
                    .values(status="refunded", refund_id=refund_id)
                )
            else:
                refund_id = row.refund_id
        return Refund(self.name, refund_id, intent_id, amount_minor, currency)

    def charged(self) -> dict[str, int]:
        """Captured money per order id (refunds not subtracted): what the sandbox took."""
        with db.read(self.database) as conn:
            rows = conn.execute(
                sa.select(sandbox_intents.c.order_id, sa.func.sum(sandbox_intents.c.amount_minor))
                .where(sandbox_intents.c.status.in_(["succeeded", "refunded"]))
                .group_by(sandbox_intents.c.order_id)
            )
            return {order_id: int(total) for order_id, total in rows}


@attrs.frozen
class SandboxRegistry:
    """A :class:`~diandian.offsets.provider.RegistryAdapter` that records no real retirement."""

    name: str = "sandbox-registry"
    today: Callable[[], date] = attrs.field(default=lambda: datetime.now(UTC).date())

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
        digest = hashlib.sha256(f"{batch.serial.text}|{idempotency_key}".encode()).hexdigest()
        return RegistryReceipt(
            registry_retirement_id=f"SANDBOX-{digest[:16].upper()}",
            retired_on=self.today(),
            evidence=f"sandbox registry, not a real retirement; units {unit_first}-{unit_last}; sha256={digest}",
        )
