"""Quote -> reserve -> pay -> allocate, idempotency, expiry, late payments, cancel, refusals;
on SQLite and PostgreSQL. Every test ends with a clean audit (see the ``ledger`` fixture)."""

from __future__ import annotations

import attrs
import pytest
import sqlalchemy as sa
from diandian.errors import ValidationFailed
from diandian.offsets import (
    InsufficientCredits,
    Ledger,
    OrderStatus,
    SandboxPayments,
    SliceState,
    buy,
)
from diandian.offsets.schema import ledger_events, orders, sandbox_intents

from .conftest import Clock, Paid


def events(ledger: Ledger) -> int:
    with ledger.database.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(ledger_events)).scalar_one())


def balances(ledger: Ledger, batch_id: str) -> tuple[int, int, int, int]:
    b = ledger.batch(batch_id)
    assert b.free_g + b.reserved_g + b.allocated_g + b.retired_g == b.issued_g
    return b.free_g, b.reserved_g, b.allocated_g, b.retired_g


def test_purchase_allocates_oldest_vintage_first_and_notifies(
    ledger: Ledger, payments: SandboxPayments, paid: Paid
) -> None:
    first = buy(ledger, payments, project_id="p1", grams="1.5t", idempotency_key="a")
    assert first.order.status is OrderStatus.ALLOCATED
    assert [(a.batch_id, a.g_start, a.g_end) for a in first.allocations] == [("b2021", 0, 1_500_000)]
    second = buy(ledger, payments, project_id="p1", grams="1t", idempotency_key="b")
    # the 2021 batch runs out, the rest comes from 2023
    assert [(a.batch_id, a.g_start, a.g_end) for a in second.allocations] == [
        ("b2021", 1_500_000, 2_000_000),
        ("b2023", 0, 500_000),
    ]
    assert balances(ledger, "b2021") == (0, 0, 2_000_000, 0)
    assert balances(ledger, "b2023") == (2_500_000, 0, 500_000, 0)
    assert [o.order_id for o in paid.orders] == [first.order.order_id, second.order.order_id]
    assert paid.orders[0].status is OrderStatus.ALLOCATED
    assert payments.charged() == {
        first.order.order_id: first.order.price.total_minor,
        second.order.order_id: second.order.price.total_minor,
    }


def test_quote_is_integer_rounded_and_expires(ledger: Ledger, clock: Clock) -> None:
    quote = ledger.quote("p1", "38.2001kg")
    assert quote.grams == 38_201
    assert (quote.price.credit_minor, quote.price.fee_minor, quote.price.currency) == (192, 10, "CNY")
    clock.advance(minutes=16)
    before = events(ledger)
    with pytest.raises(ValidationFailed) as caught:
        ledger.reserve(quote, idempotency_key="late")
    assert caught.value.problems[0].path == "quote.valid_until"
    assert events(ledger) == before


def test_forged_quote_price_is_refused(ledger: Ledger) -> None:
    quote = ledger.quote("p1", 10_000)
    cheap = attrs.evolve(quote, price=attrs.evolve(quote.price, credit_minor=1))
    with pytest.raises(ValidationFailed, match=r"quote\.price"):
        ledger.reserve(cheap, idempotency_key="forged")


def test_same_key_returns_first_order_and_charges_once(ledger: Ledger, payments: SandboxPayments) -> None:
    first = buy(ledger, payments, project_id="p1", grams=250_000, idempotency_key="visit-1")
    again = buy(ledger, payments, project_id="p1", grams=250_000, idempotency_key="visit-1")
    assert again.order == first.order and again.allocations == first.allocations
    assert payments.charged() == {first.order.order_id: first.order.price.total_minor}
    with pytest.raises(ValidationFailed) as caught:
        buy(ledger, payments, project_id="p1", grams=999, idempotency_key="visit-1")
    assert caught.value.problems[0].path == "idempotency_key"


def test_replayed_callback_changes_nothing(ledger: Ledger, payments: SandboxPayments) -> None:
    order = ledger.reserve(ledger.quote("p1", 5000), idempotency_key="k")
    intent = ledger.start_payment(order.order_id, payments)
    body, headers = payments.pay(intent.intent_id)
    done = ledger.handle_callback(payments, body, headers)
    count = events(ledger)
    assert ledger.handle_callback(payments, body, headers) == done
    assert events(ledger) == count


def test_unpaid_reservation_expires_and_frees_its_grams(ledger: Ledger, clock: Clock) -> None:
    order = ledger.reserve(ledger.quote("p1", "2t"), idempotency_key="slow")
    assert balances(ledger, "b2021") == (0, 2_000_000, 0, 0)
    assert ledger.expire() == []
    clock.advance(minutes=15, seconds=1)
    assert ledger.expire() == [order.order_id]
    assert ledger.order(order.order_id).status is OrderStatus.EXPIRED
    assert balances(ledger, "b2021") == (2_000_000, 0, 0, 0)
    assert {a.state for a in ledger.allocations(order.order_id)} == {SliceState.RELEASED}


def test_late_payment_is_reallocated_when_credits_remain(
    ledger: Ledger, payments: SandboxPayments, clock: Clock
) -> None:
    order = ledger.reserve(ledger.quote("p1", "1t"), idempotency_key="late")
    intent = ledger.start_payment(order.order_id, payments)
    clock.advance(hours=1)
    ledger.expire()
    body, headers = payments.pay(intent.intent_id)
    done = ledger.handle_callback(payments, body, headers)
    assert done.status is OrderStatus.ALLOCATED
    live = [a for a in ledger.allocations(order.order_id) if a.state is SliceState.ALLOCATED]
    assert sum(a.grams for a in live) == 1_000_000


def test_late_payment_is_refunded_when_credits_are_gone(
    ledger: Ledger, payments: SandboxPayments, clock: Clock
) -> None:
    order = ledger.reserve(ledger.quote("p2", "1t"), idempotency_key="late")
    intent = ledger.start_payment(order.order_id, payments)
    clock.advance(hours=1)
    ledger.expire()
    buy(ledger, payments, project_id="p2", grams="1t", idempotency_key="quick")  # takes the last tonne
    body, headers = payments.pay(intent.intent_id)
    done = ledger.handle_callback(payments, body, headers)
    assert done.status is OrderStatus.REFUNDED and done.refund_id
    assert balances(ledger, "c2022") == (0, 0, 1_000_000, 0)
    with ledger.database.connect() as conn:
        assert (
            conn.execute(
                sa.select(sandbox_intents.c.status).where(sandbox_intents.c.intent_id == intent.intent_id)
            ).scalar_one()
            == "refunded"
        )


def test_failed_payment_releases_and_cancel_releases(ledger: Ledger, payments: SandboxPayments) -> None:
    failed = buy(ledger, payments, project_id="p1", grams=700, idempotency_key="declined", succeed=False)
    assert failed.order.status is OrderStatus.FAILED
    kept = ledger.reserve(ledger.quote("p1", 300), idempotency_key="changed-mind")
    assert ledger.cancel(kept.order_id).status is OrderStatus.CANCELLED
    assert balances(ledger, "b2021") == (2_000_000, 0, 0, 0)
    done = buy(ledger, payments, project_id="p1", grams=100, idempotency_key="ok").order
    with pytest.raises(ValidationFailed, match="cannot be cancelled"):
        ledger.cancel(done.order_id)


@pytest.mark.parametrize(
    ("project_id", "grams", "path"),
    [
        ("p1", 0, "grams"),
        ("p1", -1, "grams"),
        ("p1", 10**15, "grams"),
        ("p1", 0.5, "grams"),
        ("nope", 100, "project_id"),
    ],
)
def test_bad_quotes_write_nothing(ledger: Ledger, project_id: str, grams: object, path: str) -> None:
    before = events(ledger)
    with pytest.raises(ValidationFailed) as caught:
        ledger.quote(project_id, grams)
    assert caught.value.problems[0].path == path
    assert events(ledger) == before


def test_currency_mismatch_is_refused(ledger: Ledger, payments: SandboxPayments) -> None:
    with pytest.raises(ValidationFailed) as caught:
        ledger.quote("p2", 100, currency="CNY")
    assert caught.value.problems[0].path == "currency"
    order = ledger.reserve(ledger.quote("p1", 100), idempotency_key="k")
    intent = ledger.start_payment(order.order_id, payments)
    # correctly signed, but in another currency than the order
    event = payments.verify_callback(*payments.pay(intent.intent_id))
    forged_body, forged_headers = payments.sign(attrs.evolve(event, currency="USD"))
    before = events(ledger)
    with pytest.raises(ValidationFailed) as caught:
        ledger.handle_callback(payments, forged_body, forged_headers)
    assert [p.path for p in caught.value.problems] == ["currency"]
    assert events(ledger) == before
    assert ledger.order(order.order_id).status is OrderStatus.RESERVED
    ledger.handle_callback(payments, *payments.pay(intent.intent_id))


@pytest.mark.parametrize("tamper", ["body", "signature", "missing", "other-secret"])
def test_tampered_callback_is_refused_and_writes_nothing(
    ledger: Ledger, payments: SandboxPayments, tamper: str
) -> None:
    order = ledger.reserve(ledger.quote("p1", 100), idempotency_key="k")
    intent = ledger.start_payment(order.order_id, payments)
    body, headers = payments.pay(intent.intent_id)
    if tamper == "body":
        body = body.replace(b'"amount_minor": ', b'"amount_minor": 1')
    elif tamper == "signature":
        headers = {k: v[:-1] + ("0" if v[-1] != "0" else "1") for k, v in headers.items()}
    elif tamper == "missing":
        headers = {}
    else:
        body, headers = SandboxPayments(ledger.database, secret=b"attacker").pay(intent.intent_id)
    before = events(ledger)
    with pytest.raises(ValidationFailed) as caught:
        ledger.handle_callback(payments, body, headers)
    assert caught.value.problems[0].path == "signature"
    assert events(ledger) == before
    assert ledger.order(order.order_id).status is OrderStatus.RESERVED
    assert ledger.handle_callback(payments, *payments.pay(intent.intent_id)).status is OrderStatus.ALLOCATED


def test_bad_order_fields_are_all_named(ledger: Ledger) -> None:
    quote = ledger.quote("p1", 100)
    with pytest.raises(ValidationFailed) as caught:
        ledger.reserve(quote, idempotency_key="", beneficiary="x" * 201, metadata={"k": "v" * 501})
    assert {p.path for p in caught.value.problems} == {"idempotency_key", "beneficiary", "metadata.k"}


def test_not_enough_credits_reserves_nothing(ledger: Ledger) -> None:
    before = events(ledger)
    with pytest.raises(InsufficientCredits, match="grams: project 'p1' has 5000000 g free"):
        ledger.reserve(ledger.quote("p1", "5.000001t"), idempotency_key="greedy")
    assert events(ledger) == before
    with ledger.database.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(orders)).scalar_one() == 0


def test_recover_applies_a_lost_callback(ledger: Ledger, payments: SandboxPayments) -> None:
    order = ledger.reserve(ledger.quote("p1", 4000), idempotency_key="lost")
    intent = ledger.start_payment(order.order_id, payments)
    payments.pay(intent.intent_id)  # the callback never arrives
    [changed] = ledger.recover({"sandbox": payments})
    assert changed.status is OrderStatus.ALLOCATED


def test_lookups(ledger: Ledger, payments: SandboxPayments) -> None:
    done = buy(ledger, payments, project_id="p1", grams=10, idempotency_key="x", scene_id="ev").order
    assert ledger.order_by_key("x") == done
    assert ledger.orders(scene_id="ev") == [done]
    assert ledger.orders(status=OrderStatus.RESERVED) == []
    with pytest.raises(ValidationFailed, match="order_id"):
        ledger.order("ord_missing")
    assert [p.project_id for p in ledger.projects()] == ["p1", "p2"]
