"""Every failure of ``/api/v1`` as one JSON body: a stable code, a message and the field.

:func:`error_body` maps the SDK's exceptions to an HTTP status and an
:class:`~diandian.client.models.ErrorBody`; :data:`EXCEPTION_HANDLERS` installs it on the API
router, so a handler never builds an error response itself and never leaks a traceback.

==================================  ======  =============================================
exception                           status  code
==================================  ======  =============================================
ValidationFailed                    422     the first problem's code (every problem listed)
ValidationFailed ``*.reused``       409     ``reused`` (an idempotency key, another body)
ValidationFailed ``unknown`` id     404     ``unknown`` when the field is in the URL path
ValidationFailed ``not_owner``      403     ``not_owner`` (another organiser's scene)
UnknownName                         422     ``unknown_<kind>`` naming ``scene_type``, ...
KeyRefused                          401     ``missing_key``, ``invalid_key``, ``revoked_key``
KeyRefused ``missing_scope``        403     ``missing_scope``
RateLimited                         429     ``rate_limited`` with ``Retry-After``
InsufficientCredits                 409     ``insufficient_credits`` naming ``grams``
CertificateError                    404/409/422 its own code
malformed JSON or wrong types       400     ``bad_request`` naming the body field
anything else                       500     ``internal`` (logged, never shown)
==================================  ======  =============================================
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from ...apikeys import KeyRefused
from ...certificates.errors import CertificateError
from ...client.models import ErrorBody
from ...errors import Problem, UnknownName, ValidationFailed
from ...offsets.errors import InsufficientCredits

log = logging.getLogger("diandian.web.api")

CERTIFICATE_STATUS = {"unknown_certificate": 404, "unknown_participant": 404, "not_paid": 409, "revoked": 409}


class RateLimited(Exception):
    """A key went over its requests per minute; ``retry_after`` seconds until it may send again."""

    def __init__(self, limit: int, retry_after: int) -> None:
        self.limit = limit
        self.retry_after = retry_after
        super().__init__(f"more than {limit} requests in a minute; retry after {retry_after} s")


def _validation(exc: ValidationFailed, path_params: dict[str, Any]) -> tuple[int, ErrorBody]:
    first = exc.problems[0] if exc.problems else Problem("", "invalid", str(exc))
    status = 422
    if first.code == "reused":
        status = 409
    elif first.code == "unknown" and first.path in path_params:
        status = 404
    elif first.code == "not_owner":
        status = 403
    message = (
        first.message if len(exc.problems) == 1 else f"{first.message} (and {len(exc.problems) - 1} more)"
    )
    return status, ErrorBody(first.code, message, first.path or None, exc.problems)


def _body_field(key: str) -> str | None:
    """msgspec's ``$.answers.legs[1]`` or Litestar's ``answers`` -> ``answers.legs.1``."""
    text = key.removeprefix("$").removeprefix(".").replace("[", ".").replace("]", "")
    return text or None


def error_body(
    exc: Exception, path_params: dict[str, Any] | None = None
) -> tuple[int, ErrorBody, dict[str, str]]:
    """The HTTP status, the body and any extra headers for ``exc``."""
    params = path_params or {}
    if isinstance(exc, ValidationFailed):
        status, body = _validation(exc, params)
        return status, body, {}
    if isinstance(exc, KeyRefused):
        status = 403 if exc.code == "missing_scope" else 401
        headers = {} if status == 403 else {"WWW-Authenticate": 'Bearer realm="diandian"'}
        return status, ErrorBody(exc.code, str(exc), "Authorization"), headers
    if isinstance(exc, RateLimited):
        return 429, ErrorBody("rate_limited", str(exc)), {"Retry-After": str(exc.retry_after)}
    if isinstance(exc, UnknownName):
        field = exc.kind.replace(" ", "_")
        return 422, ErrorBody(f"unknown_{field}", str(exc), field), {}
    if isinstance(exc, InsufficientCredits):
        return 409, ErrorBody("insufficient_credits", str(exc), "grams"), {}
    if isinstance(exc, CertificateError):
        return CERTIFICATE_STATUS.get(exc.code, 422), ErrorBody(exc.code, exc.reason), {}
    if isinstance(exc, ValidationException):
        extra = exc.extra if isinstance(exc.extra, list) else []
        problems = tuple(
            Problem(_body_field(str(item.get("key", ""))) or "", "bad_request", str(item.get("message", "")))
            for item in extra
            if isinstance(item, dict)
        )
        first = problems[0] if problems else None
        message = f"{first.path or 'body'}: {first.message}" if first else str(exc.detail)
        return 400, ErrorBody("bad_request", message, first.path if first else None, problems), {}
    if isinstance(exc, HTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        return exc.status_code, ErrorBody(code, str(exc.detail)), dict(exc.headers or {})
    log.exception("unexpected error in the API", exc_info=exc)
    return 500, ErrorBody("internal", "the server failed; the error was logged"), {}


def handle(request: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    status, body, headers = error_body(exc, request.path_params)
    return Response(body, status_code=status, headers=headers)


# HTTPException too: the app's own handler for it (an HTML page) would otherwise win for /api/v1
EXCEPTION_HANDLERS: dict[type[Exception] | int, Any] = {HTTPException: handle, Exception: handle}
