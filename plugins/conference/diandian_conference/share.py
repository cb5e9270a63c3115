"""The share of the event's own footprint that each attendee carries, per day attended.

The organiser computes the event's footprint (scene type ``conference_organiser``); each attendee
then carries ``organiser grams / (attendees x days)`` for every day attended. The share enters an
attendee's footprint as a scene factor override for ``operations.conference.organiser_share``, so
it is shown as its own line with the arithmetic in the factor's ``method``.

Catering is left out of the share by default: every attendee already counts the meals they ate
(those served at the event included), and counting the organiser's catering again would count
those meals twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs
from diandian import EmissionFactor, FactorSource, Quality, Scene, text

from .kinds import ORGANISER_SHARE

if TYPE_CHECKING:
    from diandian import Footprint

NOT_SHARED = ("food",)
"""Categories of the organiser footprint left out of the attendees' share (see the module doc)."""


def shared_grams(organiser_footprint: Footprint | int, exclude: Iterable[str] = NOT_SHARED) -> int:
    """The grams of the organiser footprint that attendees share: all of it but ``exclude`` categories."""
    if isinstance(organiser_footprint, int):
        return organiser_footprint
    left_out = sum(organiser_footprint.by_category.get(category, 0) for category in exclude)
    return organiser_footprint.grams - left_out


def _check_counts(attendees: int, days: int) -> None:
    for name, value in (("attendees", attendees), ("days", days)):
        if type(value) is not int or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")


def attendee_share(
    organiser_footprint: Footprint | int,
    attendees: int,
    days: int,
    *,
    exclude: Iterable[str] = NOT_SHARED,
) -> int:
    """Grams CO2e one attendee carries per day attended, rounded up.

    ``organiser_footprint`` is the organiser's :class:`~diandian.Footprint` (``exclude`` names
    categories left out) or plain grams, shared as given.
    """
    _check_counts(attendees, days)
    return math.ceil(shared_grams(organiser_footprint, exclude) / (attendees * days))


def organiser_share_factor(
    organiser_footprint: Footprint | int,
    attendees: int,
    days: int,
    *,
    organiser: str,
    year: int,
    exclude: Iterable[str] = NOT_SHARED,
) -> EmissionFactor:
    """The per-attendee-day share as a factor override for an attendee's scene."""
    exclude = tuple(exclude)
    shared = shared_grams(organiser_footprint, exclude)
    grams = attendee_share(organiser_footprint, attendees, days, exclude=exclude)
    left_out = left_out_zh = ""
    if exclude and not isinstance(organiser_footprint, int):
        left_out = f", {' and '.join(exclude)} left out"
        left_out_zh = f"（不含 {'、'.join(exclude)}）"
    return EmissionFactor(
        activity=ORGANISER_SHARE.key,
        region="world",
        grams=float(grams),
        unit=ORGANISER_SHARE.unit,
        source=FactorSource(
            publisher=organiser,
            document="Event footprint computed with the conference_organiser questionnaire",
            year=year,
        ),
        quality=Quality.DERIVED,
        method=f"{shared} g event footprint{left_out} / ({attendees} attendees x {days} days) = {grams} g",
        method_zh=f"会议排放 {shared} g{left_out_zh} ÷ ({attendees} 名参会者 × {days} 天) = {grams} g",
        label=text("Share of the event's own footprint", "分摊的会议自身排放"),
        table="conference.organiser_share",
        version=str(year),
    )


def with_organiser_share(
    scene: Scene,
    organiser_footprint: Footprint | int,
    attendees: int,
    days: int,
    *,
    exclude: Iterable[str] = NOT_SHARED,
) -> Scene:
    """``scene`` with the attendees' share of ``organiser_footprint`` as a factor override.

    The organiser is the scene's ``organiser`` and the year its first day's (both required).
    """
    if scene.organiser is None or scene.starts is None:
        raise ValueError("the scene needs an organiser and a start date to publish the attendees' share")
    factor = organiser_share_factor(
        organiser_footprint,
        attendees,
        days,
        organiser=scene.organiser,
        year=scene.starts.year,
        exclude=exclude,
    )
    others = tuple(f for f in scene.factor_overrides if f.activity != ORGANISER_SHARE.key)
    return attrs.evolve(scene, factor_overrides=(*others, factor))
