"""What every console page shares: the signed-in account from the session cookie, the answers
to a refused or unknown request, form reading and template rendering.

The session cookie holds a random token whose hash the accounts service keeps (see
:mod:`diandian.accounts`); it is ``HttpOnly``, ``SameSite=Lax`` and, behind HTTPS, ``Secure``.
Pages that need an account take the ``account`` dependency (organisers and operators) or
``operator``; without a session the browser is sent to the sign-in page and comes back after.
A scene of another organiser, an unknown scene and an operator page reached by an organiser
all answer 404, so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import Redirect, Template

from ...accounts import SESSION_VALID_FOR, Account, NotAllowed
from ...acting import Acting
from ...errors import ValidationFailed
from ..i18n import request_lang

if TYPE_CHECKING:
    from ...platform import Platform

SESSION_COOKIE = "dd_session"
Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
Upload = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
AnyRequest = Request[Any, Any, Any]


class SignInRequired(Exception):
    """Raised by the ``account`` dependency when the request has no live session."""


def lang(request: AnyRequest) -> str:
    return request_lang(request)


def page(name: str, status_code: int = 200, **context: Any) -> Template:
    return Template(f"console/{name}.html", context=context, status_code=status_code)


def field(data: Mapping[str, Any], name: str, limit: int = 2000) -> str:
    """One text field of a posted form (the first if repeated), stripped and cut to ``limit``."""
    value = data.get(name, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()[:limit] if isinstance(value, str) else ""


def fields(data: Mapping[str, Any], name: str) -> list[str]:
    """Every value of a repeated field (checkboxes)."""
    value = data.get(name, [])
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if isinstance(v, str)]


def errors_of(exc: ValidationFailed) -> dict[str, str]:
    """Problems by field path (the first per field), for showing under each input."""
    found: dict[str, str] = {}
    for problem in exc.problems:
        found.setdefault(problem.path or "form", problem.message)
    return found


def session_cookie(request: AnyRequest, token: str | None) -> Cookie:
    """The session cookie set to ``token``, or expired when ``token`` is ``None``."""
    secure = str(request.app.state.public_url).startswith("https://")
    return Cookie(
        key=SESSION_COOKIE,
        value=token or "",
        max_age=int(SESSION_VALID_FOR.total_seconds()) if token else 0,
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )


def current_account(request: AnyRequest, platform: Platform) -> Account | None:
    """The account of this request's session, if any (looked up once per request)."""
    state = request.scope.setdefault("state", {})
    if "account" not in state:
        state["account"] = platform.accounts.session(request.cookies.get(SESSION_COOKIE))
    found: Account | None = state["account"]
    return found


def signed_in(request: AnyRequest, platform: Platform) -> Account:
    """Dependency ``account``: the signed-in account, else :class:`SignInRequired`."""
    account = current_account(request, platform)
    if account is None:
        raise SignInRequired()
    return account


def acting(request: AnyRequest, platform: NamedDependency[Platform]) -> Acting:
    """Dependency ``acting``: ``Acting(platform, account)`` for the signed-in account."""
    return Acting(platform, signed_in(request, platform))


def operator_acting(request: AnyRequest, platform: NamedDependency[Platform]) -> Acting:
    """Dependency for operator pages: an organiser gets 404 (the page does not exist for them)."""
    account = signed_in(request, platform)
    if not account.is_operator:
        raise NotFoundException()
    return Acting(platform, account)


def to_sign_in(request: AnyRequest, _exc: Exception) -> Response[Any]:
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(f"/console/sign-in?next={quote(back)}", status_code=303)


def not_found(request: AnyRequest, _exc: Exception) -> Response[Any]:
    """Another organiser's scene, an unknown one and a forbidden page look the same."""
    return page("missing", status_code=404)


SIGNATURE_NAMESPACE = {"Platform": Any, "Acting": Any}

EXCEPTION_HANDLERS: dict[type[Exception] | int, Any] = {
    SignInRequired: to_sign_in,
    NotAllowed: not_found,
    NotFoundException: not_found,
}
