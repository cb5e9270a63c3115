"""The retail activity kinds: its own (materials by mass, bags) and the shared ones its lines use.

Food by mass is ``food.product.*`` (:mod:`diandian.food`), spend is ``spend.*`` (:mod:`diandian.spend`).
"""

from __future__ import annotations

from diandian import ActivityKind, text
from diandian.food import ACTIVITY_KINDS as FOOD_KINDS
from diandian.food import PRODUCT_PREFIX
from diandian.spend import ACTIVITY_KINDS as SPEND_KINDS

from .tables import BAGS, FOODS, MATERIALS

_PRODUCTS = {f"{PRODUCT_PREFIX}.{product}" for product, _ in FOODS.values()}

KINDS = (
    *(kind for kind in FOOD_KINDS if kind.key in _PRODUCTS),
    *(ActivityKind(f"retail.material.{k}", "kg", "purchases", v) for k, v in MATERIALS.items()),
    *SPEND_KINDS,
    *(ActivityKind(f"retail.bag.{k}", "bag", "materials", v) for k, v in BAGS.items()),
)
"""Every kind a retail line can give: the catalogue resolves each one's factor once."""
LABEL = text("Shopping", "购物")
