"""The audit names the record on every kind of corruption; the database refuses some itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from diandian.offsets import ClaimPolicy, Ledger, SandboxPayments, SandboxRegistry, audit, buy
from diandian.offsets.schema import (
    allocations,
    batches,
    claim_members,
    ledger_events,
    orders,
    retirements,
)
from diandian.testing import run_cli

from .conftest import PROGRAM, Clock, add_batch, make_ledger, project


@pytest.fixture
def ledger(url: str, clock: Clock) -> Ledger:
    """A ledger with paid, reserved, retired and claimed business in it, and a clean audit."""
    ledger = make_ledger(url, clock)
    ledger.add_program(PROGRAM)
    ledger.add_project(project("p1"))
    add_batch(ledger, "p1", 1, 2, 2021, "b2021")
    payments = SandboxPayments(ledger.database, clock=clock)
    ledger.decide_claim("ev", organiser="org", footprint_g=10**6, policy=ClaimPolicy.INSIDE)
    for key, grams in (("a", 600_000), ("b", 500_000)):
        buy(ledger, payments, project_id="p1", grams=grams, idempotency_key=key, scene_id="ev")
    ledger.reserve(ledger.quote("p1", 1000), idempotency_key="held")
    ledger.retire(SandboxRegistry(), beneficiary="pool", reason="compensation")
    assert audit(ledger.database).ok
    return ledger


def first(ledger: Ledger, column: Any, where: Any = None) -> Any:
    query = sa.select(column).limit(1)
    with ledger.database.connect() as conn:
        return conn.execute(query if where is None else query.where(where)).scalar_one()


def run(ledger: Ledger, statement: Any) -> None:
    with ledger.database.begin() as conn:
        conn.execute(statement)


CORRUPTIONS: dict[str, Callable[[Ledger], tuple[Any, str]]] = {
    "balance": lambda b: (
        batches.update().values(free_g=batches.c.free_g - 1, allocated_g=batches.c.allocated_g + 1),
        "batch b2021",
    ),
    "slice": lambda b: (
        allocations.update()
        .where(allocations.c.allocation_id == (a := first(b, allocations.c.allocation_id)))
        .values(g_end=allocations.c.g_end + 5),
        f"allocation {a}",
    ),
    "beneficiary": lambda b: (
        retirements.update().values(beneficiary="someone else"),
        f"retirement {first(b, retirements.c.retirement_id)}",
    ),
    "status": lambda b: (
        orders.update().where(orders.c.idempotency_key == "held").values(status="allocated"),
        f"order {first(b, orders.c.order_id, orders.c.idempotency_key == 'held')}",
    ),
    "event-edit": lambda b: (
        ledger_events.update()
        .where(ledger_events.c.seq == 5)
        .values(payload=sa.func.replace(ledger_events.c.payload, "600000", "600001")),
        "event 5",
    ),
    "event-delete": lambda b: (ledger_events.delete().where(ledger_events.c.seq == 4), "event 5"),
    "claim": lambda b: (
        claim_members.delete().where(claim_members.c.order_id == (o := first(b, claim_members.c.order_id))),
        f"order {o}",
    ),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_audit_names_the_corrupted_record(ledger: Ledger, corruption: str, url: str) -> None:
    statement, record = CORRUPTIONS[corruption](ledger)
    run(ledger, statement)
    report = audit(ledger.database)
    assert not report.ok
    assert record in {breach.record for breach in report.breaches}, report.breaches
    result = run_cli(["ledger", "audit", "--database-url", url])
    assert result.exit_code == 1
    assert f"BREACH {record}" in result.output


def test_the_database_itself_refuses_broken_conservation(ledger: Ledger) -> None:
    with pytest.raises(sa.exc.IntegrityError):
        run(ledger, batches.update().values(free_g=batches.c.free_g - 1))
    with pytest.raises(sa.exc.IntegrityError):
        run(
            ledger,
            batches.update().values(free_g=-1, allocated_g=batches.c.allocated_g + batches.c.free_g + 1),
        )
    assert audit(ledger.database).ok
