"""Activities: what a visitor did, in one canonical unit, ready to meet an emission factor."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from .text import Text, text

CATEGORIES = (
    "transport",
    "lodging",
    "food",
    "energy",
    "materials",
    "waste",
    "purchases",
    "operations",
    "other",
)
CATEGORY_LABELS: Mapping[str, Text] = {
    "transport": text("Transport", "交通"),
    "lodging": text("Lodging", "住宿"),
    "food": text("Food and drink", "餐饮"),
    "energy": text("Energy", "能源"),
    "materials": text("Materials", "物料"),
    "waste": text("Waste", "废弃物"),
    "purchases": text("Purchases", "购物"),
    "operations": text("Operations", "运营"),
    "other": text("Other", "其他"),
}
"""Each category's name as shown to visitors."""


@attrs.frozen
class ActivityKind:
    """A kind of activity and its canonical unit, e.g. ``lodging.room_night`` in ``room.night``.

    Factor rows for this kind are converted into ``unit`` when their table loads.
    """

    key: str
    unit: str
    category: str = attrs.field(validator=attrs.validators.in_(CATEGORIES))
    label: Text = attrs.field(factory=dict)


def _finite_non_negative(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    # exact type checks first: this runs for every activity of every footprint
    if (type(value) is float or type(value) is int) and 0 <= value < math.inf:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not (0 <= value < math.inf):
        raise ValueError(f"{attribute.name} must be a finite number >= 0, got {value!r}")


NO_DETAIL: Mapping[str, object] = MappingProxyType({})


@attrs.frozen
class Activity:
    """An amount of one activity kind: ``Activity("transport.rail.high_speed", 812.0)``.

    ``region`` selects the factor (falling back to broader regions); ``source`` names the
    question path it came from, so line items can be traced back to answers; ``detail`` holds
    anything a plugin wants to show next to the line (a route, a booking reference).
    """

    key: str
    quantity: float = attrs.field(validator=_finite_non_negative)
    region: str | None = None
    source: str = ""
    label: Text | None = None
    detail: Mapping[str, object] = attrs.field(default=NO_DETAIL, hash=False)
    scene_type: str | None = None
