"""Visitor page handlers: each parses the request, makes platform calls and renders a template."""

from __future__ import annotations

from litestar import get
from litestar.response import Template


@get("/", name="home", sync_to_thread=False)
def home() -> Template:
    """The directory: find a venue or event."""
    return Template("visitor/home.html")
