"""The restaurant scene type: meals by type, drinks by volume, dishes by ingredients, or spend.

Meals, drinks and per-kg ingredients (``food.product.*``, Poore & Nemecek 2018 via Our World in
Data) are the shared kinds and factors of :mod:`diandian.food`; spend is :mod:`diandian.spend`
(USEEIO 722511/722513 per CNY, estimates). The plugin adds breakfasts (an estimate). Public API for POS systems: :class:`MenuMapping`, :func:`footprint_receipt`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import diandian
from diandian import FactorFile, SceneType, lazy_exports, text

from .kinds import BREAKFAST, KINDS, SERVICES

if TYPE_CHECKING:
    from .menu import (
        Dish,
        Drink,
        Meal,
        MenuItem,
        MenuMapping,
        ReceiptLine,
        dish_activities,
        footprint_receipt,
    )
    from .questionnaire import QUESTIONNAIRE

__version__ = "1.0.0"

# Loading the plugin registers its kinds and scene type only; the POS API and the questionnaire
# load on first use (public name -> submodule), so listing plugins stays cheap.
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("Dish", "Drink", "Meal", "MenuItem", "MenuMapping", "ReceiptLine"), "menu"),
        **dict.fromkeys(("dish_activities", "footprint_receipt"), "menu"),
        "QUESTIONNAIRE": "questionnaire",
    },
)

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

_HERE = Path(__file__).parent

SCENE_TYPE = SceneType(
    name="restaurant",
    title=text("Restaurant", "餐厅"),
    questionnaire="diandian_restaurant.questionnaire:QUESTIONNAIRE",
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
    capture="diandian_restaurant.capture:capture",
    factor_tables=(
        FactorFile(
            _HERE / "restaurant_estimates.csv",
            "restaurant.estimates",
            "2024.2",
            "Restaurant breakfast (estimate)",
        ),
    ),
)

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
