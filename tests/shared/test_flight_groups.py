"""Flights take the DESNZ 2024 group of their geography, worked by hand from the flat file.

DESNZ/Defra, UK Government GHG Conversion Factors for Company Reporting 2024, Flat File v1.1,
sheet "Factors by Category", Business travel- air / Flights, kg CO2e per passenger.km:

    group                           class                 with RF   without RF
    Domestic, to/from UK            Average passenger     0.27257   0.16098
    Short-haul, to/from UK          Economy class         0.18287   0.10794
    Long-haul, to/from UK           Business class        0.58028   0.34252
    International, to/from non-UK   Economy class         0.13465   0.07948
    International, to/from non-UK   Business class        0.39044   0.23047

The flight line takes the "without RF" factor; the radiative-forcing line takes "with RF" minus
"without RF". Distances: GeoNames city centres (or airportsdata airports), haversine with
R = 6371.0088 km, times the DESNZ 8 % uplift.
"""

from __future__ import annotations

import math

import diandian
import pytest
from diandian import Scene, text
from diandian.travel import great_circle_km, resolve_place
from diandian.travel.modes import flight_group


def lines(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


@pytest.mark.parametrize(
    ("origin", "cabin", "pkm", "flight", "rf"),
    [
        # Beijing (39.9075 N, 116.39723 E) -> Chengdu (30.66667 N, 104.06667 E): great circle
        # 1,516.566 km x 1.08 = 1,637.891 pkm; both ends in China: International, to/from non-UK
        # flight: 1,637.891 x 0.07948 = 130.1796 kg; RF: 1,637.891 x (0.13465 - 0.07948 = 0.05517) = 90.3625 kg
        # together 1,637.891 x 0.13465 = 220.542 kg ("with RF"); 220,543 g after rounding each line up
        ("Beijing", "economy", 1637.891, 130_180, 90_363),
        # Shanghai (31.22222 N, 121.45806 E) -> Chengdu: great circle 1,658.030 km x 1.08 = 1,790.672 pkm
        # flight: 1,790.672 x 0.23047 = 412.6963 kg; RF: 1,790.672 x (0.39044 - 0.23047 = 0.15997) = 286.4538 kg
        ("上海", "business", 1790.672, 412_697, 286_454),
    ],
)
def test_flights_within_china_one_way(
    trip_engine: diandian.Engine, chengdu: Scene, origin: str, cabin: str, pkm: float, flight: int, rf: int
) -> None:
    leg = {"mode": "flight", "cabin": cabin, "from_place": origin, "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu)
    assert footprint.lines[0].activity.quantity == pytest.approx(pkm, abs=0.001)
    assert lines(footprint) == {
        f"transport.flight.non_uk.{cabin}": flight,
        f"transport.flight.rf.non_uk.{cabin}": rf,
    }
    assert footprint.grams == flight + rf  # 220,543 g and 699,151 g
    factor = footprint.lines[0].factor
    assert factor.source.table.startswith(
        "Factors by Category / Business travel- air / Flights / International, to/from non-UK / "
        f"{cabin.capitalize()} class"
    )
    assert factor.ref() == f"travel.desnz@2024.2:transport.flight.non_uk.{cabin}/world"


def test_london_to_edinburgh_is_uk_domestic_average(trip_engine: diandian.Engine) -> None:
    london, edinburgh = resolve_place("London"), resolve_place("Edinburgh")
    scene = Scene(id="e", name=text("E", "E"), scene_types=("trip",), place=edinburgh)
    leg = {"mode": "flight", "cabin": "business", "from_place": "London", "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]}, scene=scene)
    assert london.latitude is not None and london.longitude is not None
    assert edinburgh.latitude is not None and edinburgh.longitude is not None
    km = great_circle_km(london.latitude, london.longitude, edinburgh.latitude, edinburgh.longitude) * 1.08
    # DESNZ gives domestic flights for the average passenger only: the cabin falls back to it
    # flight: km x 0.16098 kg; RF: km x (0.27257 - 0.16098 = 0.11159 kg)
    assert lines(footprint) == {
        "transport.flight.uk_domestic.average": math.ceil(round(km * 160.98, 6)),
        "transport.flight.rf.uk_domestic.average": math.ceil(round(km * 111.59, 6)),
    }
    assert footprint.lines[0].activity.detail["cabin"] == "average"


def test_paris_to_london_is_short_haul_to_from_uk(trip_engine: diandian.Engine) -> None:
    scene = Scene(id="l", name=text("L", "L"), scene_types=("trip",), place=resolve_place("London"))
    leg = {"mode": "flight", "from_place": "Paris", "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]}, scene=scene)
    km = footprint.lines[0].activity.quantity
    assert km < 3700
    # flight: km x 0.10794 kg; RF: km x (0.18287 - 0.10794 = 0.07493 kg)
    assert lines(footprint) == {
        "transport.flight.short_haul.economy": math.ceil(round(km * 107.94, 6)),
        "transport.flight.rf.short_haul.economy": math.ceil(round(km * 74.93, 6)),
    }


def test_paris_to_chengdu_touches_no_uk_airport(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "flight", "cabin": "premium_economy", "from_place": "CDG", "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg], "radiative_forcing": False}, scene=chengdu)
    km = footprint.lines[0].activity.quantity
    assert km > 3700  # long, but not to or from the UK: international non-UK, premium economy 0.12716 kg
    assert lines(footprint) == {"transport.flight.non_uk.premium_economy": math.ceil(round(km * 127.16, 6))}


def test_typed_kilometres_take_the_venue_country(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "flight", "distance_by": "km", "distance_km": 1000, "trip": "one_way"}
    in_china = trip_engine.footprint("trip", {"legs": [leg], "radiative_forcing": False}, scene=chengdu)
    # 1,000 pkm (typed, no uplift) x 0.07948 kg = 79.48 kg
    assert lines(in_china) == {"transport.flight.non_uk.economy": 79_480}
    london = Scene(id="l", name=text("L", "L"), scene_types=("trip",), place=resolve_place("London"))
    in_uk = trip_engine.footprint("trip", {"legs": [leg], "radiative_forcing": False}, scene=london)
    # one end (the venue) in the UK, under 3,700 km: 1,000 pkm x 0.10794 kg = 107.94 kg
    assert lines(in_uk) == {"transport.flight.short_haul.economy": 107_940}


@pytest.mark.parametrize(
    ("km", "countries", "group"),
    [
        (500, ("GB", "GB"), "uk_domestic"),
        (5000, ("GB", "GB"), "uk_domestic"),
        (3699, ("GB", "FR"), "short_haul"),
        (3700, ("CN", "GB"), "long_haul"),
        (9000, ("CN", "FR"), "non_uk"),
        (500, ("CN", "CN"), "non_uk"),
        (500, (None, None), "non_uk"),
    ],
)
def test_flight_group(km: float, countries: tuple[str | None, str | None], group: str) -> None:
    assert flight_group(km, countries) == group
