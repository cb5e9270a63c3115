"""Scenes: one concrete venue or event, of one scene type or several (see :mod:`diandian.scene_types`)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import attrs

# imported at run time, not for type checking only: the web API's schema and cattrs resolve a
# scene's annotations (place, dates, overrides) when a Scene crosses an edge
from .factors import EmissionFactor
from .places import Place
from .text import Text


@attrs.frozen
class ActivityColumn:
    """One activity kind for many rows at once: NumPy arrays of quantities and factor regions."""

    key: str
    quantity: Any
    region: Any


VISIBILITIES = ("public", "unlisted")


@attrs.frozen
class Scene:
    """One venue or event: its place, dates, organiser and the scene types it combines.

    ``factor_overrides`` replace factors for this scene only, such as a hotel that measured its own
    kg CO2e per occupied room-night (HCMI); they are matched by activity and region like any factor.
    ``organiser`` names who owns the scene (an account id for one made in the console);
    ``organiser_name`` is who runs it as visitors read it, in both languages.
    ``id`` never changes once stored (certificates, orders and leaderboards name it); ``slug`` is
    the scene's URL path segment (the id unless set); ``visibility`` is ``public`` (listed and
    searchable) or ``unlisted`` (reachable only through its door QR code).
    """

    id: str
    name: Text
    scene_types: tuple[str, ...]
    place: Place | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None
    organiser: str | None = None
    organiser_name: Text | None = None
    factor_overrides: tuple[EmissionFactor, ...] = ()
    slug: str = attrs.field()
    visibility: str = "public"

    @slug.default
    def _slug_is_the_id(self) -> str:
        return self.id

    @property
    def region(self) -> str | None:
        return self.place.factor_region if self.place else None


@cache
def ad_hoc_scene(scene_type: str, place: Place | None = None) -> Scene:
    """A scene with no identity, for computing a footprint of one scene type on its own."""
    return Scene(id=f"ad-hoc:{scene_type}", name={"en": scene_type}, scene_types=(scene_type,), place=place)
