"""The retail activity kinds: products by mass (food, materials), spend by sector, bags."""

from __future__ import annotations

from diandian import ActivityKind, text

from .tables import BAGS, FOODS, MATERIALS, SECTORS

KINDS = (
    *(ActivityKind(f"retail.food.{k}", "kg", "purchases", v) for k, v in FOODS.items()),
    *(ActivityKind(f"retail.material.{k}", "kg", "purchases", v) for k, v in MATERIALS.items()),
    *(ActivityKind(f"retail.spend.{k}", "CNY", "purchases", v) for k, v in SECTORS.items()),
    *(ActivityKind(f"retail.bag.{k}", "bag", "materials", v) for k, v in BAGS.items()),
)
LABEL = text("Shopping", "购物")
