"""The restaurant's own activity kinds: ingredients by mass, breakfasts, and spend in CNY.

Meals by type (``food.meal.*``) and drinks by volume (``food.drink.*``) are the shared kinds of
:mod:`diandian.food`.
"""

from __future__ import annotations

from diandian import ActivityKind, text

from .products import PRODUCTS

INGREDIENT_PREFIX = "restaurant.ingredient"
SPEND_PREFIX = "restaurant.spend"
SERVICES = {
    "full_service": text("Restaurant with table service", "正餐（有桌边服务）"),
    "limited_service": text("Fast food, canteen or take-away", "快餐、食堂或外卖"),
}

INGREDIENTS = tuple(
    ActivityKind(f"{INGREDIENT_PREFIX}.{key}", "kg", "food", label) for key, label in PRODUCTS.items()
)
BREAKFAST = ActivityKind("food.breakfast", "meal", "food", text("Breakfasts", "早餐"))
SPEND = tuple(ActivityKind(f"{SPEND_PREFIX}.{key}", "CNY", "food", label) for key, label in SERVICES.items())

KINDS = (*INGREDIENTS, BREAKFAST, *SPEND)
