"""Retail categories: which factor a line uses, by mass when known, else by price.

A category names an activity per kg (``food.product.*`` from Poore & Nemecek via OWID,
``retail.material.*`` from DESNZ 2024), an activity per CNY (``spend.*``, USEEIO
converted, estimates), or, for bags, an activity per item. :func:`line_activity` is the one
place that chooses, for the questionnaire, the POS path and the engine path alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import diandian
from diandian import Text, text
from diandian.food import PRODUCT_PREFIX
from diandian.spend import spend_key

from .tables import BAGS, FOODS


class Category(NamedTuple):
    label: Text
    per_kg: str | None = None
    per_cny: str | None = None
    per_item: str | None = None


def _food(key: str, spend: str) -> Category:
    product, label = FOODS[key]
    return Category(label, f"{PRODUCT_PREFIX}.{product}", spend_key(spend))


_FOOD_SPEND = {
    "beef": "naics_311611",
    "lamb": "naics_311611",
    "pork": "naics_311611",
    "poultry": "naics_311615",
    "fish": "naics_311710",
    "prawns": "naics_311710",
    "milk": "naics_311511",
    "cheese": "naics_311513",
    "rice": "naics_311212",
    "potatoes": "naics_111219",
    "tomatoes": "naics_111219",
    "vegetables": "naics_111219",
    "chocolate": "naics_311919",
    "coffee": "naics_311920",
    "wine": "naics_312130",
}

CATEGORIES: Mapping[str, Category] = {
    **{key: _food(key, _FOOD_SPEND.get(key, "groceries_mix")) for key in FOODS},
    "bakery": Category(text("Bread and pastries", "面包糕点"), None, spend_key("naics_311812")),
    "snacks": Category(text("Snacks", "零食"), None, spend_key("naics_311919")),
    "canned_food": Category(text("Canned food", "罐头食品"), None, spend_key("naics_311421")),
    "tea": Category(text("Tea", "茶叶"), None, spend_key("naics_311920")),
    "soft_drinks": Category(text("Soft drinks", "软饮料"), None, spend_key("naics_312111")),
    "bottled_water": Category(text("Bottled water", "瓶装水"), None, spend_key("naics_312111")),
    "beer": Category(text("Beer", "啤酒"), None, spend_key("naics_312120")),
    "groceries_other": Category(
        text("Other food and drink", "其他食品饮料"),
        "retail.material.food_and_drink",
        spend_key("groceries_mix"),
    ),
    "clothing": Category(text("Clothing", "服装"), "retail.material.clothing", spend_key("naics_315220")),
    "footwear": Category(text("Footwear", "鞋"), None, spend_key("naics_316210")),
    "computers": Category(
        text("Computers", "电脑"), "retail.material.electrical_it", spend_key("naics_334111")
    ),
    "phones": Category(text("Phones", "手机"), "retail.material.electrical_it", spend_key("naics_334210")),
    "small_electricals": Category(
        text("Small electrical items", "小家电"), "retail.material.electrical_small"
    ),
    "plastic_goods": Category(text("Plastic goods", "塑料制品"), "retail.material.plastics"),
    "paper_goods": Category(text("Paper goods", "纸制品"), "retail.material.paper"),
    "glassware": Category(text("Glassware", "玻璃制品"), "retail.material.glass"),
    "general_merchandise": Category(text("Other goods", "其他商品"), None, spend_key("naics_452210")),
    **{f"bag_{key}": Category(label, per_item=f"retail.bag.{key}") for key, label in BAGS.items()},
}

MAX_QUANTITY = 10_000.0
WARN_QUANTITY = 100.0
MAX_GRAMS = 1_000_000.0  # per item: a tonne
WARN_GRAMS = 20_000.0
MAX_PRICE = 10_000_000.0
WARN_PRICE = 20_000.0


def refuse(path: str, code: str, reason: str) -> diandian.ValidationFailed:
    return diandian.ValidationFailed.single(path, code, reason[:300], what="basket")


def amount(path: str, value: object, maximum: float) -> float:
    """``value`` if it is a number above 0 and at most ``maximum``; else a refusal naming ``path``."""
    if type(value) is float or type(value) is int:
        if 0 < value <= maximum:  # NaN fails, infinity exceeds the maximum
            return value
    elif isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= maximum:
        return float(value)
    raise refuse(
        path, "out_of_range", f"must be a number above 0 and at most {maximum:g}, got {value!r}"[:120]
    )


def line_activity(
    prefix: str, index: int, category: object, quantity: float, grams: float | None, price_cny: float | None
) -> tuple[str, float]:
    """The activity key and quantity of line ``prefix.index`` (numbers already checked)."""
    entry = CATEGORIES.get(category) if type(category) is str else None
    if entry is None:
        path = f"{prefix}.{index}"
        raise refuse(
            f"{path}.category", "unknown_category", f"{str(category)[:40]!r} is not a retail category"
        )
    if entry.per_item is not None:
        return entry.per_item, quantity
    if grams is not None and entry.per_kg is not None:
        return entry.per_kg, grams / 1000.0 * quantity
    if price_cny is not None and entry.per_cny is not None:
        return entry.per_cny, price_cny
    path = f"{prefix}.{index}"
    needs = " or ".join(
        n for n, k in (("its mass in grams", entry.per_kg), ("its price", entry.per_cny)) if k
    )
    raise refuse(path, "needs_mass_or_price", f"a {category} line needs {needs}")
