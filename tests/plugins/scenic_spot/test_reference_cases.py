"""Reference visits worked by hand from the cited factors; every line and the total in grams.

Factors (kg per unit): high-speed rail 0.03546 /pkm and car average petrol 0.1645 /vkm (DESNZ 2024,
travel module), bus in China 0.0562 /pkm (Beijing buses, travel module estimate), ferry foot
passenger 0.01871 /pkm (DESNZ 2024), cable car 0.6 kWh per ride (estimate) x grid (MEE 2023:
East 0.55, Central 0.5271), site operation 55.29 kg x 6.61 % = 3.654669 per visit (estimate),
meals 0.85 vegetarian / 1.65 pork (ADEME), room-night China 53.5 (DESNZ 2024, hotel plugin).
"""

from __future__ import annotations

import diandian
import pytest
from diandian import Scene
from diandian_scenic_spot import with_site_operation


def lines(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


def test_day_trip_from_shanghai_with_bus_and_cable_car(engine: diandian.Engine, huangshan: Scene) -> None:
    answers = {
        "legs": [{"mode": "rail_high_speed", "from_place": "上海"}],  # ends at the spot, Huangshan
        "bus_rides": 2,  # 8 km a ride by default
        "cable_car_rides": 2,
        "meals": [{"type": "vegetarian", "count": 2}],
    }
    footprint = engine.footprint("scenic_spot", answers, scene=huangshan)
    # rail: great circle 345.100 km x 1.2 = 414.120 km one way, x 2 = 828.239 pkm
    #       x 0.03546 kg = 29.3694 kg -> 29,370 g
    # bus: 2 rides x 8 km = 16 pkm x 0.0562 kg = 0.8992 kg -> 900 g
    # cable car: 2 rides x 0.6 kWh x 0.55 kg/kWh (East China grid) = 0.66 kg
    # site: 1 visit x 3.654669 kg -> 3,655 g
    # meals: 2 a day x 1 day x 0.85 kg = 1.7 kg
    assert lines(footprint) == {
        "transport.rail.high_speed": 29_370,
        "transport.bus": 900,
        "transport.scenic.cable_car": 660,
        "operations.scenic_spot.visit": 3_655,
        "food.meal.vegetarian": 1_700,
    }
    assert footprint.grams == 36_285
    cable = next(line for line in footprint.lines if line.activity.key == "transport.scenic.cable_car")
    assert (cable.activity.region, cable.factor.region) == ("CN-GRID-E", "CN-GRID-E")
    assert cable.factor.quality is diandian.Quality.ESTIMATE


def test_shared_car_boat_and_a_shared_room(engine: diandian.Engine, zhangjiajie: Scene) -> None:
    answers = {
        "legs": [
            {
                "mode": "car",
                "car_size": "average",
                "car_fuel": "petrol",
                "occupancy": 3,
                "distance_by": "km",
                "distance_km": 120,
            }
        ],
        "days": 2,
        "boat_rides": 2,  # 5 km a ride by default
        "meals": [{"type": "pork", "count": 3}],
        "nights": 1,
        "room_sharers": 2,
    }
    footprint = engine.footprint("scenic_spot", answers, scene=zhangjiajie)
    # car: 120 km x 2 (return) = 240 vkm / 3 people = 80 vkm x 0.1645 kg = 13.16 kg
    # boat: 2 rides x 5 km = 10 pkm x 0.01871 kg = 0.1871 kg -> 188 g
    # site: 3,655 g; meals: 3 a day x 2 days = 6 x 1.65 kg = 9.9 kg
    # room: 1 night / 2 people = 0.5 room-night x 53.5 kg = 26.75 kg
    assert lines(footprint) == {
        "transport.car.average.petrol": 13_160,
        "transport.ferry": 188,
        "operations.scenic_spot.visit": 3_655,
        "food.meal.pork": 9_900,
        "lodging.room_night": 26_750,
    }
    assert footprint.grams == 53_653


def test_operator_data_replaces_the_site_estimate(engine: diandian.Engine, huangshan: Scene) -> None:
    scene = with_site_operation(
        huangshan, engine.factor_set, 30_000_000, 3_000_000, operator="Park authority", year=2024
    )
    footprint = engine.footprint("scenic_spot", {"cable_car_rides": 1}, scene=scene)
    # site: 30,000,000 kWh / 3,000,000 visitors = 10 kWh a visit x 0.55 kg (East grid) = 5.5 kg
    # cable car: 1 ride x 0.6 kWh x 0.55 kg = 0.33 kg
    assert lines(footprint) == {"transport.scenic.cable_car": 330, "operations.scenic_spot.visit": 5_500}
    site = footprint.lines[-1].factor
    assert site.quality is diandian.Quality.DERIVED
    assert site.source.publisher == "Park authority"
    assert site.method.startswith(
        "30,000,000.0 kWh a year / 3,000,000 visitors = 10 kWh per visit x 550 g/kWh"
    )


def test_site_operation_refuses_impossible_counts(engine: diandian.Engine, huangshan: Scene) -> None:
    with pytest.raises(ValueError, match="annual_visitors must be a whole number >= 1"):
        with_site_operation(huangshan, engine.factor_set, 1000, 0, operator="x", year=2024)
    with pytest.raises(ValueError, match="annual_kwh must be a number >= 0"):
        with_site_operation(huangshan, engine.factor_set, float("nan"), 10, operator="x", year=2024)
