"""Grid regions, electricity factors by region and year, meals and drinks."""

from __future__ import annotations

import diandian
import pytest
from diandian import Activity, Place
from diandian.energy import cn_grid_regions, grid_region
from diandian.food import capture_drinks, capture_meals, drinks_question, meals_question
from diandian.travel import resolve_place
from diandian.travel.gazetteer import provinces


@pytest.fixture(scope="module")
def engine() -> diandian.Engine:
    return diandian.Engine(diandian.PluginHost(entrypoints=False))


def test_every_province_has_one_of_the_seven_grids() -> None:
    assert set(cn_grid_regions()) == {p.code for p in provinces().values()}
    assert set(cn_grid_regions().values()) == {f"CN-GRID-{r}" for r in ("N", "NE", "E", "C", "NW", "S", "SW")}


@pytest.mark.parametrize(
    ("city", "grid"),
    [
        ("成都", "CN-GRID-SW"),
        ("Beijing", "CN-GRID-N"),
        ("Guangzhou", "CN-GRID-S"),
        ("London", "GB"),
        ("Lima", "PE"),
    ],
)
def test_grid_region(city: str, grid: str) -> None:
    assert grid_region(resolve_place(city)) == grid


def test_a_place_may_name_its_own_grid() -> None:
    assert grid_region(Place("CN", region="CN-15", grid_region="CN-GRID-NE")) == "CN-GRID-NE"
    assert grid_region(None) == "world"


def test_home_electricity_in_chengdu_by_mee_2023_and_pinned_2022(engine: diandian.Engine) -> None:
    activity = Activity("energy.electricity", 200.0, region=grid_region(resolve_place("成都")))
    # 200 kWh x 0.2472 kg CO2/kWh (Southwest grid, MEE/NBS 2023) = 49.44 kg
    assert engine.footprint_activities([activity]).grams == 49_440
    pinned = diandian.Engine(diandian.PluginHost(entrypoints=False, pins={"energy.grid.cn-mee": "2022"}))
    # 200 kWh x 0.2268 kg CO2/kWh (Southwest grid, MEE/NBS 2022) = 45.36 kg
    assert pinned.footprint_activities([activity]).grams == 45_360


@pytest.mark.parametrize(
    ("region", "grams"),
    [
        ("CN-GRID-N", 63_610),  # 100 kWh x 0.6361 (MEE 2023, North grid)
        ("CN", 53_060),  # 100 kWh x 0.5306 (MEE 2023, national)
        ("GB", 20_705),  # 100 kWh x 0.20705 (DESNZ 2024)
        ("US", 35_164),  # 100 kWh x 0.35164 (EPA eGRID2023, derived)
        ("JP", 48_373),  # 100 kWh x 483.73 g (Ember 2024)
        ("PE", 47_294),  # no factor for Peru: world, 100 kWh x 472.94 g (Ember 2024)
    ],
)
def test_electricity_by_region(engine: diandian.Engine, region: str, grams: int) -> None:
    assert engine.footprint_activities([Activity("energy.electricity", 100.0, region=region)]).grams == grams


def test_gas_and_heat(engine: diandian.Engine) -> None:
    footprint = engine.footprint_activities(
        [Activity("energy.natural_gas", 1000.0, region="CN"), Activity("energy.heat", 100.0, region="CN")]
    )
    # gas: 1,000 kWh x 0.18106 kg (EPA steam 66.33 x 0.80 / 293.071) = 181.06 kg
    # heat: 100 kWh x 0.17965 kg (DESNZ 2024) = 17.965 kg
    assert [line.grams for line in footprint.lines] == [181_060, 17_965]


def test_meals_and_drinks_for_three_days(engine: diandian.Engine) -> None:
    meals = meals_question().check(
        [{"type": "vegetarian", "count": 2}, {"type": "beef", "count": 1}], "meals", "en", [], {}
    )
    drinks = drinks_question().check([{"type": "coffee", "litres": 0.25}], "drinks", "en", [], {})
    footprint = engine.footprint_activities(capture_meals(meals, times=3) + capture_drinks(drinks, times=3))
    # 2 vegetarian/day x 3 days x 0.85 kg = 5.10 kg; 1 beef/day x 3 x 4.97 kg = 14.91 kg
    # 0.25 L coffee/day x 3 x 0.6355 kg/L = 0.476625 kg -> 477 g
    assert [line.grams for line in footprint.lines] == [5_100, 14_910, 477]
    assert [line.activity.source for line in footprint.lines] == ["meals.0", "meals.1", "drinks.0"]


def test_every_shared_factor_has_a_source_and_estimates_a_method(engine: diandian.Engine) -> None:
    shared = ("travel.", "energy.", "food.")
    factors = [f for f in engine.factor_set.factors() if f.table.startswith(shared)]
    assert len(factors) > 90
    for factor in factors:
        assert factor.source.publisher and factor.source.document and factor.source.year
        if factor.quality is not diandian.Quality.SOURCED:
            assert len(factor.method) > 20, factor.ref()
    average = engine.factor_set.find("food.meal.average", "CN")
    assert average is not None and average.quality is diandian.Quality.ESTIMATE


def test_derived_electricity_factors_follow_every_grid() -> None:
    from diandian.energy import derived_electricity_factors, grid_factors

    kind = diandian.ActivityKind("operations.test.lift", "passenger.trip", "operations")
    factors = derived_electricity_factors(
        kind, 0.6, method="36 kWh per run / 60 riders", label={"en": "Lift"}
    )
    assert {f.region for f in factors} == {g.region for g in grid_factors()}
    east = next(f for f in factors if f.region == "CN-GRID-E")
    # 0.6 kWh x 0.55 kg/kWh (East China grid, MEE/NBS 2023, the newest version) = 0.33 kg
    assert round(east.grams, 6) == 330.0
    assert east.quality is diandian.Quality.ESTIMATE and east.unit == "passenger.trip"
    assert east.method.startswith(
        "0.6 kWh per passenger.trip (36 kWh per run / 60 riders) x grid 0.55 kg/kWh"
    )
    assert east.label == {"en": "Lift, East China grid, 2023"}
