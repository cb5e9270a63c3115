"""The JSON API under ``/api/v1`` for POS and booking systems, authenticated with API keys."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
"""Route handlers and routers that :func:`diandian.web.app.create_app` mounts."""
