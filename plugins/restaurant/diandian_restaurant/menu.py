"""Dishes from ingredients, and the POS entry point: a menu mapped once, then receipts.

A :class:`MenuMapping` turns each menu item into activities per portion when it is built
(a dish from its ingredients, an ADEME meal type, or a drink by volume), checking every name
once; footprinting a receipt is then a lookup and a multiplication per line. A receipt line
whose item is not on the menu falls back to its price (spend-based, flagged estimate) or, with
no price, is refused naming the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs
import diandian
from diandian import Activity, Problem, Scene
from diandian.food import DRINKS, MEALS, PRODUCT_PREFIX, PRODUCTS

from .kinds import SPEND_KEYS

if TYPE_CHECKING:
    from diandian import Footprint

SCENE = "restaurant"
MAX_PORTION_GRAMS = 5_000.0
MAX_LINE_QUANTITY = 1_000.0
WARN_LINE_QUANTITY = 50.0
MAX_LINE_PRICE_CNY = 1_000_000.0


def _refuse(path: str, code: str, reason: str) -> diandian.ValidationFailed:
    return diandian.ValidationFailed.single(path, code, reason[:300])


def _amount(path: str, value: object, maximum: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= maximum:
        return float(value)  # NaN fails the comparison, infinity the maximum
    raise _refuse(
        path, "out_of_range", f"must be a number above 0 and at most {maximum:g}, got {value!r}"[:120]
    )


def _known(path: str, name: object, known: Mapping[str, object]) -> str:
    if not isinstance(name, str) or name not in known:
        shown = repr(name)[:40]
        raise _refuse(path, "unknown_option", f"{shown} is not one of: {', '.join(known)}")
    return name


def dish_activities(ingredients: Iterable[tuple[str, float]], portions: float, source: str) -> list[Activity]:
    """One activity per ingredient: grams per portion x portions, in kg of that product."""
    return [
        Activity(f"{PRODUCT_PREFIX}.{product}", grams / 1000.0 * portions, source=source)
        for product, grams in ingredients
    ]


@attrs.frozen
class Dish:
    """A dish by its ingredients: product key (see ``PRODUCTS``) -> grams per portion."""

    ingredients: Mapping[str, float]


@attrs.frozen
class Meal:
    """A plate counted as one ADEME meal of a type (``chicken``, ``vegetarian``, ...)."""

    type: str


@attrs.frozen
class Drink:
    """A drink by volume: ADEME drink type and litres per serving."""

    type: str
    litres: float


MenuItem = Dish | Meal | Drink


@attrs.frozen
class ReceiptLine:
    """One line of a receipt: a menu item, how many, and the line's price in CNY if known."""

    item: str
    quantity: float = 1
    price_cny: float | None = None


def _per_portion(path: str, item: MenuItem) -> tuple[tuple[str, float], ...]:
    """(activity key, quantity per portion) pairs of one menu item, checked."""
    if isinstance(item, Dish):
        if not item.ingredients:
            raise _refuse(f"{path}.ingredients", "empty", "a dish needs at least one ingredient")
        return tuple(
            (
                f"{PRODUCT_PREFIX}.{_known(f'{path}.ingredients', product, PRODUCTS)}",
                _amount(f"{path}.ingredients.{product}", grams, MAX_PORTION_GRAMS) / 1000.0,
            )
            for product, grams in item.ingredients.items()
        )
    if isinstance(item, Meal):
        return ((f"food.meal.{_known(f'{path}.type', item.type, MEALS)}", 1.0),)
    if isinstance(item, Drink):
        return (
            (
                f"food.drink.{_known(f'{path}.type', item.type, DRINKS)}",
                _amount(f"{path}.litres", item.litres, 5),
            ),
        )
    raise _refuse(path, "not_a_menu_item", f"must be a Dish, Meal or Drink, got {type(item).__name__}")


class MenuMapping:
    """A restaurant's menu items mapped to activities once, for footprinting many receipts.

    ``unmapped_service`` (``full_service`` or ``limited_service``) picks the spend factor used
    for a receipt line whose item is not on the menu but has a price.
    """

    def __init__(self, items: Mapping[str, MenuItem], *, unmapped_service: str = "full_service") -> None:
        if len(items) > 10_000:
            raise _refuse("menu", "too_many_items", f"at most 10000 menu items, got {len(items)}")
        self._per_portion = {
            name: _per_portion(f"menu.{str(name)[:40]}", item) for name, item in items.items()
        }
        self._spend = SPEND_KEYS[_known("unmapped_service", unmapped_service, SPEND_KEYS)]

    def __contains__(self, item: object) -> bool:
        return item in self._per_portion

    def activities(self, lines: Sequence[ReceiptLine]) -> tuple[list[Activity], list[Problem]]:
        """The activities of a receipt, and warnings for odd but possible lines."""
        activities: list[Activity] = []
        warnings: list[Problem] = []
        for index, line in enumerate(lines):
            path = f"lines.{index}"
            quantity = _amount(f"{path}.quantity", line.quantity, MAX_LINE_QUANTITY)
            if quantity > WARN_LINE_QUANTITY:
                warnings.append(
                    Problem(
                        f"{path}.quantity", "unusually_high", f"{quantity:g} portions; accepted", "warning"
                    )
                )
            per_portion = self._per_portion.get(line.item)
            if per_portion is not None:
                detail = {"item": line.item}
                activities.extend(
                    Activity(k, q * quantity, source=path, detail=detail, scene_type=SCENE)
                    for k, q in per_portion
                )
            elif line.price_cny is not None:
                price = _amount(f"{path}.price_cny", line.price_cny, MAX_LINE_PRICE_CNY)
                detail = {"item": str(line.item)[:40]}
                activities.append(Activity(self._spend, price, source=path, detail=detail, scene_type=SCENE))
            else:
                raise _refuse(
                    f"{path}.item",
                    "unknown_item",
                    f"{str(line.item)[:40]!r} is not on the menu and the line has no price",
                )
        return activities, warnings


def footprint_receipt(
    engine: diandian.Engine, menu: MenuMapping, lines: Sequence[ReceiptLine], *, scene: Scene | None = None
) -> Footprint:
    """The footprint of one receipt, through ``engine`` (factors, rounding, sources, warnings)."""
    activities, warnings = menu.activities(lines)
    footprint = engine.footprint_activities(activities, scene=scene)
    return attrs.evolve(footprint, warnings=tuple(warnings)) if warnings else footprint
