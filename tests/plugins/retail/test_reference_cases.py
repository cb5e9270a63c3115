"""Retail footprints worked by hand from the cited factors (OWID, DESNZ 2024, USEEIO at 6.7261 CNY/USD)."""

import diandian
import pytest
from diandian_retail import SCENE_TYPE, CardTransaction, ReceiptLine, RetailCatalogue


@pytest.fixture(scope="module")
def catalogue(engine: diandian.Engine) -> RetailCatalogue:
    return RetailCatalogue(engine)


def test_example_basket_by_mass_price_and_bag(engine: diandian.Engine) -> None:
    footprint = engine.footprint("retail", SCENE_TYPE.example_answers)
    # pork: 500 g = 0.5 kg x 12.31 kg/kg (OWID) = 6.155 kg (the price is not needed: the mass wins)
    # milk: 2 x 1 000 g = 2.0 kg x 3.15 = 6.3 kg
    # snacks: no mass, 12.5 CNY x (0.372 kg/USD / 6.7261 CNY/USD = 0.055307 kg/CNY) = 0.69134 kg -> 692 g
    # plastic film bag: 8 g (assumed) x 2.91047 kg/kg (DESNZ) = 0.023284 kg -> 24 g
    assert [(line.activity.key, line.grams) for line in footprint.lines] == [
        ("food.product.pork", 6_155),
        ("food.product.milk", 6_300),
        ("spend.naics_311919", 692),
        ("retail.bag.plastic_film", 24),
    ]
    assert footprint.grams == 13_171
    assert [line.factor.quality.value for line in footprint.lines] == [
        "sourced",
        "sourced",
        "estimate",
        "estimate",
    ]


def test_receipt_of_beef_and_t_shirts(catalogue: RetailCatalogue) -> None:
    lines = [ReceiptLine("beef", 1, 800.0, 95.0), ReceiptLine("clothing", 2, 200.0, 158.0)]
    # beef: 0.8 kg x 99.48 = 79.584 kg; two 200 g T-shirts: 0.4 kg x 22.31 kg/kg (DESNZ 22 310 kg/t) = 8.924 kg
    result = catalogue.receipt(lines)
    assert result.line_grams == (79_584, 8_924)
    assert result.grams == 88_508 == catalogue.footprint(lines).grams


def test_total_only_at_a_supermarket(engine: diandian.Engine) -> None:
    footprint = engine.footprint("retail", {"total_cny": 100})
    # groceries mix: mean of 11 USEEIO food rows 0.53555 kg/USD / 6.7261 = 0.079622 kg/CNY; 100 x = 7.9622 kg
    assert footprint.grams == 7_963
    assert "unweighted mean" in footprint.lines[0].factor.method


def test_card_transactions_by_mcc(catalogue: RetailCatalogue) -> None:
    transactions = [CardTransaction("5411", 200.0), CardTransaction("5651", 300.0)]
    # 5411 supermarket -> groceries mix: 200 x 0.079622 = 15.9244 kg -> 15 925 g
    # 5651 family clothing -> NAICS 315220 apparel: 0.120 / 6.7261 = 0.017841 kg/CNY; 300 x = 5.3523 kg -> 5 353 g
    result = catalogue.transactions(transactions)
    assert result.line_grams == (15_925, 5_353)
    footprint = catalogue.footprint_transactions(transactions)
    assert footprint.grams == result.grams == 21_278
    assert footprint.lines[1].activity.detail == {"mcc": "5651"}


def test_bags_are_estimates_from_an_assumed_mass(engine: diandian.Engine) -> None:
    footprint = engine.footprint(
        "retail", {"bags": [{"type": "paper", "count": 2}, {"type": "cotton", "count": 1}]}
    )
    # paper: 50 g (assumed) x 1.33932 kg/kg = 0.066966 kg per bag; x 2 = 0.133932 kg -> 134 g
    # cotton: 150 g (assumed) x 22.31 kg/kg (DESNZ clothing as the textile proxy) = 3.3465 kg -> 3 347 g
    assert [line.grams for line in footprint.lines] == [134, 3_347]
    assert all("UNCONFIRMED" in line.factor.method for line in footprint.lines)
