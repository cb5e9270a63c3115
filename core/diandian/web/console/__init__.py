"""The organiser and operator console (accounts, scenes, dashboards, inventory)."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
"""Route handlers and routers that :func:`diandian.web.app.create_app` mounts."""
