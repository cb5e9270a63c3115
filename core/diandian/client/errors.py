"""What the client raises: the server's error body as an exception, one class per kind of failure.

Every :class:`ApiError` carries the HTTP ``status`` (0 when no answer came), the server's stable
``code``, its ``message`` and the ``field`` it names. Refused input raises
:class:`InvalidRequest`, which is also a :class:`diandian.ValidationFailed` with the same
``problems``, so code written for the in-process SDK handles the remote one unchanged.
"""

from __future__ import annotations

from ..errors import DiandianError, Problem, ValidationFailed
from .models import ErrorBody


class ApiError(DiandianError):
    """The server refused or failed a request; see the module docstring for the attributes."""

    status: int
    code: str
    message: str
    field: str | None
    problems: tuple[Problem, ...]
    retry_after: float | None

    def __init__(self, status: int, body: ErrorBody, retry_after: float | None = None) -> None:
        self._fill(status, body, retry_after)
        super().__init__(self._text())

    def _fill(self, status: int, body: ErrorBody, retry_after: float | None) -> None:
        self.status = status
        self.code = body.code
        self.message = body.message
        self.field = body.field
        self.problems = body.problems
        self.retry_after = retry_after

    def _text(self) -> str:
        field = f" (field {self.field})" if self.field else ""
        return f"HTTP {self.status} {self.code}: {self.message}{field}"


class InvalidRequest(ApiError, ValidationFailed):
    """400 or 422: the request was refused; ``problems`` names every field."""

    def __init__(self, status: int, body: ErrorBody, retry_after: float | None = None) -> None:
        problems = body.problems or (Problem(body.field or "", body.code, body.message),)
        ValidationFailed.__init__(self, problems, what="request")
        self._fill(status, body, retry_after)
        self.problems = problems

    def __str__(self) -> str:
        return self._text()


class Unauthorised(ApiError):
    """401 or 403: the key is missing, unknown, revoked, or lacks the scope (``code`` says which)."""


class NotFound(ApiError):
    """404: no such order, certificate, scene or path."""


class Conflict(ApiError):
    """409: an idempotency key reused for another body, not enough credits, an unpaid order."""


class RateLimited(ApiError):
    """429 after the retries: the key's requests per minute are spent; see ``retry_after``."""


class ServerError(ApiError):
    """5xx after the retries."""


class TransportError(ApiError):
    """No answer: the server could not be reached, or did not answer within the timeout
    (``code`` ``unreachable`` or ``timeout``; ``status`` 0)."""


def error_for(status: int, body: ErrorBody, retry_after: float | None = None) -> ApiError:
    """The exception for an error response."""
    if status in (400, 413, 422):
        return InvalidRequest(status, body, retry_after)
    kind: type[ApiError] = {
        401: Unauthorised,
        403: Unauthorised,
        404: NotFound,
        409: Conflict,
        429: RateLimited,
    }.get(status, ServerError if status >= 500 else ApiError)
    return kind(status, body, retry_after)
