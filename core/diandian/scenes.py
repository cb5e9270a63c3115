"""Scene types (kinds of venue, contributed by plugins) and scenes (one concrete venue or event)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from .activities import Activity, ActivityKind
from .factor_files import load_factor_csv
from .factors import EmissionFactor, FactorTable
from .places import Place
from .questionnaire import Questionnaire
from .text import Text

ColumnCapture = Callable[[Mapping[str, Any]], Sequence["ActivityColumn"]]
Capture = Callable[[Mapping[str, Any], "Scene"], Sequence[Activity]]
"""A scene type's capture: validated answers and the scene -> activities."""


@attrs.frozen
class FactorFile:
    """A factor table in a CSV file (see :func:`diandian.load_factor_csv`), read on first use.

    ``path`` is the file, usually ``Path(__file__).parent / "name.csv"`` in the plugin's package;
    ``id`` and ``version`` name the table (``"hotel.services"``, ``"2024.1"``); ``gwp_set`` is the
    IPCC assessment for rows written per gas (``AR4``, ``AR5`` or ``AR6``).
    """

    path: Path
    id: str
    version: str
    title: str = ""
    gwp_set: str = "AR5"

    def load(self, kinds: Mapping[str, ActivityKind]) -> FactorTable:
        """The table, converted to ``kinds``' canonical units; raises :class:`FactorDataError`."""
        return load_factor_csv(
            self.path, id=self.id, version=self.version, kinds=kinds, title=self.title, gwp_set=self.gwp_set
        )


@attrs.frozen
class DerivedTable:
    """A factor table computed from other tables when factors are first needed.

    ``factors`` takes no argument and returns the factors (already in canonical units), such as
    :func:`diandian.energy.derived_electricity_factors` turning a stated kWh per visit into a
    factor for every grid region.
    """

    id: str
    version: str
    title: str
    factors: Callable[[], Sequence[EmissionFactor]] = attrs.field(eq=False)

    def load(self, kinds: Mapping[str, ActivityKind]) -> FactorTable:
        """The table; ``kinds`` is unused (the factors are built in their units)."""
        return FactorTable(id=self.id, version=self.version, title=self.title, factors=tuple(self.factors()))


@attrs.frozen
class ActivityColumn:
    """One activity kind for many rows at once: NumPy arrays of quantities and factor regions."""

    key: str
    quantity: Any
    region: Any


@attrs.frozen(eq=False)
class SceneType:
    """A kind of venue: its questionnaire, how answers become activities, and its factors.

    ``capture`` turns validated answers at a scene into activities; the host calls it for this
    scene type only (plugins that add to other scene types' footprints use the
    ``diandian_capture_activities`` hook instead). ``factor_tables`` are the tables this scene
    type brings (:class:`FactorFile`, :class:`DerivedTable`); they load when factors are first
    needed, not when the plugin loads. ``columnar`` optionally turns NumPy columns of answers
    into :class:`ActivityColumn` values for large batches (a year of bookings); scene types
    without it are computed row by row.
    """

    name: str
    title: Text
    questionnaire: Questionnaire
    example_answers: Mapping[str, Any] = attrs.field(factory=dict)
    description: Text | None = None
    activity_kinds: tuple[ActivityKind, ...] = ()
    columnar: ColumnCapture | None = attrs.field(default=None, hash=False)
    capture: Capture | None = attrs.field(default=None, hash=False)
    factor_tables: tuple[FactorFile | DerivedTable, ...] = ()


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
