"""Hypothesis over trip legs: any valid leg gives whole grams that match its factor; junk is refused."""

from __future__ import annotations

import math
from typing import Any

import diandian
from diandian import Scene, ValidationFailed
from diandian.travel import MODES
from hypothesis import given, settings
from hypothesis import strategies as st

MODE_VALUES = sorted(MODES)


@st.composite
def typed_leg(draw: st.DrawFn) -> dict[str, Any]:
    mode = draw(st.sampled_from(MODE_VALUES))
    km = draw(st.floats(min_value=0.1, max_value=MODES[mode].maximum_km, allow_nan=False))
    leg: dict[str, Any] = {
        "mode": mode,
        "distance_by": "km",
        "distance_km": km,
        "trip": draw(st.sampled_from(["one_way", "return"])),
    }
    if mode in ("car", "motorbike"):
        leg["occupancy"] = draw(st.integers(1, 9))
    if mode == "flight":
        leg["cabin"] = draw(st.sampled_from(["economy", "premium_economy", "business", "first", "average"]))
    return leg


@settings(max_examples=150, deadline=None)
@given(legs=st.lists(typed_leg(), max_size=5))
def test_valid_legs_give_whole_grams(
    trip_engine: diandian.Engine, chengdu: Scene, legs: list[dict[str, Any]]
) -> None:
    footprint = trip_engine.footprint("trip", {"legs": legs}, scene=chengdu)
    assert footprint.grams == sum(line.grams for line in footprint.lines)
    for line in footprint.lines:
        assert line.grams == math.ceil(round(line.activity.quantity * line.factor.grams, 6))
        assert line.activity.source.startswith("legs.")


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
LEG_KEYS = [
    "mode",
    "cabin",
    "car_size",
    "car_fuel",
    "occupancy",
    "trip",
    "distance_by",
    "from_place",
    "to_place",
    "distance_km",
]


@settings(max_examples=150, deadline=None)
@given(
    legs=st.lists(
        st.dictionaries(st.sampled_from(LEG_KEYS), JUNK | st.sampled_from(MODE_VALUES), max_size=6),
        max_size=3,
    )
)
def test_junk_legs_are_refused_or_computed_never_crash(
    trip_engine: diandian.Engine, chengdu: Scene, legs: list[dict[str, Any]]
) -> None:
    try:
        footprint = trip_engine.footprint("trip", {"legs": legs}, scene=chengdu)
    except ValidationFailed as exc:
        assert all(p.path.startswith("legs") for p in exc.problems)
    else:
        assert footprint.grams >= 0
