"""A visitor's validated answers turned into activities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diandian import Activity, Scene
from diandian.energy import grid_region
from diandian.food import capture_meals
from diandian.lodging import capture_stay
from diandian.travel import capture_travel

from .kinds import CABLE_CAR, SITE_VISIT


def _in_park(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """Bus and boat rides as passenger-km; cable-car rides per passenger on the park's grid."""
    activities = []
    for mode, key in (("bus", "transport.bus"), ("boat", "transport.ferry")):
        rides = answers.get(f"{mode}_rides", 0)
        if rides:
            km = answers[f"{mode}_km_per_ride"]
            detail = {"rides": rides, "km_per_ride": km}
            activities.append(Activity(key, rides * km, source=f"{mode}_rides", detail=detail))
    if answers.get("cable_car_rides"):
        region = grid_region(scene.place)
        activities.append(
            Activity(CABLE_CAR.key, float(answers["cable_car_rides"]), region, "cable_car_rides")
        )
    return activities


def capture_visit(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """Travel, in-park rides, one visit's share of the site, meals for each day, room-nights."""
    activities = capture_travel(answers, scene)
    activities += _in_park(answers, scene)
    activities.append(Activity(SITE_VISIT.key, 1.0, source="days"))
    activities += capture_meals(answers.get("meals", ()), times=answers["days"])
    activities += capture_stay(answers, scene)  # none when a hotel of the venue counts the stay
    return activities
