"""The restaurant's own activity kind (breakfasts) and the spend sector of each kind of service.

Meals by type (``food.meal.*``), drinks by volume (``food.drink.*``) and ingredients by mass
(``food.product.*``) are the shared kinds of :mod:`diandian.food`; spend is :mod:`diandian.spend`.
"""

from __future__ import annotations

from collections.abc import Mapping

from diandian import ActivityKind, Text, text
from diandian.spend import spend_key

SERVICES: Mapping[str, Text] = {
    "full_service": text("Restaurant with table service", "正餐（有桌边服务）"),
    "limited_service": text("Fast food, canteen or take-away", "快餐、食堂或外卖"),
}
SPEND_KEYS: Mapping[str, str] = {
    "full_service": spend_key("naics_722511"),
    "limited_service": spend_key("naics_722513"),
}
"""Service -> USEEIO sector activity: 722511 full-service, 722513 limited-service restaurants."""

BREAKFAST = ActivityKind("food.breakfast", "meal", "food", text("Breakfasts", "早餐"))

KINDS = (BREAKFAST,)
