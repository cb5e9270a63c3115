"""Validated answers of both questionnaires turned into activities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import diandian
from diandian import Activity, Place, Scene
from diandian.energy import grid_region
from diandian.food import capture_meals
from diandian.lodging import capture_stay
from diandian.travel import capture_travel, resolve_place

from .kinds import ORGANISER_SHARE, ROUTES_BY_STREAM, VENUE_ESTIMATE, WASTE_ROUTES


def _place(answers: Mapping[str, Any], question: str, scene: Scene) -> Place | None:
    """The place a question names, else the scene's own."""
    if answers.get(question):
        return resolve_place(answers[question], path=question)
    return scene.place


def capture_attendee(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """Travel, meals for each day attended, room-nights and, when published, the event share."""
    days = answers["days"]
    activities = capture_travel(answers, scene)
    activities += capture_meals(answers.get("meals", ()), times=days)
    activities += capture_stay(answers, scene)  # none when a hotel of the venue counts the stay
    published = any(f.activity == ORGANISER_SHARE.key for f in scene.factor_overrides)
    if published and answers.get("event_share", True):
        activities.append(Activity(ORGANISER_SHARE.key, float(days), source="days"))
    return activities


def _venue_energy(answers: Mapping[str, Any], grid: str) -> list[Activity]:
    """The venue's energy in the data tier the organiser has: metered, area x hours, or estimated."""
    tier = answers["energy_data"]
    if tier == "metered":
        activities = [Activity("energy.electricity", answers["electricity_kwh"], grid, "electricity_kwh")]
        if answers.get("gas_kwh"):
            activities.append(Activity("energy.natural_gas", answers["gas_kwh"], source="gas_kwh"))
        return activities
    if tier == "area":
        area, hours, intensity = answers["area_m2"], answers["hours"], answers["kwh_per_m2_hour"]
        detail = {"area_m2": area, "hours": hours, "kwh_per_m2_hour": intensity}
        return [Activity("energy.electricity", area * hours * intensity, grid, "area_m2", detail=detail)]
    attendee_days = answers["attendees"] * answers["days"]
    return [Activity(VENUE_ESTIMATE.key, float(attendee_days), grid, "energy_data")]


def _waste(items: Any) -> list[Activity]:
    activities = []
    for index, item in enumerate(items):
        stream, route = item["stream"], item.get("route", "landfill")
        if route not in ROUTES_BY_STREAM[stream]:
            allowed = ", ".join(ROUTES_BY_STREAM[stream])
            raise diandian.ValidationFailed.single(
                f"waste.{index}.route",
                "unknown_option",
                f"{stream} waste cannot go to {WASTE_ROUTES[route]['en'].lower()}; choose one of {allowed}",
                what="answers",
            )
        activities.append(Activity(f"waste.{stream}.{route}", item["kg"], source=f"waste.{index}"))
    return activities


def capture_organiser(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """Venue energy on the venue's grid, catering, materials by mass and waste by stream."""
    grid = grid_region(_place(answers, "venue_city", scene))
    activities = _venue_energy(answers, grid)
    activities += capture_meals(answers.get("catering", ()), source="catering")
    activities += [
        Activity(f"materials.{item['material']}", item["kg"], source=f"materials.{index}")
        for index, item in enumerate(answers.get("materials", ()))
    ]
    activities += _waste(answers.get("waste", ()))
    return activities
