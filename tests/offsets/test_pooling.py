"""Pooled retirement, remainders, organiser claims and settlement, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from diandian.errors import ValidationFailed
from diandian.offsets import (
    ClaimPolicy,
    Ledger,
    Role,
    SandboxPayments,
    SandboxRegistry,
    buy,
)
from diandian.offsets.schema import orders

from .conftest import Clock

REGISTRY = SandboxRegistry(today=lambda: date(2025, 3, 2))


def test_retires_only_whole_fully_covered_tonnes(ledger: Ledger, payments: SandboxPayments) -> None:
    a = buy(ledger, payments, project_id="p1", grams="600kg", idempotency_key="a").order
    b = buy(ledger, payments, project_id="p1", grams="700kg", idempotency_key="b").order
    unpaid = ledger.reserve(ledger.quote("p1", "100kg"), idempotency_key="unpaid")
    [done] = ledger.retire(REGISTRY, beneficiary="Diandian pool, event X", reason="visitor compensation")
    assert (done.batch_id, done.unit_first, done.unit_last) == ("b2021", 1, 1)
    assert done.serial_range == "CDCER-CN51-P1-2021-000001-000002[1-1]"
    assert [(c.allocation_id, c.g_start, c.g_end) for c in done.covers] == [
        (ledger.allocations(a.order_id)[0].allocation_id, 0, 600_000),
        (ledger.allocations(b.order_id)[0].allocation_id, 600_000, 1_000_000),
    ]
    assert ledger.retire(REGISTRY, beneficiary="pool", reason="again") == []  # nothing new
    assert ledger.coverage(a.order_id).fully_retired
    part = ledger.coverage(b.order_id)
    assert (part.retired_g, part.fully_retired) == (400_000, False)
    assert ledger.retirements(order_id=b.order_id)[0].covers[0].grams == 400_000
    batch = ledger.batch("b2021")
    assert (batch.free_g, batch.reserved_g, batch.allocated_g, batch.retired_g) == (
        600_000,
        100_000,
        300_000,
        1_000_000,
    )
    buy(ledger, payments, project_id="p1", grams="600kg", idempotency_key="c")
    # unit 2 holds reserved grams, and reserved grams are never retired
    assert ledger.retire(REGISTRY, beneficiary="pool", reason="visitor compensation") == []
    ledger.cancel(unpaid.order_id)
    buy(ledger, payments, project_id="p1", grams="100kg", idempotency_key="d")  # fills the hole
    [later] = ledger.retire(REGISTRY, beneficiary="pool", reason="visitor compensation")
    assert (later.unit_first, later.unit_last) == (2, 2)
    assert ledger.coverage(b.order_id).fully_retired


def test_remainders_report_what_waits_and_what_is_overdue(
    ledger: Ledger, payments: SandboxPayments, clock: Clock
) -> None:
    buy(ledger, payments, project_id="p1", grams="250kg", idempotency_key="a")
    [waiting] = ledger.remainders()
    assert (waiting.batch_id, waiting.grams, waiting.overdue) == ("b2021", 250_000, False)
    clock.advance(days=366)
    assert ledger.remainders()[0].overdue
    assert not ledger.remainders(deadline=timedelta(days=400))[0].overdue


def test_retirement_input_is_checked(ledger: Ledger) -> None:
    with pytest.raises(ValidationFailed) as caught:
        ledger.retire(REGISTRY, beneficiary=" ", reason="")
    assert {p.path for p in caught.value.problems} == {"beneficiary", "reason"}


@pytest.mark.parametrize("policy", list(ClaimPolicy))
def test_visitor_slices_are_inside_or_outside_the_event_claim(
    ledger: Ledger, payments: SandboxPayments, policy: ClaimPolicy
) -> None:
    buy(ledger, payments, project_id="p1", grams=3000, idempotency_key="v1", scene_id="summit")
    buy(ledger, payments, project_id="p1", grams=9000, idempotency_key="other", scene_id="expo")
    claim = ledger.decide_claim("summit", organiser="Summit org", footprint_g=50_000, policy=policy)
    buy(ledger, payments, project_id="p1", grams=2000, idempotency_key="v2", scene_id="summit")
    buy(
        ledger,
        payments,
        project_id="p1",
        grams=40_000,
        idempotency_key="org",
        scene_id="summit",
        role=Role.ORGANISER,
    )
    report = ledger.claim_report("summit")
    assert report.claim == claim and report.organiser_g == 40_000
    if policy is ClaimPolicy.INSIDE:
        assert (report.visitor_inside_g, report.visitor_outside_g, report.residual_g) == (5000, 0, 5000)
    else:
        assert (report.visitor_inside_g, report.visitor_outside_g, report.residual_g) == (0, 5000, 10_000)
    # a decision is never changed
    with pytest.raises(ValidationFailed) as caught:
        other = ClaimPolicy.OUTSIDE if policy is ClaimPolicy.INSIDE else ClaimPolicy.INSIDE
        ledger.decide_claim("summit", organiser="Summit org", footprint_g=50_000, policy=other)
    assert caught.value.problems[0].path == "policy"
    assert ledger.decide_claim("summit", organiser="Summit org", footprint_g=50_000, policy=policy) == claim
    with pytest.raises(ValidationFailed, match="scene_id"):
        ledger.claim_report("nowhere")


def test_settlement_reconciles_exactly_with_paid_orders(
    ledger: Ledger, payments: SandboxPayments, clock: Clock
) -> None:
    march = datetime(2025, 3, 1, tzinfo=UTC)
    april = datetime(2025, 4, 1, tzinfo=UTC)
    for i, grams in enumerate([38_200, 1, 999_999, 12_345]):
        buy(ledger, payments, project_id="p1", grams=grams, idempotency_key=f"m{i}")
    buy(ledger, payments, project_id="p2", grams=5000, idempotency_key="usd")
    buy(ledger, payments, project_id="p1", grams=5000, idempotency_key="fails", succeed=False)
    clock.advance(days=31)
    buy(ledger, payments, project_id="p1", grams=777, idempotency_key="april")
    preview = ledger.settle(march, april, record=False)
    found = ledger.settle(march, april)
    assert [(s.owner, s.currency, s.orders) for s in found] == [("owner-a", "CNY", 4), ("owner-b", "USD", 1)]
    assert [(s.credit_minor, s.fee_minor) for s in preview] == [(s.credit_minor, s.fee_minor) for s in found]
    with ledger.database.connect() as conn:
        paid = conn.execute(
            sa.select(orders.c.currency, sa.func.sum(orders.c.credit_minor + orders.c.fee_minor))
            .where((orders.c.status == "allocated") & (orders.c.paid_at < "2025-04-01"))
            .group_by(orders.c.currency)
            .order_by(orders.c.currency)
        ).all()
    assert [(s.currency, s.credit_minor + s.fee_minor) for s in found] == [tuple(row) for row in paid]
    assert (
        sum(s.credit_minor + s.fee_minor for s in found)
        == sum(payments.charged().values()) - ledger.order_by_key("april").price.total_minor
    )  # type: ignore[union-attr]
    assert ledger.settle(march, april) == []  # settled once
    [next_month] = ledger.settle(april, april + timedelta(days=30))
    assert next_month.orders == 1
    with pytest.raises(ValidationFailed, match="period_end"):
        ledger.settle(april, march)
