"""Security headers on every response, and the Content-Security-Policy.

The pages load only their own stylesheet, images and scripts (no inline script or style, no
third-party origin), may not be framed, and may post forms only to themselves. ``data:`` images
are allowed because charts and QR codes are inlined as data URIs where that saves a request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar.datastructures import MutableScopeHeaders
from litestar.types import BeforeMessageSendHookHandler, Message, Scope

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    # the verify page may use the camera to scan a QR code; nothing else may
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
}


def security_headers(https: bool) -> BeforeMessageSendHookHandler:
    """A ``before_send`` hook adding the headers above to every response (pages, static files,
    errors), plus HSTS when the deployment is served over HTTPS."""
    extra = {**HEADERS, "Strict-Transport-Security": "max-age=31536000"} if https else HEADERS

    async def add(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start":
            headers = MutableScopeHeaders.from_message(message)
            for name, value in extra.items():
                if name not in headers:
                    headers[name] = value

    return add


def safe_next(target: str | None) -> str:
    """A same-site path to return to; anything else (another host, ``//x``) becomes ``/``."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target
