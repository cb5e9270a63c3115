"""Daily-life answers -> activities for one month or one year, shared by the household."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from diandian import Activity, Place, Scene, Text, text
from diandian.energy import grid_region
from diandian.food import MEALS, capture_meals
from diandian.travel import capture_legs, resolve_place

from .diets import ASSUMED_DIET, DIETS, MAIN_MEALS_PER_WEEK, WEEKS
from .questionnaire import GAS_KWH_PER_M3

MONTHS = {"month": 1, "year": 12}


def _home(answers: Mapping[str, Any], scene: Scene) -> Place | None:
    if answers.get("home_city"):
        return resolve_place(answers["home_city"], path="home_city")
    return scene.place


def _home_energy(answers: Mapping[str, Any], home: Place | None, months: int) -> list[Activity]:
    share = months / int(answers.get("household", 1))
    gas_kwh = float(answers.get("gas_amount", 0)) * (
        GAS_KWH_PER_M3 if answers.get("gas_unit", "m3") == "m3" else 1
    )
    amounts = (
        (
            "energy.electricity",
            float(answers.get("electricity_kwh") or 0),
            grid_region(home),
            "electricity_kwh",
        ),
        ("energy.natural_gas", gas_kwh, None, "gas_amount"),
        ("energy.heat", float(answers.get("heat_kwh", 0)), None, "heat_kwh"),
    )
    return [
        Activity(key, kwh * share, region=region, source=source)
        for key, kwh, region, source in amounts
        if kwh > 0
    ]


def _commute(answers: Mapping[str, Any], home: Place | None, weeks: float) -> list[Activity]:
    days = weeks * float(answers.get("commute_days_per_week", 5))
    legs = capture_legs(answers.get("commute", ()), home, source="commute")
    return [attrs.evolve(a, quantity=a.quantity * days, detail={**a.detail, "days": days}) for a in legs]


def _assumed_diet() -> Text:
    """What an unanswered diet is taken to be, and how: shown with the footprint."""
    diet, mix = DIETS[ASSUMED_DIET]
    en = ", ".join(f"{n} {MEALS[m]['en'].lower()}" for m, n in mix.items())
    zh = "、".join(f"{MEALS[m]['zh-CN']} {n} 顿" for m, n in mix.items())
    return text(
        f'diet "{diet["en"]}": {en} of {MAIN_MEALS_PER_WEEK} main meals a week (our estimate, not a survey)',
        f"饮食“{diet['zh-CN']}”：每周 {MAIN_MEALS_PER_WEEK} 顿正餐中{zh}（本站估计，非调查数据）",
    )


def _assumed(meal: str) -> Text:
    name = MEALS[meal]
    return text(f"{name['en']} meal (assumed: diet not answered)", f"{name['zh-CN']}餐（假设：未填写饮食）")


def _diet(answers: Mapping[str, Any], weeks: float) -> list[Activity]:
    meals = answers.get("meals") or ()
    if meals:
        return capture_meals(meals, times=weeks)
    diet = answers.get("diet")
    _, mix = DIETS[diet or ASSUMED_DIET]
    return [
        Activity(
            f"food.meal.{meal}",
            count * weeks,
            source="diet",
            label=None if diet else _assumed(meal),
            detail={} if diet else {"assumed": _assumed_diet()},
        )
        for meal, count in mix.items()
    ]


def capture(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """Home energy (your share), commute, trips (ending at home) and diet over the chosen period."""
    period = answers.get("period", "month")
    weeks = WEEKS[period]
    home = _home(answers, scene)
    trips = capture_legs(
        answers.get("legs", ()), home, include_rf=bool(answers.get("radiative_forcing", True))
    )
    return [
        *_home_energy(answers, home, MONTHS[period]),
        *_commute(answers, home, weeks),
        *trips,
        *_diet(answers, weeks),
    ]
