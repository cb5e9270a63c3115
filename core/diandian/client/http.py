"""The two clients: :class:`Client` (blocking) and :class:`AsyncClient` (asyncio), one httpx
connection pool each, the same operations (:mod:`.calls`) and the same retry rules.

Retries, with exponential backoff and full jitter (``backoff * 2**attempt`` at most):

- a request that never reached the server (connection refused, connect timeout) is always
  retried;
- a request that may have reached it (read timeout, connection dropped, 502/503/504) is retried
  only when the call is safe to repeat: reads, footprints, quotes, and orders, whose retry
  carries the same ``Idempotency-Key`` so the server answers with the first order;
- a 429 is retried after its ``Retry-After`` when that is at most ``max_retry_after`` seconds.

Everything else raises at once: :func:`~diandian.client.errors.error_for` maps the server's
error body to an exception that names the field.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import httpx

from ..__about__ import __version__
from . import calls
from .calls import Call
from .errors import ApiError, TransportError, error_for
from .models import ErrorBody, converter

P = ParamSpec("P")
T = TypeVar("T")

RETRY_STATUS = frozenset({502, 503, 504})
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)


class _Base:
    """Settings and the retry decision shared by both clients."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.25,
        max_retry_after: float = 5.0,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/api/v1"
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 5.0))
        self.headers = {"User-Agent": f"diandian-client/{__version__}", "Accept": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"

    def _request(self, call: Call[Any]) -> dict[str, Any]:
        return {
            "method": call.method,
            "url": call.path,
            "json": call.body,
            "params": call.params,
            "headers": call.headers,
        }

    def _settle(
        self, call: Call[Any], attempt: int, outcome: httpx.Response | httpx.HTTPError
    ) -> tuple[bool, Any]:
        """``(True, result)``, ``(False, seconds to wait before the next attempt)``, or the
        exception for a failure that is not retried."""
        if isinstance(outcome, httpx.Response) and outcome.status_code < 400:
            return True, call.decode(outcome.content if call.raw else outcome.json())
        delay = self._delay(call, attempt, outcome)
        if delay is not None:
            return False, delay
        if isinstance(outcome, httpx.Response):
            raise _error(outcome)
        raise _transport(outcome) from outcome

    def _delay(self, call: Call[Any], attempt: int, failure: Exception | httpx.Response) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` to give up."""
        if attempt >= self.retries:
            return None
        pause = random.uniform(0, self.backoff * 2**attempt)
        if isinstance(failure, httpx.Response):
            if failure.status_code == 429:
                wait = _retry_after(failure)
                return wait if wait is not None and wait <= self.max_retry_after else None
            return pause if call.safe and failure.status_code in RETRY_STATUS else None
        if isinstance(failure, NOT_SENT) or (call.safe and isinstance(failure, MAYBE_SENT)):
            return pause
        return None


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("retry-after", ""))
    except ValueError:
        return None


def _error(response: httpx.Response) -> ApiError:
    try:
        body = converter.structure(response.json(), ErrorBody)
    except Exception:  # not our error body (a proxy's page): keep the status and the start of it
        body = ErrorBody("http_error", response.text[:200] or response.reason_phrase)
    return error_for(response.status_code, body, _retry_after(response))


def _transport(exc: httpx.HTTPError) -> TransportError:
    code = "timeout" if isinstance(exc, httpx.TimeoutException) else "unreachable"
    return TransportError(0, ErrorBody(code, f"{type(exc).__name__}: {exc}"))


def _blocking(build: Callable[P, Call[T]]) -> Callable[Concatenate[Client, P], T]:
    def operation(self: Client, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self.send(build(*args, **kwargs))

    operation.__name__ = build.__name__
    operation.__doc__ = build.__doc__
    return operation


def _awaiting(build: Callable[P, Call[T]]) -> Callable[Concatenate[AsyncClient, P], Coroutine[Any, Any, T]]:
    async def operation(self: AsyncClient, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.send(build(*args, **kwargs))

    operation.__name__ = build.__name__
    operation.__doc__ = build.__doc__
    return operation


class Client(_Base):
    """A blocking client of a Diandian server's ``/api/v1``; use it as a context manager or
    call :meth:`close`. ``api_key`` is a ``dd_...`` key; ``timeout`` is seconds per attempt."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(base_url, api_key, **options)
        self.http = httpx.Client(
            base_url=self.base_url, headers=self.headers, timeout=self.timeout, transport=transport
        )

    def send(self, call: Call[T]) -> T:
        """Send ``call`` with the retry rules; its result, or the :class:`ApiError` for it."""
        for attempt in itertools.count():
            try:
                outcome: httpx.Response | httpx.HTTPError = self.http.request(**self._request(call))
            except httpx.HTTPError as exc:
                outcome = exc
            done, value = self._settle(call, attempt, outcome)
            if done:
                return cast(T, value)
            time.sleep(value)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    scene_types = _blocking(calls.scene_types)
    questionnaire = _blocking(calls.questionnaire)
    scenes = _blocking(calls.scenes)
    scene = _blocking(calls.scene)
    projects = _blocking(calls.projects)
    footprint = _blocking(calls.footprint)
    footprint_batch = _blocking(calls.footprint_batch)
    quote = _blocking(calls.quote)
    place_order = _blocking(calls.place_order)
    order = _blocking(calls.order)
    order_record = _blocking(calls.order_record)
    order_coverage = _blocking(calls.order_coverage)
    cancel_order = _blocking(calls.cancel_order)
    sandbox_payment = _blocking(calls.sandbox_payment)
    issue_certificate = _blocking(calls.issue_certificate)
    certificate = _blocking(calls.certificate)
    verify = _blocking(calls.verify)
    public_keys = _blocking(calls.public_keys)
    status_list = _blocking(calls.status_list)
    leaderboard = _blocking(calls.leaderboard)
    new_participant = _blocking(calls.new_participant)
    life_record = _blocking(calls.life_record)


class AsyncClient(_Base):
    """The same client for asyncio: every operation is awaited; ``async with`` closes it."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(base_url, api_key, **options)
        self.http = httpx.AsyncClient(
            base_url=self.base_url, headers=self.headers, timeout=self.timeout, transport=transport
        )

    async def send(self, call: Call[T]) -> T:
        """Send ``call`` with the retry rules; its result, or the :class:`ApiError` for it."""
        for attempt in itertools.count():
            try:
                outcome: httpx.Response | httpx.HTTPError = await self.http.request(**self._request(call))
            except httpx.HTTPError as exc:
                outcome = exc
            done, value = self._settle(call, attempt, outcome)
            if done:
                return cast(T, value)
            await asyncio.sleep(value)
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    scene_types = _awaiting(calls.scene_types)
    questionnaire = _awaiting(calls.questionnaire)
    scenes = _awaiting(calls.scenes)
    scene = _awaiting(calls.scene)
    projects = _awaiting(calls.projects)
    footprint = _awaiting(calls.footprint)
    footprint_batch = _awaiting(calls.footprint_batch)
    quote = _awaiting(calls.quote)
    place_order = _awaiting(calls.place_order)
    order = _awaiting(calls.order)
    order_record = _awaiting(calls.order_record)
    order_coverage = _awaiting(calls.order_coverage)
    cancel_order = _awaiting(calls.cancel_order)
    sandbox_payment = _awaiting(calls.sandbox_payment)
    issue_certificate = _awaiting(calls.issue_certificate)
    certificate = _awaiting(calls.certificate)
    verify = _awaiting(calls.verify)
    public_keys = _awaiting(calls.public_keys)
    status_list = _awaiting(calls.status_list)
    leaderboard = _awaiting(calls.leaderboard)
    new_participant = _awaiting(calls.new_participant)
    life_record = _awaiting(calls.life_record)
