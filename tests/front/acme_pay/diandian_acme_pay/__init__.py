"""A third party's payment provider: ACME Pay settles an intent the moment it is created (a
prepaid wallet), so there is no checkout page and no callback; the platform asks ``retrieve``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import diandian


class AcmePay:
    name = "acme"

    def __init__(self, clock: Callable[[], Any]) -> None:
        self.clock = clock
        self.intents: dict[str, dict[str, Any]] = {}

    def create_intent(self, *, order_id: str, amount_minor: int, currency: str, idempotency_key: str) -> Any:
        from diandian.offsets.provider import PaymentIntent

        intent = self.intents.setdefault(
            idempotency_key,
            {
                "intent_id": f"acme_{len(self.intents) + 1}",
                "order_id": order_id,
                "amount": amount_minor,
                "currency": currency,
            },
        )
        return PaymentIntent(
            self.name,
            intent["intent_id"],
            order_id,
            amount_minor,
            currency,
            "succeeded",
            f"https://pay.acme.example/{intent['intent_id']}",
        )

    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> Any:
        from diandian.errors import ValidationFailed

        raise ValidationFailed.single("signature", "unsupported", "ACME Pay sends no callbacks")

    def retrieve(self, intent_id: str) -> Any:
        from diandian.offsets.provider import PaymentEvent

        for intent in self.intents.values():
            if intent["intent_id"] == intent_id:
                return PaymentEvent(
                    self.name,
                    intent_id,
                    intent["order_id"],
                    "succeeded",
                    intent["amount"],
                    intent["currency"],
                    self.clock(),
                )
        return None

    def refund(self, *, intent_id: str, amount_minor: int, currency: str, idempotency_key: str) -> Any:
        from diandian.offsets.provider import Refund

        return Refund(self.name, f"refund_{intent_id}", intent_id, amount_minor, currency)


@diandian.hookimpl
def diandian_register_payment_providers(register: Callable[[str, Any], None]) -> None:
    register("acme", lambda context: AcmePay(context.clock))
