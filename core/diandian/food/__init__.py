"""Food, shared by every scene type: meals by type, drinks by volume, food products by mass.

``food.meal.<type>`` is counted in meals, ``food.drink.<type>`` in litres (ADEME factors), and
``food.product.<name>`` in kg (Poore & Nemecek 2018 via Our World in Data, the "GHG emissions per
kilogram" series throughout, so a dish or a basket is never computed from two series at once).
:func:`meals_question`
and :func:`drinks_question` give the repeatable "how many of which" questions, and
:func:`capture_meals` / :func:`capture_drinks` turn their answers into activities.
Method and sources: sdk_docs/energy-and-food.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..activities import Activity, ActivityKind
from ..text import Text, text

if TYPE_CHECKING:
    from ..questionnaire import Group

# plugins import the kinds when they load: the question classes load when a question is built

MEALS: Mapping[str, Text] = {
    "beef": text("Beef", "牛肉"),
    "veal": text("Veal", "小牛肉"),
    "pork": text("Pork", "猪肉"),
    "chicken": text("Chicken", "鸡肉"),
    "white_fish": text("White fish", "白肉鱼"),
    "oily_fish": text("Oily fish", "多脂鱼"),
    "vegetarian": text("Vegetarian", "素食（含蛋奶）"),
    "vegan": text("Vegan", "纯素"),
    "average": text("Mixed or not sure", "混合/不确定"),
}
DRINKS: Mapping[str, Text] = {
    "tap_water": text("Tap water", "自来水"),
    "bottled_water": text("Bottled water", "瓶装水"),
    "tea": text("Tea", "茶"),
    "coffee": text("Coffee", "咖啡"),
    "milk": text("Milk", "牛奶"),
    "soy_drink": text("Soy drink", "豆奶"),
    "soda": text("Soft drink", "汽水"),
    "beer": text("Beer", "啤酒"),
    "wine": text("Wine", "葡萄酒"),
}
PRODUCTS: Mapping[str, Text] = {
    "beef_herd": text("Beef (beef herd)", "牛肉（肉牛）"),
    "beef_dairy": text("Beef (dairy herd)", "牛肉（奶牛）"),
    "lamb": text("Lamb & mutton", "羊肉"),
    "pork": text("Pig meat", "猪肉"),
    "poultry": text("Poultry meat", "禽肉"),
    "fish_farmed": text("Fish (farmed)", "养殖鱼"),
    "prawns_farmed": text("Prawns (farmed)", "养殖虾"),
    "cheese": text("Cheese", "奶酪"),
    "milk": text("Milk", "牛奶"),
    "eggs": text("Eggs", "鸡蛋"),
    "tomatoes": text("Tomatoes", "番茄"),
    "brassicas": text("Brassicas", "十字花科蔬菜"),
    "onions_leeks": text("Onions & leeks", "洋葱和韭葱"),
    "root_vegetables": text("Root vegetables", "根茎类蔬菜"),
    "other_vegetables": text("Other vegetables", "其他蔬菜"),
    "bananas": text("Bananas", "香蕉"),
    "apples": text("Apples", "苹果"),
    "citrus": text("Citrus fruit", "柑橘"),
    "berries_grapes": text("Berries & grapes", "浆果和葡萄"),
    "other_fruit": text("Other fruit", "其他水果"),
    "rice": text("Rice", "大米"),
    "wheat_rye": text("Wheat & rye", "小麦和黑麦"),
    "maize": text("Maize", "玉米"),
    "oatmeal": text("Oatmeal", "燕麦"),
    "potatoes": text("Potatoes", "土豆"),
    "tofu": text("Tofu", "豆腐"),
    "soy_milk": text("Soy milk", "豆奶"),
    "other_pulses": text("Other pulses", "其他豆类"),
    "peas": text("Peas", "豌豆"),
    "nuts": text("Nuts", "坚果"),
    "groundnuts": text("Groundnuts", "花生"),
    "cane_sugar": text("Cane sugar", "蔗糖"),
    "beet_sugar": text("Beet sugar", "甜菜糖"),
    "dark_chocolate": text("Dark chocolate", "黑巧克力"),
    "coffee": text("Coffee", "咖啡"),
    "wine": text("Wine", "葡萄酒"),
    "barley": text("Barley", "大麦"),
}
PRODUCT_PREFIX = "food.product"
"""``food.product.<name>``: a food product of :data:`PRODUCTS` by mass, in kg."""

ACTIVITY_KINDS = (
    *(
        ActivityKind(f"food.meal.{k}", "meal", "food", text(f"{v['en']} meal", f"{v['zh-CN']}餐"))
        for k, v in MEALS.items()
    ),
    *(ActivityKind(f"food.drink.{key}", "L", "food", label) for key, label in DRINKS.items()),
    *(ActivityKind(f"{PRODUCT_PREFIX}.{key}", "kg", "food", label) for key, label in PRODUCTS.items()),
)


def meals_question(
    id: str = "meals",
    label: Text | None = None,
    *,
    maximum: float = 1000,
    warn_above: float = 60,
    help: Text | None = None,
    coarse: bool = False,
) -> Group:
    """A repeatable ``{"type": "vegetarian", "count": 3}`` group: how many meals of each type."""
    from ..questionnaire import Choice, Group, Number, Option

    return Group(
        id=id,
        label=label or text("Meals by type", "按类型的餐数"),
        help=help,
        questions=(
            Choice(
                id="type",
                label=text("Main dish", "主菜"),
                options=tuple(Option(k, v) for k, v in MEALS.items()),
                required=True,
            ),
            Number(
                id="count",
                label=text("Meals", "餐数"),
                unit="meal",
                minimum=1,
                maximum=maximum,
                warn_above=warn_above,
                required=True,
            ),
        ),
        max_items=len(MEALS),
        default=(),
        coarse=coarse,
    )


def drinks_question(id: str = "drinks", label: Text | None = None, *, coarse: bool = False) -> Group:
    """A repeatable ``{"type": "coffee", "litres": 0.5}`` group."""
    from ..questionnaire import Choice, Group, Number, Option

    return Group(
        id=id,
        label=label or text("Drinks", "饮品"),
        questions=(
            Choice(
                id="type",
                label=text("Drink", "饮品"),
                options=tuple(Option(k, v) for k, v in DRINKS.items()),
                required=True,
            ),
            Number(
                id="litres",
                label=text("Litres", "升"),
                help=text("A cup is about 0.25 L", "一杯约 0.25 升"),
                unit="L",
                minimum=0.01,
                maximum=1000,
                warn_above=10,
                required=True,
            ),
        ),
        max_items=len(DRINKS),
        default=(),
        coarse=coarse,
    )


def _capture(
    prefix: str, amount: str, items: Sequence[Mapping[str, Any]], source: str, times: float
) -> list[Activity]:
    return [
        Activity(f"{prefix}.{item['type']}", float(item[amount]) * times, source=f"{source}.{index}")
        for index, item in enumerate(items)
    ]


def capture_meals(
    items: Sequence[Mapping[str, Any]], source: str = "meals", *, times: float = 1
) -> list[Activity]:
    """Meal activities from :func:`meals_question` answers, each count multiplied by ``times`` (days)."""
    return _capture("food.meal", "count", items, source, times)


def capture_drinks(
    items: Sequence[Mapping[str, Any]], source: str = "drinks", *, times: float = 1
) -> list[Activity]:
    """Drink activities (litres) from :func:`drinks_question` answers, multiplied by ``times``."""
    return _capture("food.drink", "litres", items, source, times)


__all__ = [
    "ACTIVITY_KINDS",
    "DRINKS",
    "MEALS",
    "PRODUCTS",
    "PRODUCT_PREFIX",
    "capture_drinks",
    "capture_meals",
    "drinks_question",
    "meals_question",
]
