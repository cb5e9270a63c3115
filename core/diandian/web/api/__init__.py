"""The JSON API under ``/api/v1`` for POS, booking and other systems, in any language.

``create_app`` mounts :data:`ROUTES` and takes :func:`openapi_config` and :func:`cors_config`: the OpenAPI 3.1 document is generated
from the handlers' types and served at ``/api/v1/openapi.json``. The handlers are in
:mod:`.routes`, the error body in :mod:`.errors`; the request and response models are shared
with the client in :mod:`diandian.client.models`.

Besides ``/api/v1``, the issuer's public keys and signed status list are served where
:class:`~diandian.certificates.verify.TrustCache` looks for them, ``/.well-known/diandian/``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from litestar import Response, Router, get
from litestar.config.cors import CORSConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from ...__about__ import __version__
from ...platform import Platform
from .errors import EXCEPTION_HANDLERS
from .routes import HANDLERS, StrictRequest


PREFIX = "/api/v1"


def _well_known() -> Router:
    """The issuer's keys and signed status list where verifiers look for them."""

    @get("/keys.json", sync_to_thread=True, include_in_schema=False)
    def keys_json(platform: Platform) -> dict[str, Any]:
        return platform.public_keys()

    @get("/status.cose", sync_to_thread=True, include_in_schema=False, media_type="application/cose")
    def status_cose(platform: Platform) -> Response[bytes]:
        return Response(platform.signed_status_list(), media_type="application/cose")

    return Router("/.well-known/diandian", route_handlers=[keys_json, status_cose])


ROUTES: list[Router] = [
    Router(
        PREFIX,
        route_handlers=HANDLERS,
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=StrictRequest,
        type_encoders={MappingProxyType: dict},
        tags=["api"],
        security=[{"apiKey": []}],
    ),
    _well_known(),
]
"""The ``/api/v1`` router and the ``/.well-known/diandian`` one; both take the app's
``platform`` dependency."""


def openapi_config() -> OpenAPIConfig:
    """The OpenAPI 3.1 document at ``/api/v1/openapi.json`` (and a browsable page at ``/api/v1/docs``)."""
    from litestar.openapi.plugins import ScalarRenderPlugin

    return OpenAPIConfig(
        title="Diandian API",
        version=__version__,
        description="Footprints, credits, orders and honour certificates. Grams CO2e and minor money units are integers.",
        path=f"{PREFIX}/schema",
        render_plugins=[ScalarRenderPlugin(path="/docs")],
        components=Components(
            security_schemes={
                "apiKey": SecurityScheme(
                    type="http", scheme="bearer", description="Authorization: Bearer dd_..."
                )
            }
        ),
    )


def cors_config(origins: tuple[str, ...]) -> CORSConfig | None:
    """CORS for the browser origins allowed to call the API (none: no CORS headers at all)."""
    if not origins:
        return None
    return CORSConfig(
        allow_origins=list(origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-API-Key"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
