"""The visitor's pages: door, directory, calculator, result, neutralise, certificate,
leaderboards, verify and the life footprint."""

from __future__ import annotations

from typing import Any

from .pages import ROUTES as _PAGES

ROUTES: list[Any] = list(_PAGES)
"""Route handlers that :func:`diandian.web.app.create_app` mounts."""
