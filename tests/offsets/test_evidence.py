"""Evidence under stress: 8 processes buying at once, 50 SIGKILLs mid-purchase, concurrent
idempotency, and random operation sequences, each followed by a clean audit."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
from typing import Any

import pytest
import sqlalchemy as sa
from diandian.offsets import (
    InsufficientCredits,
    Ledger,
    OrderStatus,
    SandboxPayments,
    SandboxRegistry,
    SliceState,
    audit,
    buy,
)
from diandian.offsets.schema import allocations, orders
from diandian.plugins import PluginHost
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import PROGRAM, Clock, add_batch, make_ledger, project

FORK = multiprocessing.get_context("fork")


def _worker_ledger(url: str) -> tuple[Ledger, SandboxPayments]:
    ledger = Ledger(url, host=PluginHost(entrypoints=False).load())
    return ledger, SandboxPayments(ledger.database)


def _buyer(url: str, keys: list[str], grams: int, start: Any, results: Any) -> None:
    ledger, payments = _worker_ledger(url)
    start.wait()
    for key in keys:
        try:
            order = buy(ledger, payments, project_id="p2", grams=grams, idempotency_key=key).order
            results.put((key, order.order_id, order.status.value))
        except InsufficientCredits:
            results.put((key, None, "sold out"))
        except Exception as exc:  # report instead of leaving the parent waiting
            results.put((key, None, f"error {exc!r}"))


def _run_buyers(ledger: Ledger, url: str, keys_per_worker: list[list[str]], grams: int) -> list[Any]:
    ledger.database.dispose()  # children must not inherit pooled connections
    start, results = FORK.Event(), FORK.Queue()
    workers = [
        FORK.Process(target=_buyer, args=(url, keys, grams, start, results)) for keys in keys_per_worker
    ]
    for worker in workers:
        worker.start()
    start.set()
    found = [results.get(timeout=120) for keys in keys_per_worker for _ in keys]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return found


@pytest.mark.slow
def test_eight_processes_never_oversell_a_scarce_batch(ledger: Ledger, url: str) -> None:
    # p2 holds 1 t; 8 x 2 x 150 kg = 2.4 t are asked for: exactly six orders fit
    found = _run_buyers(ledger, url, [[f"w{w}-{r}" for r in range(2)] for w in range(8)], 150_000)
    sold = [order_id for _, order_id, status in found if status == "allocated"]
    assert len(sold) == 6 and len([f for f in found if f[2] == "sold out"]) == 10
    batch = ledger.batch("c2022")
    assert (batch.free_g, batch.reserved_g, batch.allocated_g) == (100_000, 0, 900_000)
    with ledger.database.connect() as conn:
        held = conn.execute(
            sa.select(allocations.c.g_start, allocations.c.g_end)
            .where((allocations.c.batch_id == "c2022") & (allocations.c.state == SliceState.ALLOCATED.value))
            .order_by(allocations.c.g_start)
        ).all()
    assert held == [(i * 150_000, (i + 1) * 150_000) for i in range(6)]  # disjoint, no gap
    assert audit(ledger.database).ok


@pytest.mark.slow
def test_concurrent_repeats_of_one_key_buy_and_charge_once(ledger: Ledger, url: str) -> None:
    found = _run_buyers(ledger, url, [["same-visit"]] * 8, 40_000)
    assert len({order_id for _, order_id, _ in found}) == 1
    assert {status for _, _, status in found} == {"allocated"}
    payments = SandboxPayments(ledger.database)
    [(order_id, charged)] = payments.charged().items()
    assert charged == ledger.order(order_id).price.total_minor
    assert ledger.batch("c2022").allocated_g == 40_000


def _crasher(url: str, kill_at: int | None, seed: int) -> None:
    ledger, payments = _worker_ledger(url)
    count = 0

    def maybe_die(*_: Any) -> None:
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    sa.event.listen(ledger.database, "before_cursor_execute", maybe_die)
    sa.event.listen(ledger.database, "commit", maybe_die)
    for n in range(10_000):
        buy(ledger, payments, project_id="p1", grams=1000 + n, idempotency_key=f"crash-{seed}-{n}")


@pytest.mark.slow
def test_sigkill_at_random_points_loses_no_paid_order(ledger: Ledger, url: str) -> None:
    rng = random.Random(20250301)
    payments = SandboxPayments(ledger.database)
    for attempt in range(50):
        ledger.database.dispose()
        # even attempts die at a random SQL statement or commit, odd ones are killed from outside
        kill_at = rng.randint(1, 160) if attempt % 2 == 0 else None
        child = FORK.Process(target=_crasher, args=(url, kill_at, attempt))
        child.start()
        if kill_at is None:
            child.join(timeout=rng.uniform(0.05, 0.4))
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(timeout=60)
        assert child.exitcode == -signal.SIGKILL
        ledger.recover({"sandbox": payments})
        report = audit(ledger.database)
        assert report.ok, (attempt, report.breaches)
    with ledger.database.connect() as conn:
        statuses = dict(conn.execute(sa.select(orders.c.order_id, orders.c.status)).all())
    # every captured payment ended in an allocated order (the audit checks the converse too)
    assert all(statuses[order_id] == OrderStatus.ALLOCATED for order_id in payments.charged())
    assert len(payments.charged()) > 0


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["buy", "reserve", "pay", "fail", "cancel", "expire", "late", "retire", "settle"]),
        st.integers(min_value=1, max_value=1_400_000),
        st.sampled_from(["p1", "p2"]),
    ),
    max_size=14,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_random_operation_sequences_keep_every_invariant(
    tmp_path_factory: Any, operations: list[Any]
) -> None:
    clock = Clock()
    ledger = make_ledger(f"sqlite:///{tmp_path_factory.mktemp('h') / 'ledger.db'}", clock)
    ledger.add_program(PROGRAM)
    ledger.add_project(project("p1"))
    ledger.add_project(project("p2", owner="owner-b"))
    add_batch(ledger, "p1", 1, 2, 2021, "b2021")
    add_batch(ledger, "p1", 5, 5, 2023, "b2023")
    add_batch(ledger, "p2", 1, 1, 2022, "c2022")
    payments = SandboxPayments(ledger.database, clock=clock)
    pending: list[str] = []
    for index, (operation, grams, project_id) in enumerate(operations):
        try:
            if operation == "buy":
                buy(ledger, payments, project_id=project_id, grams=grams, idempotency_key=f"k{index}")
            elif operation == "reserve":
                pending.append(
                    ledger.reserve(ledger.quote(project_id, grams), idempotency_key=f"k{index}").order_id
                )
            elif operation in ("pay", "fail", "late") and pending:
                order_id = pending.pop(0)
                intent = ledger.start_payment(order_id, payments)
                if operation == "late":
                    clock.advance(hours=1)
                    ledger.expire()
                ledger.handle_callback(payments, *payments.pay(intent.intent_id, succeed=operation != "fail"))
            elif operation == "cancel" and pending:
                ledger.cancel(pending.pop(0))
            elif operation == "expire":
                clock.advance(minutes=20)
                ledger.expire()
            elif operation == "retire":
                ledger.retire(SandboxRegistry(), beneficiary="pool", reason="test")
            elif operation == "settle":
                ledger.settle(clock.now.replace(year=2000), clock.now + clock.now.resolution)
        except InsufficientCredits:
            pass
        except Exception as exc:  # any refusal must say why, and never for a valid operation
            if "not_payable" not in str(exc) and "cannot be cancelled" not in str(exc):
                raise
        report = audit(ledger.database)
        assert report.ok, (operation, report.breaches)
    for batch in ledger.batches():
        assert batch.free_g + batch.reserved_g + batch.allocated_g + batch.retired_g == batch.issued_g
    ledger.database.dispose()
