"""Restaurant footprints worked by hand from the cited factors (ADEME, OWID Poore & Nemecek, USEEIO)."""

import diandian
from diandian import Scene
from diandian_restaurant import Dish, Drink, Meal, MenuMapping, ReceiptLine, footprint_receipt


def grams(footprint: diandian.Footprint) -> list[tuple[str, int]]:
    return [(line.activity.key, line.grams) for line in footprint.lines]


def test_meals_by_type_and_a_beer(engine: diandian.Engine) -> None:
    footprint = engine.footprint(
        "restaurant",
        {
            "meals": [{"type": "chicken", "count": 2}, {"type": "vegetarian", "count": 1}],
            "drinks": [{"type": "beer", "litres": 0.5}],
        },
    )
    # chicken: 2 x 1.46 kg = 2.92 kg; vegetarian: 1 x 0.85 kg; beer: 0.5 L x 1.347 kg/L = 0.6735 kg -> 674 g
    assert grams(footprint) == [
        ("food.meal.chicken", 2_920),
        ("food.meal.vegetarian", 850),
        ("food.drink.beer", 674),
    ]
    assert footprint.grams == 4_444


def test_two_portions_of_mapo_tofu_from_ingredients(engine: diandian.Engine) -> None:
    dish = {
        "portions": 2,
        "ingredients": [
            {"product": "tofu", "grams": 150},
            {"product": "pork", "grams": 50},
            {"product": "rice", "grams": 200},
        ],
    }
    footprint = engine.footprint("restaurant", {"basis": "dishes", "dishes": [dish]})
    # tofu: 0.150 kg x 2 x 3.16 = 0.948 kg; pork: 0.050 x 2 x 12.31 = 1.231 kg; rice: 0.200 x 2 x 4.45 = 1.78 kg
    assert grams(footprint) == [
        ("food.product.tofu", 948),
        ("food.product.pork", 1_231),
        ("food.product.rice", 1_780),
    ]
    assert footprint.grams == 3_959
    assert footprint.lines[0].factor.source.year == 2018 and footprint.lines[0].factor.year == 2010


def test_spend_fallback_is_a_flagged_estimate(engine: diandian.Engine) -> None:
    full = engine.footprint("restaurant", {"basis": "spend", "spend_cny": 300})
    # 0.194 kg/USD (USEEIO 722511) / 6.7261 CNY/USD = 0.028843 kg/CNY; 300 x 0.028843 = 8.6529 kg -> 8 653 g
    assert full.grams == 8_653
    factor = full.lines[0].factor
    assert factor.quality is diandian.Quality.ESTIMATE and "6.7261" in factor.method
    fast = engine.footprint("restaurant", {"basis": "spend", "spend_cny": 45, "service": "limited_service"})
    # 0.255 / 6.7261 = 0.037912 kg/CNY; 45 x 0.037912 = 1.70604 kg -> 1 707 g
    assert fast.grams == 1_707


def test_pos_receipt_through_a_menu_mapping(engine: diandian.Engine) -> None:
    menu = MenuMapping(
        {
            "gongbao_chicken": Dish({"poultry": 120, "groundnuts": 20, "rice": 200}),
            "beer_330": Drink("beer", 0.33),
            "veg_set": Meal("vegetarian"),
        }
    )
    receipt = [
        ReceiptLine("gongbao_chicken", 2, 76.0),
        ReceiptLine("beer_330", 3, 45.0),
        ReceiptLine("veg_set", 1, 38.0),
        ReceiptLine("tea_service", 1, 20.0),  # not on the menu: its price, spend-based
    ]
    footprint = footprint_receipt(engine, menu, receipt)
    # poultry: 0.12 kg x 2 x 9.87 = 2.3688 kg -> 2 369 g; groundnuts: 0.02 x 2 x 3.23 = 0.1292 kg -> 130 g
    # rice: 0.2 x 2 x 4.45 = 1.78 kg; beer: 0.33 L x 3 x 1.347 = 1.33353 kg -> 1 334 g
    # vegetarian meal: 0.85 kg; tea service: 20 CNY x 0.028843 = 0.57686 kg -> 577 g
    assert [g for _, g in grams(footprint)] == [2_369, 130, 1_780, 1_334, 850, 577]
    assert footprint.grams == 7_040
    assert footprint.lines[-1].factor.quality is diandian.Quality.ESTIMATE
    assert footprint.lines[0].activity.detail == {"item": "gongbao_chicken"}


def test_breakfast_in_the_hotel_rate_is_not_counted_again(engine: diandian.Engine) -> None:
    scene = Scene(id="resort", name={"en": "Resort"}, scene_types=("hotel", "restaurant"))
    answers = {
        "hotel": {"nights": 2, "country": "CN", "breakfast": True, "guests": 1},
        "restaurant": {"meals": [{"type": "pork", "count": 2}], "breakfasts": 2},
    }
    footprint = engine.footprint_mixed(scene, answers)
    # hotel: 2 x 53.5 = 107.0 kg + 2 breakfasts x 0.85 = 1.7 kg; restaurant: 2 pork meals x 1.65 = 3.3 kg
    # the restaurant's 2 breakfasts (food.breakfast) are in the hotel's breakfast line: left out
    assert footprint.grams == 107_000 + 1_700 + 3_300
    assert [e.activity.key for e in footprint.excluded] == ["food.breakfast"]
