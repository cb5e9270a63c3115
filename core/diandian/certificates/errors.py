"""The one error every certificate check raises: a stable code and a reason a person can read."""

from __future__ import annotations

from ..errors import DiandianError


class CertificateError(DiandianError, ValueError):
    """A certificate, key or status list was refused; ``code`` is stable, the message says why."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"{reason} [{code}]")
