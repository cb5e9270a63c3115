"""The client against a real server in a subprocess: results equal in-process ones, errors name
the field, a server restarted mid-batch loses and duplicates no order, a slow server is cut off
at the timeout. Sync and async."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from diandian import ValidationFailed
from diandian.client import (
    AsyncClient,
    Client,
    Conflict,
    InvalidRequest,
    NotFound,
    TransportError,
    Unauthorised,
)
from diandian.offsets import OrderStatus, audit

from .harness import Deployment, Server

HOTEL = {"rooms": 1, "nights": 2, "country": "CN"}


def test_sync_client(server: Server, deployment: Deployment) -> None:
    with Client(server.url, deployment.key) as api:
        remote = api.footprint(HOTEL, scene_type="hotel")
        assert remote == deployment.platform.engine.footprint("hotel", HOTEL)
        project = api.projects()[0]
        quote = api.quote(project.project_id, "38.2kg")
        assert quote.grams == 38_200 and quote.price.currency == project.currency
        placed = api.place_order(project.project_id, quote.grams, idempotency_key="sync-1")
        assert placed.payment is not None and placed.payment.pay_url
        assert api.sandbox_payment(placed.order.order_id).status is OrderStatus.ALLOCATED
        certificate = api.issue_certificate(placed.order.order_id)
        assert certificate == api.certificate(certificate.cert_id)
        assert api.verify(certificate.qr_text).valid
        assert api.status_list()[:1] and api.public_keys()["keys"]


def test_errors_are_exceptions_naming_the_field(server: Server, deployment: Deployment) -> None:
    with Client(server.url, deployment.key) as api:
        with pytest.raises(InvalidRequest) as bad:
            api.footprint({"rooms": 1, "nights": -2}, scene_type="hotel")
        assert (bad.value.status, bad.value.code, bad.value.field) == (422, "below_minimum", "answers.nights")
        assert isinstance(bad.value, ValidationFailed) and bad.value.problems[0].path == "answers.nights"
        with pytest.raises(NotFound) as missing:
            api.order("ord_missing")
        assert missing.value.field == "order_id"
        project = api.projects()[0].project_id
        api.place_order(project, 1_000, idempotency_key="sync-2")
        with pytest.raises(Conflict) as reused:
            api.place_order(project, 2_000, idempotency_key="sync-2")
        assert (reused.value.code, reused.value.field) == ("reused", "idempotency_key")
    with Client(server.url, deployment.footprints_key) as kiosk, pytest.raises(Unauthorised) as scope:
        kiosk.place_order(project, 1_000)
    assert (scope.value.status, scope.value.code) == (403, "missing_scope")
    with Client(server.url, deployment.revoked_key) as revoked, pytest.raises(Unauthorised) as gone:
        revoked.footprint(HOTEL, scene_type="hotel")
    assert gone.value.code == "revoked_key"


def test_async_client(server: Server, deployment: Deployment) -> None:
    async def run() -> None:
        async with AsyncClient(server.url, deployment.key) as api:
            remote = await api.footprint(HOTEL, scene_type="hotel")
            assert remote == deployment.platform.engine.footprint("hotel", HOTEL)
            with pytest.raises(InvalidRequest) as bad:
                await api.footprint({"rooms": 0}, scene_type="hotel")
            assert bad.value.field == "answers.rooms"
            results = await api.footprint_batch([HOTEL, {"nights": -1}], scene_type="hotel")
            assert results[0].footprint == remote and results[1].error is not None
            project = (await api.projects())[0].project_id
            placed = await api.place_order(project, 5_000)
            assert (await api.sandbox_payment(placed.order.order_id)).status is OrderStatus.ALLOCATED

    asyncio.run(run())


def _restart_during(server: Server, after: float) -> threading.Thread:
    def restart() -> None:
        time.sleep(after)
        server.kill()  # as a crash: in-flight requests are cut
        time.sleep(0.3)
        server.start()

    thread = threading.Thread(target=restart)
    thread.start()
    return thread


@pytest.mark.slow
def test_restart_mid_batch_of_purchases(deployment: Deployment) -> None:
    server = Server(deployment).start()
    keys = [f"restart-sync-{i}" for i in range(40)] + [f"restart-async-{i}" for i in range(40)]
    try:
        project = deployment.platform.projects()[0].project_id
        thread = _restart_during(server, 0.3)
        orders: dict[str, str] = {}
        with Client(server.url, deployment.key, retries=10, backoff=0.2) as api:
            for key in keys[:40]:
                orders[key] = api.place_order(project, 2_000, idempotency_key=key).order.order_id
        thread.join()

        async def buy_async() -> None:
            async with AsyncClient(server.url, deployment.key, retries=10, backoff=0.2) as api:

                async def one(key: str) -> None:
                    orders[key] = (await api.place_order(project, 2_000, idempotency_key=key)).order.order_id

                await asyncio.gather(*(one(k) for k in keys[40:]))

        thread = _restart_during(server, 0.2)
        asyncio.run(buy_async())
        thread.join()
    finally:
        server.close()
    assert len(set(orders.values())) == len(keys), "one order per idempotency key, none lost"
    ledger = deployment.platform.ledger
    stored = [
        o for o in ledger.orders(limit=10_000) if o.idempotency_key.rsplit(":", 1)[-1].startswith("restart-")
    ]
    assert sorted(o.order_id for o in stored) == sorted(orders.values()), "no duplicate order on the server"
    assert audit(ledger.database).ok


@pytest.mark.slow
def test_slow_server_timeouts_are_honoured(deployment: Deployment) -> None:
    server = Server(deployment, "--slow", "3").start()
    try:
        with Client(server.url, deployment.key, timeout=0.5, retries=1, backoff=0.05) as api:
            started = time.monotonic()
            with pytest.raises(TransportError) as cut:
                api.footprint(HOTEL, scene_type="hotel")
            assert cut.value.code == "timeout" and time.monotonic() - started < 2.0
            assert api.projects()  # other paths answer at once

        async def run() -> float:
            async with AsyncClient(server.url, deployment.key, timeout=0.5, retries=0) as api:
                started = time.monotonic()
                with pytest.raises(TransportError):
                    await api.footprint(HOTEL, scene_type="hotel")
                return time.monotonic() - started

        assert asyncio.run(run()) < 1.5
    finally:
        server.close()


def test_one_connection_serves_every_call(server: Server, deployment: Deployment) -> None:
    """Keep-alive: ten calls of one client, sync and async, leave from one local port each."""

    def port(response: Any) -> None:
        ports.append(response.extensions["network_stream"].get_extra_info("client_addr")[1])

    async def async_port(response: Any) -> None:
        port(response)

    ports: list[int] = []
    with Client(server.url, deployment.key) as api:
        api.http.event_hooks["response"] = [port]
        for _ in range(10):
            api.footprint(HOTEL, scene_type="hotel")
    assert len(ports) == 10 and len(set(ports)) == 1, ports

    async def ten() -> None:
        async with AsyncClient(server.url, deployment.key) as api:
            api.http.event_hooks["response"] = [async_port]
            for _ in range(10):
                await api.projects()

    ports.clear()
    asyncio.run(ten())
    assert len(ports) == 10 and len(set(ports)) == 1, ports
