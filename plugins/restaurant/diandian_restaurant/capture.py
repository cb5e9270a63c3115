"""Validated restaurant answers -> activities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import diandian
from diandian import Activity, Scene
from diandian.food import capture_drinks, capture_meals

from .kinds import BREAKFAST, SPEND_KEYS
from .menu import dish_activities


def capture(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    basis = answers.get("basis", "meals")
    activities: list[Activity] = []
    if basis == "meals":
        if not answers.get("meals") and not answers.get("breakfasts") and not answers.get("drinks"):
            raise diandian.ValidationFailed.single(
                "meals", "required", "give at least one meal, breakfast or drink"
            )
        activities += capture_meals(answers.get("meals", ()))
    elif basis == "dishes":
        for index, dish in enumerate(answers["dishes"]):
            pairs = [(i["product"], float(i["grams"])) for i in dish["ingredients"]]
            activities += dish_activities(pairs, dish["portions"], f"dishes.{index}")
    else:
        activities.append(
            Activity(SPEND_KEYS[answers["service"]], float(answers["spend_cny"]), source="spend_cny")
        )
    if answers.get("breakfasts"):
        activities.append(Activity(BREAKFAST.key, float(answers["breakfasts"]), source="breakfasts"))
    activities += capture_drinks(answers.get("drinks", ()))
    return activities
