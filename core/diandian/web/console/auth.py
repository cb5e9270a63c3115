"""Sign-up, sign-in, sign-out and the password reset, for organisers and operators.

Every form posts with the CSRF token; every success answers with a redirect (post/redirect/get).
A refused sign-in says the same for an unknown e-mail and a wrong password; past the limits of
:data:`diandian.accounts.LIMITS` the form answers 429 with the wait.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Response, Template

from ...accounts import RateLimited, SignInRefused
from ...errors import ValidationFailed
from ..i18n import pick
from ..security import safe_next
from .common import AnyRequest, Form, current_account, errors_of, field, lang, page, session_cookie

if TYPE_CHECKING:
    from ...platform import Platform


def _home(request: AnyRequest, platform: Platform) -> str:
    account = current_account(request, platform)
    return "/console/operator" if account is not None and account.is_operator else "/console"


@get("/sign-up", name="console_sign_up_form", sync_to_thread=False)
def sign_up_form() -> Template:
    """The organiser sign-up form."""
    return page("sign_up", values={}, errors={})


@post("/sign-up", name="console_sign_up", sync_to_thread=True)
def sign_up(request: AnyRequest, platform: NamedDependency[Platform], data: Form) -> Response[Any]:
    """Create an organiser account and sign it in."""
    values = {name: field(data, name, 300) for name in ("email", "display_name")}
    password = field(data, "password", 1000)
    try:
        platform.accounts.sign_up(values["email"], password, values["display_name"])
        signed = platform.accounts.sign_in(values["email"], password, client=_client(request))
    except ValidationFailed as exc:
        return page("sign_up", status_code=400, values=values, errors=errors_of(exc))
    return Redirect("/console", status_code=303, cookies=[session_cookie(request, signed.token)])


def _client(request: AnyRequest) -> str:
    return request.client.host if request.client else ""


@get("/sign-in", name="console_sign_in_form", sync_to_thread=True)
def sign_in_form(
    request: AnyRequest, platform: NamedDependency[Platform], next: FromQuery[str | None] = None
) -> Response[Any]:
    """The sign-in form (a signed-in account goes straight on)."""
    if current_account(request, platform) is not None:
        return Redirect(safe_next(next) if next else _home(request, platform), status_code=303)
    return page("sign_in", next=safe_next(next), email="", error=None)


@post("/sign-in/submit", name="console_sign_in", sync_to_thread=True)
def sign_in(request: AnyRequest, platform: NamedDependency[Platform], data: Form) -> Response[Any]:
    """Check the password, start a session, go back to where the account was going."""
    email, target = field(data, "email", 300), safe_next(field(data, "next", 500) or None)
    language = lang(request)
    try:
        signed = platform.accounts.sign_in(email, field(data, "password", 1000), client=_client(request))
    except RateLimited as exc:
        minutes = max(1, exc.retry_after // 60)
        error = pick(
            language,
            f"Too many attempts. Try again in {minutes} minutes.",
            f"尝试次数过多，请在 {minutes} 分钟后再试。",
        )
        return page("sign_in", status_code=429, next=target, email=email, error=error)
    except SignInRefused:
        error = pick(language, "Wrong e-mail address or password.", "电子邮箱或密码错误。")
        return page("sign_in", status_code=400, next=target, email=email, error=error)
    if target == "/":
        target = "/console/operator" if signed.account.is_operator else "/console"
    return Redirect(target, status_code=303, cookies=[session_cookie(request, signed.token)])


@post("/sign-out", name="console_sign_out", sync_to_thread=True)
def sign_out(request: AnyRequest, platform: NamedDependency[Platform]) -> Redirect:
    """End the session on every server."""
    from .common import SESSION_COOKIE

    platform.accounts.sign_out(request.cookies.get(SESSION_COOKIE))
    return Redirect("/console/sign-in", status_code=303, cookies=[session_cookie(request, None)])


@get("/reset", name="console_reset_form", sync_to_thread=False)
def reset_form(token: FromQuery[str | None] = None) -> Template:
    """Ask for a reset link, or (with the link's token) choose a new password."""
    if token:
        return page("reset_new", token=token[:200], errors={})
    return page("reset", sent=False, error=None)


@post("/reset", name="console_reset", sync_to_thread=True)
def reset(request: AnyRequest, platform: NamedDependency[Platform], data: Form) -> Template:
    """Write a reset link to the outbox; the page says the same whether the address is known."""
    base = str(request.app.state.public_url or str(request.base_url).rstrip("/"))
    try:
        platform.accounts.request_reset(field(data, "email", 300), f"{base}/console/reset")
    except RateLimited:
        error = pick(lang(request), "Too many requests; try again later.", "请求过多，请稍后再试。")
        return page("reset", status_code=429, sent=False, error=error)
    return page("reset", sent=True, error=None)


@post("/reset/new", name="console_reset_new", sync_to_thread=True)
def reset_new(request: AnyRequest, platform: NamedDependency[Platform], data: Form) -> Response[Any]:
    """Set the new password; every session of the account ends, so sign in again."""
    token = field(data, "token", 200)
    try:
        platform.accounts.reset_password(token, field(data, "password", 1000))
    except ValidationFailed as exc:
        return page("reset_new", status_code=400, token=token, errors=errors_of(exc))
    return Redirect("/console/sign-in", status_code=303)


ROUTES = [sign_up_form, sign_up, sign_in_form, sign_in, sign_out, reset_form, reset, reset_new]
