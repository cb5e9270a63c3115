"""``create_app(platform)``: the one Litestar app every deployment serves.

It mounts the visitor pages, the console and ``/api/v1`` (each package exports ``ROUTES``),
renders Jinja2 templates from ``web/templates`` (one folder per package), serves ``web/static``,
protects every form with Litestar's CSRF middleware (the JSON API authenticates with API keys,
not cookies, and is exempt), and adds the security headers of :mod:`.security`.

Litestar 2.25 wraps a ``sync_to_thread=True`` handler a second time when another such handler
is registered on the same path (a GET and a POST on ``/x``), and the first then answers 500:
give a form's POST its own path (``/d/<draft>/answers``, not ``/d/<draft>``).

The app keeps no state in process memory: the platform object reaches the database, and
anything a visitor leaves between two requests (a draft, a device token, a rate-limit count)
is stored there, so several workers or servers over one database behave as one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from litestar import Litestar, Request, Response, Router, get
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import Cookie, State
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.params import FromPath, FromQuery
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from ..errors import ValidationFailed
from ..text import LANGUAGES
from . import i18n
from .i18n import request_lang
from .security import safe_next, security_headers
from .store import WebStore

if TYPE_CHECKING:
    from ..certificates.model import Claims, Status
    from ..platform import Platform

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
CSRF_COOKIE = "dd_csrf"
CSRF_EXEMPT = ["/api/"]
YEAR = 365 * 24 * 3600


@jinja2.pass_context
def _t(context: jinja2.runtime.Context, en: str, zh: str) -> str:
    return i18n.pick(request_lang(context["request"]), en, zh)


@jinja2.pass_context
def _lang(context: jinja2.runtime.Context) -> str:
    return request_lang(context["request"])


@jinja2.pass_context
def _here(context: jinja2.runtime.Context) -> str:
    # a page answering a form (errors beside fields) sits at a POST-only address; the language
    # switch goes back with GET, so it returns to the page the form was on
    request = context["request"]
    if request.method == "GET":
        query = request.url.query
        return str(request.url.path) + (f"?{query}" if query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    own = referer.netloc == request.url.netloc and referer.path.startswith("/")
    return referer.path + (f"?{referer.query}" if referer.query else "") if own else "/"


@jinja2.pass_context
def _count(context: jinja2.runtime.Context, n: int, one: str, many: str, zh: str) -> str:
    return i18n.count(n, request_lang(context["request"]), one, many, zh)


@jinja2.pass_context
def _statement(context: jinja2.runtime.Context, claims: Claims, status: Status | None) -> str:
    from ..render.wording import statement

    return statement(claims, status, request_lang(context["request"]))


def environment() -> jinja2.Environment:
    """The Jinja2 environment: autoescaping on, ``t(en, zh)``, ``lang()``, ``count(n, one, many,
    zh)`` (a number with its noun in the page's language), a certificate's
    ``statement(claims, status)`` in the page's language, and the formatters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(t=_t, lang=_lang, here=_here, count=_count, statement=_statement, LANGUAGES=LANGUAGES)
    env.filters.update(kg=i18n.kilograms, money=i18n.money, number=i18n.number, day=i18n.day)
    return env


@get("/lang/{code:str}", name="set_language", sync_to_thread=False)
def set_language(code: FromPath[str], next: FromQuery[str | None] = None) -> Redirect:
    """The language switch: remember ``code`` in a cookie for a year and go back to ``next``."""
    chosen = code if code in LANGUAGES else i18n.negotiate(None, code)
    return Redirect(
        safe_next(next),
        status_code=303,
        cookies=[
            Cookie(key=i18n.COOKIE, value=chosen, max_age=YEAR, httponly=True, samesite="lax", path="/")
        ],
    )


@get("/healthz", name="health", sync_to_thread=False, include_in_schema=False)
def health() -> str:
    return "ok"


def _platform(state: State) -> Any:
    return state.platform


def _error_page(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Errors as a page in the visitor's language (JSON under ``/api/``); never a traceback.

    A :class:`~diandian.errors.ValidationFailed` no handler caught is still the input's fault,
    not the server's: 400 with each problem ("grams: must be more than 0 g"), never a 500 that
    says "try again" when trying again gives the same answer.
    """
    if isinstance(exc, ValidationFailed):  # /api/v1 maps it with its own handlers
        problems = [f"{p.path}: {p.message}" if p.path else p.message for p in exc.problems]
        context = {"status_code": 400, "problems": problems}
        return Template("visitor/error.html", context=context, status_code=400)
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 500:
        request.logger.exception("unhandled error on %s", request.url.path)
    if request.url.path.startswith("/api/"):
        detail = exc.detail if isinstance(exc, HTTPException) and status != 500 else "internal error"
        return Response({"status_code": status, "detail": detail}, status_code=status)
    return Template("visitor/error.html", context={"status_code": status, "problems": []}, status_code=status)


def create_app(platform: Platform, *, secret: str | None = None) -> Litestar:
    """The web app over ``platform`` (its database migrated: ``platform.init()``).

    ``secret`` keys the CSRF tokens; every server of one deployment must share it (default: one
    made on first use and kept in the database, so they do). ``platform.settings.public_url``
    is the address visitors use; when it is HTTPS, cookies are ``Secure`` and HSTS is sent.
    """
    from . import api
    from .api import ROUTES as api_routes
    from .console import ROUTES as console_routes
    from .visitor import ROUTES as visitor_routes

    store = WebStore(platform.database)
    public_url = platform.settings.public_url.rstrip("/")
    https = public_url.startswith("https://")
    return Litestar(
        route_handlers=[
            # pages are not part of the API's OpenAPI document
            Router(
                "/",
                route_handlers=[
                    set_language,
                    health,
                    create_static_files_router(
                        path="/static", directories=[STATIC], name="static", send_as_attachment=False
                    ),
                    *visitor_routes,
                    *console_routes,
                ],
                include_in_schema=False,
            ),
            *api_routes,
        ],
        dependencies={"platform": Provide(_platform, sync_to_thread=False)},
        signature_namespace={"Platform": Any},
        state=State({"platform": platform, "store": store, "public_url": public_url}),
        template_config=TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment())),
        csrf_config=CSRFConfig(
            secret=secret or store.secret("csrf"),
            cookie_name=CSRF_COOKIE,
            cookie_secure=https,
            cookie_httponly=True,
            cookie_samesite="lax",
            exclude=CSRF_EXEMPT,
        ),
        before_send=[security_headers(https)],
        exception_handlers={HTTPException: _error_page, Exception: _error_page},
        openapi_config=api.openapi_config(),
        cors_config=api.cors_config(platform),
    )


__all__ = ["create_app", "environment"]
