"""The restaurant questionnaire (en and zh-CN): meals by type, dishes by ingredients, or spend."""

from __future__ import annotations

import attrs
from diandian import Choice, Group, Number, Option, Questionnaire, Section, text, when
from diandian.food import PRODUCTS, drinks_question, meals_question

from .kinds import SERVICES
from .menu import MAX_PORTION_GRAMS

BASIS = Choice(
    id="basis",
    label=text("What do you know about the meal?", "您了解这顿饭的哪些信息？"),
    options=(
        Option("meals", text("How many meals of each type", "各类菜品的餐数")),
        Option("dishes", text("The dishes and their ingredients", "菜品及其食材")),
        Option("spend", text("Only what it cost", "只知道花了多少钱")),
    ),
    default="meals",
    coarse=True,
)

DISHES = Group(
    id="dishes",
    label=text("Dishes", "菜品"),
    required=True,
    condition=when("basis", "dishes"),
    min_items=1,
    max_items=30,
    questions=(
        Number(
            id="portions",
            label=text("Portions", "份数"),
            unit="portion",
            minimum=1,
            maximum=200,
            warn_above=30,
            integer=True,
            default=1,
        ),
        Group(
            id="ingredients",
            label=text("Ingredients per portion", "每份食材"),
            required=True,
            min_items=1,
            max_items=20,
            questions=(
                Choice(
                    id="product",
                    label=text("Ingredient", "食材"),
                    options=tuple(Option(k, v) for k, v in PRODUCTS.items()),
                    required=True,
                ),
                Number(
                    id="grams",
                    label=text("Grams per portion", "每份克数"),
                    unit="g",
                    minimum=0,
                    maximum=MAX_PORTION_GRAMS,
                    warn_above=1_000,
                    required=True,
                ),
            ),
        ),
    ),
)

SPEND = (
    Number(
        id="spend_cny",
        label=text("Amount paid", "消费金额"),
        unit="CNY",
        minimum=0.01,
        maximum=1_000_000,
        warn_above=5_000,
        required=True,
        condition=when("basis", "spend"),
    ),
    Choice(
        id="service",
        label=text("Kind of restaurant", "餐厅类型"),
        options=tuple(Option(k, v) for k, v in SERVICES.items()),
        default="full_service",
        condition=when("basis", "spend"),
    ),
)

QUESTIONNAIRE = Questionnaire(
    id="restaurant",
    title=text("Your meal", "您的用餐"),
    version="1",
    sections=(
        Section(
            id="meal",
            title=text("Meal", "用餐"),
            questions=(
                BASIS,
                attrs.evolve(meals_question(coarse=True, warn_above=30), condition=when("basis", "meals")),
                DISHES,
                *SPEND,
            ),
        ),
        Section(
            id="extras",
            title=text("Breakfast and drinks", "早餐与饮品"),
            questions=(
                Number(
                    id="breakfasts",
                    label=text("Breakfasts", "早餐份数"),
                    unit="meal",
                    minimum=0,
                    maximum=1_000,
                    warn_above=30,
                    integer=True,
                    default=0,
                ),
                drinks_question(),
            ),
        ),
    ),
)
