"""The organiser and operator console under ``/console``, and the public claim page of an
event under ``/claims/<slug>``.

Accounts (:mod:`.auth`), organiser pages (:mod:`.organiser`), operator pages
(:mod:`.operator`) and the API keys page of both (:mod:`.keys`) share one router, whose dependencies give each handler the signed-in
``acting`` account (or ``operator``) and whose exception handlers send a visitor without a
session to the sign-in page and answer 404 to everything an account may not see.
"""

from __future__ import annotations

from typing import Any

from litestar import Router
from litestar.di import Provide

from . import auth, claims, keys, operator, organiser
from .common import EXCEPTION_HANDLERS, SIGNATURE_NAMESPACE, acting, operator_acting

console = Router(
    path="/console",
    route_handlers=[*auth.ROUTES, *organiser.ROUTES, *operator.ROUTES, *keys.ROUTES],
    dependencies={
        "acting": Provide(acting, sync_to_thread=True),
        "operator": Provide(operator_acting, sync_to_thread=True),
    },
    exception_handlers=EXCEPTION_HANDLERS,
    # handlers name these types for mypy only; Litestar resolves annotations at start-up
    signature_namespace=SIGNATURE_NAMESPACE,
)

ROUTES: list[Any] = [console, *claims.ROUTES]
"""Route handlers and routers that :func:`diandian.web.app.create_app` mounts."""
