"""Where a scene is: city, country, coordinates and the grid region its electricity comes from."""

from __future__ import annotations

import math

import attrs

from .text import Text

WORLD = "world"


def region_chain(region: str) -> tuple[str, ...]:
    """The fallback order for factor lookup: ``CN-51`` -> ``CN`` -> ``world``.

    Sub-regions are written ``<country>-<code>`` (ISO 3166-2 style) and may nest with more dashes
    (``CN-GRID-SW``); each dash removed gives the next, broader region.
    """
    chain: list[str] = []
    current = region
    while current and current != WORLD:
        chain.append(current)
        current = current.rpartition("-")[0]
    chain.append(WORLD)
    return tuple(chain)


def _check_latitude(_: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and not (math.isfinite(value) and -90.0 <= value <= 90.0):
        raise ValueError(f"{attribute.name} must be between -90 and 90, got {value!r}")


def _check_longitude(_: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    if value is not None and not (math.isfinite(value) and -180.0 <= value <= 180.0):
        raise ValueError(f"{attribute.name} must be between -180 and 180, got {value!r}")


@attrs.frozen
class Place:
    """A named point on Earth.

    ``country`` is ISO 3166-1 alpha-2; ``region`` is the most specific factor region
    (``CN-51`` for Sichuan); ``grid_region`` names the electricity grid (``CN-GRID-SW``) when it
    differs from the administrative region.
    """

    country: str
    city: str | None = None
    name: Text | None = None
    latitude: float | None = attrs.field(default=None, validator=_check_latitude)
    longitude: float | None = attrs.field(default=None, validator=_check_longitude)
    region: str | None = None
    grid_region: str | None = None

    @property
    def factor_region(self) -> str:
        return self.region or self.country

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None
