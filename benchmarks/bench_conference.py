"""Conference benchmark: one two-leg attendee answer set, next to baselines measured in the same run.

    .venv/bin/python benchmarks/bench_conference.py

Figures (median per call over 15 repeats):
1. the attendee's answers through ``engine.footprint("conference", ...)`` at a Chengdu scene:
   validation, two trip legs (Beijing by high-speed rail, a taxi by typed km), meals for two
   days, two room-nights in the hotel's city, factor lookup and rounding (target <= 50 us);
2. baseline: a one-room hotel footprint through the same engine (the smallest engine call);
3. baseline: the same lines' arithmetic as bare Python over already-resolved factors.
"""

from __future__ import annotations

import math
import statistics
import timeit
from collections.abc import Callable

import diandian
from diandian.travel import resolve_place

ANSWERS = {
    "legs": [
        {"mode": "rail_high_speed", "from_place": "Beijing"},
        {"mode": "taxi", "distance_by": "km", "distance_km": 18},
    ],
    "days": 2,
    "meals": [{"type": "average", "count": 3}],
    "nights": 2,
    "hotel_city": "成都",
}
HOTEL = {"rooms": 1, "nights": 2, "country": "CN"}


def median_per_call(function: Callable[[], object], number: int, repeat: int = 15) -> float:
    return statistics.median(timeit.repeat(function, number=number, repeat=repeat)) / number


def bare_arithmetic(footprint: diandian.Footprint) -> Callable[[], int]:
    """The footprint's lines as quantities x factors, summed with the same rounding up."""
    pairs = [(line.activity.quantity, line.factor.grams) for line in footprint.lines]

    def bare() -> int:
        return sum(math.ceil(round(quantity * grams, 6)) for quantity, grams in pairs)

    return bare


def main() -> None:
    engine = diandian.Engine()
    scene = diandian.Scene(
        id="bench", name={"en": "Chengdu summit"}, scene_types=("conference",), place=resolve_place("Chengdu")
    )
    footprint = engine.footprint("conference", ANSWERS, scene=scene)
    bare = bare_arithmetic(footprint)
    assert bare() == footprint.grams and len(footprint.lines) == 4
    assert engine.footprint("hotel", HOTEL).grams == 107_000

    conference = median_per_call(lambda: engine.footprint("conference", ANSWERS, scene=scene), 2_000)
    hotel = median_per_call(lambda: engine.footprint("hotel", HOTEL), 5_000)
    arithmetic = median_per_call(bare, 50_000)
    print(
        f"two-leg conference attendee footprint: {conference * 1e6:.2f} us median per call (target <= 50 us)\n"
        f"  baseline, one-room hotel footprint, same engine: {hotel * 1e6:.2f} us "
        f"(ratio {conference / hotel:.1f}x)\n"
        f"  baseline, bare arithmetic of the same {len(footprint.lines)} lines: {arithmetic * 1e6:.3f} us "
        f"(ratio {conference / arithmetic:.0f}x)"
    )


if __name__ == "__main__":
    main()
