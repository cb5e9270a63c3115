"""Diet profiles: main meals per week by ADEME meal type, for visitors who answer only "my diet".

These mixes are estimates of this SDK (no sourced weekly menu was found): 14 main meals a week
(lunch and dinner; breakfasts are not counted, as ADEME's factors are for main meals).
"""

from __future__ import annotations

from collections.abc import Mapping

from diandian import Text, text

MAIN_MEALS_PER_WEEK = 14
WEEKS = {"month": 52 / 12, "year": 52.0}
"""Weeks in each reporting period (a month is 52/12 = 4.33 weeks)."""

DIETS: Mapping[str, tuple[Text, Mapping[str, int]]] = {
    "vegan": (text("Vegan", "纯素"), {"vegan": 14}),
    "vegetarian": (text("Vegetarian", "素食（含蛋奶）"), {"vegetarian": 14}),
    "flexitarian": (
        text("Mostly vegetarian, some meat or fish", "以素为主，偶尔吃肉或鱼"),
        {"vegetarian": 10, "chicken": 2, "pork": 1, "white_fish": 1},
    ),
    "omnivore": (
        text("Meat or fish most days", "多数日子吃肉或鱼"),
        {"vegetarian": 4, "pork": 4, "chicken": 3, "white_fish": 2, "beef": 1},
    ),
    "meat_lover": (
        text("Meat at nearly every meal", "几乎每餐吃肉"),
        {"pork": 4, "chicken": 4, "beef": 4, "white_fish": 2},
    ),
}

ASSUMED_DIET = "omnivore"
"""The diet counted when none is answered; each of its lines then says it was assumed."""

assert all(sum(mix.values()) == MAIN_MEALS_PER_WEEK for _, mix in DIETS.values())
