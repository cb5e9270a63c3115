"""Impossible answers are refused naming the field; absurd but possible ones pass with a warning."""

from __future__ import annotations

from typing import Any

import diandian
import pytest
from diandian import Scene


@pytest.mark.parametrize(
    ("answers", "path", "code"),
    [
        ({"legs": [{"mode": "coach", "from_place": "Atlantisville"}]}, "legs.0.from_place", "unknown_place"),
        ({"nights": 1, "hotel_city": "Atlantisville"}, "hotel_city", "unknown_place"),
        (
            {"legs": [{"mode": "taxi", "distance_by": "km", "distance_km": 40_000}]},
            "legs.0.distance_km",
            "above_mode_maximum",
        ),
        ({"nights": 400}, "nights", "above_maximum"),
        ({"bus_rides": -2}, "bus_rides", "below_minimum"),
        ({"bus_rides": 1, "bus_km_per_ride": -8}, "bus_km_per_ride", "below_minimum"),
        ({"boat_rides": 1, "boat_km_per_ride": 500}, "boat_km_per_ride", "above_maximum"),
        ({"cable_car_rides": 25}, "cable_car_rides", "above_maximum"),
        ({"cable_car_rides": 1.5}, "cable_car_rides", "not_an_integer"),
        ({"days": 0}, "days", "below_minimum"),
        ({"meals": [{"type": "beef", "count": -1}]}, "meals.0.count", "below_minimum"),
        ({"ticket": "VIP"}, "ticket", "unknown_field"),
    ],
)
def test_bad_input_names_the_field(
    engine: diandian.Engine, huangshan: Scene, answers: dict[str, Any], path: str, code: str
) -> None:
    with pytest.raises(diandian.ValidationFailed) as caught:
        engine.footprint("scenic_spot", answers, scene=huangshan)
    assert {p.path: p.code for p in caught.value.problems}[path] == code


def test_forty_thousand_km_by_taxi_says_why(engine: diandian.Engine, huangshan: Scene) -> None:
    answers = {"legs": [{"mode": "taxi", "distance_by": "km", "distance_km": 40_000}]}
    with pytest.raises(diandian.ValidationFailed, match="40,000 km one way is impossible by taxi"):
        engine.footprint("scenic_spot", answers, scene=huangshan)


def test_absurd_but_possible_values_pass_with_warnings(engine: diandian.Engine, huangshan: Scene) -> None:
    answers = {
        "days": 10,
        "bus_rides": 12,
        "bus_km_per_ride": 40,
        "cable_car_rides": 8,
        "nights": 45,
    }
    footprint = engine.footprint("scenic_spot", answers, scene=huangshan)
    assert {w.path for w in footprint.warnings} == {
        "days",
        "bus_rides",
        "bus_km_per_ride",
        "cable_car_rides",
        "nights",
    }
    # 12 rides x 40 km = 480 pkm x 0.0562 kg = 26.976 kg; 8 x 0.33 kg = 2.64 kg; 45 x 53.5 = 2,407.5 kg
    assert footprint.grams == 26_976 + 2_640 + 3_655 + 2_407_500


def test_ride_lengths_are_asked_only_with_rides(engine: diandian.Engine, huangshan: Scene) -> None:
    # a bus ride length without bus rides is not shown, so it is left out, not an error
    footprint = engine.footprint("scenic_spot", {"bus_km_per_ride": 12}, scene=huangshan)
    assert [line.activity.key for line in footprint.lines] == ["operations.scenic_spot.visit"]
