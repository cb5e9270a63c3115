"""Scene types (kinds of venue, contributed by plugins) and scenes (one concrete venue or event)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

import attrs

from .activities import ActivityKind
from .factors import EmissionFactor
from .places import Place
from .questionnaire import Questionnaire
from .text import Text

ColumnCapture = Callable[[Mapping[str, Any]], Sequence["ActivityColumn"]]


@attrs.frozen
class ActivityColumn:
    """One activity kind for many rows at once: NumPy arrays of quantities and factor regions."""

    key: str
    quantity: Any
    region: Any


@attrs.frozen(eq=False)
class SceneType:
    """A kind of venue with its questionnaire, the activity kinds it produces and example answers.

    ``columnar`` optionally turns NumPy columns of answers into :class:`ActivityColumn` values for
    large batches (a year of bookings); scene types without it are computed row by row.
    ``includes`` documents what this scene type's factors already cover (see mixed venues).
    """

    name: str
    title: Text
    questionnaire: Questionnaire
    example_answers: Mapping[str, Any] = attrs.field(factory=dict)
    description: Text | None = None
    activity_kinds: tuple[ActivityKind, ...] = ()
    columnar: ColumnCapture | None = attrs.field(default=None, hash=False)


VISIBILITIES = ("public", "unlisted")


@attrs.frozen
class Scene:
    """One venue or event: its place, dates, organiser and the scene types it combines.

    ``factor_overrides`` replace factors for this scene only, such as a hotel that measured its own
    kg CO2e per occupied room-night (HCMI); they are matched by activity and region like any factor.
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
