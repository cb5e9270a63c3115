"""The client's retry rules and error mapping, against a scripted transport (no server)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest
from diandian.client import AsyncClient, Client, InvalidRequest, RateLimited, ServerError, TransportError

ORDER_PLACED = {
    "order": {
        "order_id": "ord_1",
        "idempotency_key": "k",
        "project_id": "p",
        "grams": 1000,
        "price": {"credit_minor": 10, "fee_minor": 1, "currency": "CNY"},
        "status": "reserved",
        "created_at": "2025-03-01T09:00:00+00:00",
        "reserved_until": "2025-03-01T09:15:00+00:00",
    },
    "payment": None,
}


def scripted(
    *answers: Callable[[httpx.Request], httpx.Response],
) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers[min(len(seen), len(answers)) - 1](request)

    return httpx.MockTransport(handle), seen


def answer(
    status: int, body: object, headers: dict[str, str] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def fail(kind: type[Exception]) -> Callable[[httpx.Request], httpx.Response]:
    def raise_(request: httpx.Request) -> httpx.Response:
        raise kind("scripted", request=request)  # type: ignore[call-arg]

    return raise_


def client(transport: httpx.MockTransport, **options: object) -> Client:
    return Client("http://diandian.test", "dd_a_b", transport=transport, backoff=0.001, **options)  # type: ignore[arg-type]


def test_an_order_is_retried_with_the_same_idempotency_key() -> None:
    transport, seen = scripted(fail(httpx.ReadTimeout), answer(503, {}), answer(201, ORDER_PLACED))
    placed = client(transport).place_order("p", 1000)
    assert placed.order.order_id == "ord_1" and len(seen) == 3
    keys = {r.headers["Idempotency-Key"] for r in seen}
    assert len(keys) == 1 and seen[0].headers["Authorization"] == "Bearer dd_a_b"


def test_an_unsafe_call_is_retried_only_when_it_never_left() -> None:
    transport, seen = scripted(fail(httpx.ConnectError), answer(201, {"participant_id": "p1"}))
    assert client(transport).new_participant("Mei") == "p1" and len(seen) == 2
    transport, seen = scripted(fail(httpx.ReadTimeout), answer(201, {"participant_id": "p1"}))
    with pytest.raises(TransportError) as cut:
        client(transport).new_participant("Mei")
    assert cut.value.code == "timeout" and len(seen) == 1
    transport, seen = scripted(answer(503, {"code": "internal", "message": "down"}))
    with pytest.raises(ServerError):
        client(transport).new_participant("Mei")
    assert len(seen) == 1


def test_retries_run_out() -> None:
    transport, seen = scripted(fail(httpx.ConnectError))
    with pytest.raises(TransportError) as cut:
        client(transport, retries=2).projects()
    assert cut.value.code == "unreachable" and cut.value.status == 0 and len(seen) == 3


def test_rate_limits_wait_when_short_and_raise_when_long() -> None:
    transport, seen = scripted(
        answer(429, {"code": "rate_limited", "message": "x"}, {"Retry-After": "0"}), answer(200, [])
    )
    assert client(transport).projects() == [] and len(seen) == 2
    transport, seen = scripted(
        answer(429, {"code": "rate_limited", "message": "wait"}, {"Retry-After": "60"})
    )
    with pytest.raises(RateLimited) as limited:
        client(transport).projects()
    assert limited.value.retry_after == 60 and len(seen) == 1


def test_error_bodies_become_exceptions_naming_the_field() -> None:
    body = {
        "code": "below_minimum",
        "message": "must be at least 1",
        "field": "answers.nights",
        "problems": [{"path": "answers.nights", "code": "below_minimum", "message": "must be at least 1"}],
    }
    transport, _ = scripted(answer(422, body))
    with pytest.raises(InvalidRequest) as refused:
        client(transport).footprint({"nights": 0}, scene_type="hotel")
    assert (refused.value.code, refused.value.field, refused.value.problems[0].path) == (
        "below_minimum",
        "answers.nights",
        "answers.nights",
    )
    assert "answers.nights" in str(refused.value)
    transport, _ = scripted(lambda request: httpx.Response(502, text="<html>bad gateway</html>"))
    with pytest.raises(ServerError) as proxy:
        client(transport, retries=0).projects()
    assert proxy.value.code == "http_error" and "bad gateway" in proxy.value.message


def test_async_client_follows_the_same_rules() -> None:
    seen: list[httpx.Request] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            raise httpx.RemoteProtocolError("dropped", request=request)
        return httpx.Response(201, json=ORDER_PLACED)

    async def run() -> str:
        async with AsyncClient(
            "http://diandian.test", "dd_a_b", transport=httpx.MockTransport(handle), backoff=0.001
        ) as api:
            return (await api.place_order("p", 1000, idempotency_key="visit-1")).order.order_id

    assert asyncio.run(run()) == "ord_1"
    assert [r.headers["Idempotency-Key"] for r in seen] == ["visit-1", "visit-1"]
