"""A typed client of a Diandian server's ``/api/v1``, blocking or asyncio, built on httpx.

::

    from diandian.client import Client

    with Client("https://diandian.example.org", api_key="dd_...") as api:
        footprint = api.footprint({"rooms": 1, "nights": 2}, scene_type="hotel")   # diandian.Footprint
        placed = api.place_order("demo-cdcer-greenway", footprint.grams)          # one order, even on retry
        print(placed.payment.pay_url)

Results are the SDK's own attrs models (``Footprint``, ``Order``, ``Quote``, ``Certificate``,
...), rebuilt with cattrs from the JSON, equal to what the same call returns in-process.
Failures raise :class:`ApiError` subclasses carrying the server's ``code`` and ``field``;
refused input raises :class:`InvalidRequest`, a :class:`diandian.ValidationFailed`.
:class:`~diandian.client.remote.RemoteOffsets` is an offset provider that buys through a server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .calls import Call
    from .errors import (
        ApiError,
        Conflict,
        InvalidRequest,
        NotFound,
        RateLimited,
        ServerError,
        TransportError,
        Unauthorised,
        error_for,
    )
    from .http import AsyncClient, Client
    from .models import BatchItem, ErrorBody, OrderPlaced, SceneTypeInfo
    from .remote import RemoteOffsets

# public name -> submodule; loaded on first use so that the plugin registering the remote
# provider (diandian.client.plugin) imports neither httpx nor the models
_EXPORTS = {
    "ApiError": "errors",
    "AsyncClient": "http",
    "BatchItem": "models",
    "Call": "calls",
    "Client": "http",
    "Conflict": "errors",
    "ErrorBody": "models",
    "InvalidRequest": "errors",
    "NotFound": "errors",
    "OrderPlaced": "models",
    "RateLimited": "errors",
    "RemoteOffsets": "remote",
    "SceneTypeInfo": "models",
    "ServerError": "errors",
    "TransportError": "errors",
    "Unauthorised": "errors",
    "error_for": "errors",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "ApiError",
    "AsyncClient",
    "BatchItem",
    "Call",
    "Client",
    "Conflict",
    "ErrorBody",
    "InvalidRequest",
    "NotFound",
    "OrderPlaced",
    "RateLimited",
    "RemoteOffsets",
    "SceneTypeInfo",
    "ServerError",
    "TransportError",
    "Unauthorised",
    "error_for",
]
