"""Bad restaurant answers and receipts are refused naming the field; odd ones pass with a warning."""

import diandian
import pytest
from diandian import ValidationFailed
from diandian_restaurant import Dish, Drink, Meal, MenuMapping, ReceiptLine, footprint_receipt


def dish(product: object = "rice", grams: object = 100) -> dict:
    return {"portions": 1, "ingredients": [{"product": product, "grams": grams}]}


@pytest.mark.parametrize(
    ("answers", "path", "code"),
    [
        ({"meals": [{"type": "unicorn", "count": 1}]}, "meals.0.type", "unknown_option"),
        ({"meals": [{"type": "beef", "count": -1}]}, "meals.0.count", "below_minimum"),
        ({"basis": "dishes", "dishes": [dish(grams=-20)]}, "dishes.0.ingredients.0.grams", "below_minimum"),
        (
            {"basis": "dishes", "dishes": [dish(product="x" * 1_000_000)]},
            "dishes.0.ingredients.0.product",
            "unknown_option",
        ),
        ({"basis": "dishes", "dishes": [dish(grams=9_000)]}, "dishes.0.ingredients.0.grams", "above_maximum"),
        ({"basis": "spend"}, "spend_cny", "required"),
        ({"basis": "spend", "spend_cny": float("nan")}, "spend_cny", "not_finite"),
        ({"drinks": [{"type": "beer", "litres": 0}]}, "drinks.0.litres", "below_minimum"),
        ({}, "meals", "required"),
    ],
)
def test_refused_with_the_field_named(engine: diandian.Engine, answers: dict, path: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("restaurant", answers)
    assert {p.path: p.code for p in caught.value.problems}[path] == code
    assert len(str(caught.value)) < 1_000


def test_a_feast_is_accepted_with_a_warning(engine: diandian.Engine) -> None:
    footprint = engine.footprint("restaurant", {"meals": [{"type": "beef", "count": 40}]})
    assert footprint.grams == 40 * 4_970
    assert [w.path for w in footprint.warnings] == ["meals.0.count"]


@pytest.mark.parametrize(
    ("items", "path"),
    [
        ({"a": Dish({"unobtainium": 10})}, "menu.a.ingredients"),
        ({"a": Dish({"rice": -5})}, "menu.a.ingredients.rice"),
        ({"a": Dish({})}, "menu.a.ingredients"),
        ({"a": Meal("dragon")}, "menu.a.type"),
        ({"a": Drink("beer", float("inf"))}, "menu.a.litres"),
        ({"a": "rice"}, "menu.a"),
    ],
)
def test_bad_menus_are_refused_when_built(items: dict, path: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        MenuMapping(items)
    assert caught.value.problems[0].path == path


def test_bad_receipt_lines_name_the_line(engine: diandian.Engine) -> None:
    menu = MenuMapping({"rice": Dish({"rice": 200})})
    cases = [
        ([ReceiptLine("rice", 0)], "lines.0.quantity"),
        ([ReceiptLine("rice"), ReceiptLine("x" * 1_000_000)], "lines.1.item"),
        ([ReceiptLine("soup", 1, -3.0)], "lines.0.price_cny"),
        ([ReceiptLine("rice", float("nan"))], "lines.0.quantity"),
    ]
    for lines, path in cases:
        with pytest.raises(ValidationFailed) as caught:
            footprint_receipt(engine, menu, lines)
        assert caught.value.problems[0].path == path
        assert len(str(caught.value)) < 400
    party = footprint_receipt(engine, menu, [ReceiptLine("rice", 80)])
    assert party.warnings[0].path == "lines.0.quantity"
    assert party.grams == 71_200  # 0.2 kg x 80 x 4.45 kg/kg = 71.2 kg
