"""50 concurrent async clients buying from one server on PostgreSQL: every purchase accounted
for, no gram sold twice, the ledger audit clean."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from diandian.client import AsyncClient
from diandian.offsets import OrderStatus, audit

from .harness import Server, seed

CLIENTS = 50
PURCHASES = 3


@pytest.mark.postgres
@pytest.mark.slow
def test_fifty_concurrent_buyers_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    deployment = seed(pg_url, tmp_path)
    project = deployment.platform.projects()[0].project_id
    before = sum(b.free_g for b in deployment.platform.ledger.batches(project))
    server = Server(deployment).start()

    async def buyer(number: int) -> list[str]:
        async with AsyncClient(server.url, deployment.key, timeout=30, retries=5) as api:
            bought = []
            for purchase in range(PURCHASES):
                placed = await api.place_order(
                    project, 10_000 + number, idempotency_key=f"c{number}-{purchase}"
                )
                paid = await api.sandbox_payment(placed.order.order_id)
                assert paid.status is OrderStatus.ALLOCATED
                bought.append(paid.order_id)
            return bought

    async def everyone() -> list[list[str]]:
        return await asyncio.gather(*(buyer(n) for n in range(CLIENTS)))

    try:
        orders = [o for group in asyncio.run(everyone()) for o in group]
    finally:
        server.close()
    assert len(set(orders)) == CLIENTS * PURCHASES
    ledger = deployment.platform.ledger
    sold = sum((10_000 + n) * PURCHASES for n in range(CLIENTS))
    assert before - sum(b.free_g for b in ledger.batches(project)) == sold
    report = audit(ledger.database)
    assert report.ok, report.breaches
