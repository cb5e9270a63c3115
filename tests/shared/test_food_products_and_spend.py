"""Food products per kg (diandian.food) and spend per CNY (diandian.spend), shared by restaurant and retail."""

from __future__ import annotations

import diandian
import pytest
from diandian import Activity
from diandian.food import PRODUCT_PREFIX, PRODUCTS
from diandian.spend import CNY_PER_USD, SECTORS, spend_key


@pytest.fixture(scope="module")
def engine() -> diandian.Engine:
    return diandian.Engine(diandian.PluginHost(entrypoints=False))


def test_every_product_and_sector_has_a_factor(engine: diandian.Engine) -> None:
    for key in [f"{PRODUCT_PREFIX}.{p}" for p in PRODUCTS] + [spend_key(s) for s in SECTORS]:
        assert engine.factor_set.find(key, "CN", ()) is not None, key


def test_products_per_kg(engine: diandian.Engine) -> None:
    footprint = engine.footprint_activities(
        [Activity("food.product.tofu", 0.3), Activity("food.product.beef_herd", 0.25)]
    )
    # tofu: 0.3 kg x 3.16 kg/kg = 0.948 kg; beef (beef herd): 0.25 kg x 99.48 = 24.87 kg
    assert [line.grams for line in footprint.lines] == [948, 24_870]
    assert footprint.by_category == {"food": 25_818}


def test_spend_is_converted_once_at_the_stated_rate(engine: diandian.Engine) -> None:
    footprint = engine.footprint_activities(
        [Activity(spend_key("naics_722513"), 80.0), Activity(spend_key("naics_311919"), 12.5)]
    )
    # limited-service restaurant: 0.255 kg/USD / 6.7261 CNY/USD = 0.037912 kg/CNY x 80 = 3.03296 kg -> 3 033 g
    # snack foods: 0.372 / 6.7261 = 0.055307 kg/CNY x 12.5 = 0.69134 kg -> 692 g
    assert [line.grams for line in footprint.lines] == [3_033, 692]
    assert footprint.by_category == {"food": 3_033, "purchases": 692}
    factor = footprint.lines[0].factor
    assert CNY_PER_USD == 6.7261
    assert factor.quality is diandian.Quality.ESTIMATE and factor.unit == "CNY"
    assert "/ 6.7261 CNY per USD" in factor.method and "= 0.037912 kg per 2022 CNY" in factor.method
