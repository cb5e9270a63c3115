"""The restaurant scene type: meals by type, drinks by volume, dishes by ingredients, or spend.

Meals, drinks and per-kg ingredients (``food.product.*``, Poore & Nemecek 2018 via Our World in
Data) are the shared kinds and factors of :mod:`diandian.food`; spend is :mod:`diandian.spend`
(USEEIO 722511/722513 per CNY, estimates). The plugin adds breakfasts (an estimate). Public API for POS systems: :class:`MenuMapping`, :func:`footprint_receipt`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import diandian
from diandian import Activity, ActivityKind, FactorTable, Scene, SceneType, text

from .capture import capture
from .kinds import BREAKFAST, KINDS, SERVICES
from .menu import Dish, Drink, Meal, MenuItem, MenuMapping, ReceiptLine, dish_activities, footprint_receipt
from .questionnaire import QUESTIONNAIRE

__version__ = "1.0.0"

__all__ = [
    "BREAKFAST",
    "QUESTIONNAIRE",
    "SCENE_TYPE",
    "SERVICES",
    "Dish",
    "Drink",
    "Meal",
    "MenuItem",
    "MenuMapping",
    "ReceiptLine",
    "dish_activities",
    "footprint_receipt",
]

SCENE_TYPE = SceneType(
    name="restaurant",
    title=text("Restaurant", "餐厅"),
    questionnaire=QUESTIONNAIRE,
    description=text(
        "A diner's meal: ADEME meals by type and drinks by volume, dishes from ingredients "
        "(Poore & Nemecek via OWID), or what it cost (USEEIO, estimate).",
        "食客的一餐：按 ADEME 菜品类型与饮品体积，或按食材（Poore & Nemecek，OWID），或按消费金额（USEEIO，估算）。",
    ),
    example_answers={
        "meals": [{"type": "chicken", "count": 2}, {"type": "vegetarian", "count": 1}],
        "drinks": [{"type": "beer", "litres": 0.5}],
    },
    activity_kinds=KINDS,
)

_DATA = Path(__file__).parent


@diandian.hookimpl
def diandian_register_scene_types(register: Callable[[SceneType], None]) -> None:
    register(SCENE_TYPE)


@diandian.hookimpl
def diandian_register_factor_tables(
    register: Callable[[FactorTable], None], kinds: Mapping[str, ActivityKind]
) -> None:
    register(
        diandian.load_factor_csv(
            _DATA / "restaurant_estimates.csv",
            id="restaurant.estimates",
            version="2024.2",
            kinds=kinds,
            title="Restaurant breakfast (estimate)",
        )
    )


@diandian.hookimpl
def diandian_capture_activities(
    scene_type: str, answers: Mapping[str, Any], scene: Scene
) -> list[Activity] | None:
    if scene_type != "restaurant":
        return None
    return capture(answers)
