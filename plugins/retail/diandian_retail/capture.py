"""Validated retail answers -> activities, through the same line rules as the POS path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diandian import Activity, Scene
from diandian.spend import spend_key

from .categories import line_activity, refuse
from .questionnaire import STORES


def capture(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    items = answers.get("items", ())
    bags = answers.get("bags", ())
    total = answers.get("total_cny")
    if total is not None and items:
        raise refuse("total_cny", "both_given", "give either the total or the items, not both")
    if total is None and not items and not bags:
        raise refuse("items", "required", "give the total spent or at least one item")
    activities = []
    if total is not None:
        sector, _ = STORES[answers["store"]]
        activities.append(Activity(spend_key(sector), float(total), source="total_cny"))
    for index, item in enumerate(items):
        key, quantity = line_activity(
            "items", index, item["category"], item["quantity"], item.get("grams"), item.get("price_cny")
        )
        activities.append(Activity(key, float(quantity), source=f"items.{index}"))
    for index, bag in enumerate(bags):
        key, quantity = line_activity("bags", index, f"bag_{bag['type']}", bag["count"], None, None)
        activities.append(Activity(key, float(quantity), source=f"bags.{index}"))
    return activities
