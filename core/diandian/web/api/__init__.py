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

from litestar import Router, get
from litestar.config.cors import CORSConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityScheme

from ...__about__ import __version__
from .errors import EXCEPTION_HANDLERS
from .routes import HANDLERS, StrictRequest, public_keys, status_list

PREFIX = "/api/v1"


def _well_known() -> Router:
    """The issuer's keys and signed status list where verifiers look for them
    (:data:`~diandian.certificates.verify.KEYS_PATH`, ``STATUS_PATH``): the same handlers as
    ``/api/v1/keys`` and ``/api/v1/status-list``."""
    keys = get("/keys.json", sync_to_thread=True, include_in_schema=False)(public_keys.fn)
    status = get("/status.cose", sync_to_thread=True, include_in_schema=False, media_type="application/cose")(
        status_list.fn
    )
    return Router("/.well-known/diandian", route_handlers=[keys, status])


ROUTES: list[Router] = [
    Router(
        PREFIX,
        route_handlers=HANDLERS,
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=StrictRequest,
        type_encoders={MappingProxyType: dict},
        tags=["api"],
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
        create_examples=False,
        use_handler_docstrings=True,
        components=Components(
            security_schemes={
                "apiKey": SecurityScheme(
                    type="http", scheme="bearer", description="Authorization: Bearer dd_..."
                )
            }
        ),
    )


def cors_config(platform: Any) -> CORSConfig | None:
    """CORS for the browser origins ``platform.settings.cors_origins`` allows to call the API;
    none listed (or a stand-in platform without settings): no CORS headers at all."""
    origins = tuple(getattr(getattr(platform, "settings", None), "cors_origins", ()))
    if not origins:
        return None
    return CORSConfig(
        allow_origins=list(origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-API-Key"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
