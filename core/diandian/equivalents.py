"""Comparisons a person understands: a footprint as kilometres driven and as beef meals.

Both use the factor set's own sourced factors (a medium petrol car per vehicle-km, a beef main
meal), so the comparison cites the same sources as the footprint and moves when they do.
"""

from __future__ import annotations

import attrs

from .factor_set import FactorSet
from .text import Text, text, tr

# (activity, what one unit of it is called, in both languages)
COMPARISONS: tuple[tuple[str, Text], ...] = (
    ("transport.car.medium.petrol", text("km driven in a medium petrol car", "公里中型汽油车行驶里程")),
    ("food.meal.beef", text("meals with beef as the main dish", "顿以牛肉为主菜的餐食")),
)


@attrs.frozen
class Comparison:
    """``grams`` expressed as ``amount`` units of an everyday activity, with the factor's source."""

    activity: str
    amount: float
    unit: str
    source: str

    def to_json(self) -> dict[str, object]:
        return {"activity": self.activity, "amount": self.amount, "unit": self.unit, "source": self.source}


def comparisons(
    factors: FactorSet, grams: int, lang: str = "en", region: str | None = None
) -> list[Comparison]:
    """``grams`` CO2e as each of :data:`COMPARISONS` for which the set has a factor."""
    found = []
    for activity, unit in COMPARISONS:
        factor = factors.find(activity, region)
        if factor is None or factor.grams <= 0:
            continue
        found.append(Comparison(activity, grams / factor.grams, tr(unit, lang), factor.source.short()))
    return found
