"""Reference cases worked by hand from the cited factors; every line and the total in grams.

Factors used (kg CO2e per unit): high-speed rail 0.03546 /pkm (DESNZ 2024 national rail, the
travel module's proxy), flight short-haul economy 0.10794 and its radiative forcing 0.07493 /pkm
(DESNZ 2024), hotel room-night China 53.5 (DESNZ 2024), meals 2.185 average / 0.85 vegetarian /
0.54 vegan (ADEME Agribalyse 3.2), paper 1,339.32 /t, food waste to landfill 700.21 /t (DESNZ
2024), grids 0.55 East / 0.6361 North (MEE 2023), venue estimate 2 kWh per attendee-day.
"""

from __future__ import annotations

import diandian
import pytest
from diandian import Scene
from diandian_conference import attendee_share, with_organiser_share


def lines(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


def test_beijing_to_chengdu_by_rail_two_nights_six_meals(engine: diandian.Engine, chengdu: Scene) -> None:
    answers = {
        "legs": [{"mode": "rail_high_speed", "from_place": "北京"}],  # ends at the venue, Chengdu
        "days": 3,
        "meals": [{"type": "average", "count": 2}],
        "nights": 2,
    }
    footprint = engine.footprint("conference", answers, scene=chengdu)
    # rail: great circle 1,516.566 km x 1.2 detour = 1,819.879 km one way, x 2 (return)
    #       = 3,639.759 pkm x 0.03546 kg = 129.0659 kg -> 129,066 g
    # hotel: 2 nights / 1 person x 53.5 kg = 107.0 kg -> 107,000 g
    # meals: 2 a day x 3 days = 6 meals x 2.185 kg = 13.11 kg -> 13,110 g
    assert lines(footprint) == {
        "transport.rail.high_speed": 129_066,
        "lodging.room_night": 107_000,
        "food.meal.average": 13_110,
    }
    assert footprint.grams == 129_066 + 107_000 + 13_110 == 249_176
    rail = footprint.lines[0].activity
    assert rail.detail["great_circle_km"] == pytest.approx(1516.566, abs=0.001)


def organiser_answers() -> dict[str, object]:
    return {
        "attendees": 200,
        "days": 2,
        "energy_data": "area",
        "area_m2": 1500,
        "hours": 16,
        "kwh_per_m2_hour": 0.08,
        "catering": [{"type": "vegetarian", "count": 400}],
        "materials": [{"material": "paper", "kg": 100}],
        "waste": [{"stream": "food", "route": "landfill", "kg": 120}],
    }


def test_organiser_in_shanghai_area_tier_and_the_attendee_share(
    engine: diandian.Engine, shanghai: Scene
) -> None:
    footprint = engine.footprint("conference_organiser", organiser_answers(), scene=shanghai)
    # venue: 1,500 m2 x 16 h x 0.08 kWh/m2/h = 1,920 kWh x 0.55 kg (East China grid) = 1,056.0 kg
    # catering: 400 vegetarian meals x 0.85 kg = 340.0 kg
    # paper: 100 kg x 1.33932 kg/kg = 133.932 kg
    # food waste to landfill: 120 kg x 0.70021 kg/kg = 84.0252 kg -> 84,026 g (rounded up)
    assert lines(footprint) == {
        "energy.electricity": 1_056_000,
        "food.meal.vegetarian": 340_000,
        "materials.paper": 133_932,
        "waste.food.landfill": 84_026,
    }
    assert footprint.grams == 1_613_958
    assert footprint.lines[0].activity.region == "CN-GRID-E"
    # share: (1,613,958 g - 340,000 g catering, counted by each attendee's meals)
    #        / (200 attendees x 2 days) = 1,273,958 / 400 = 3,184.9 -> 3,185 g per attendee-day
    assert attendee_share(footprint, 200, 2) == 3_185
    assert attendee_share(footprint, 200, 2, exclude=()) == 4_035  # 1,613,958 / 400 = 4,034.9


def test_attendee_flying_in_carries_the_published_share(engine: diandian.Engine, shanghai: Scene) -> None:
    organiser = engine.footprint("conference_organiser", organiser_answers(), scene=shanghai)
    scene = with_organiser_share(shanghai, organiser, attendees=200, days=2)
    answers = {
        "legs": [{"mode": "flight", "distance_by": "km", "distance_km": 1700}],
        "days": 2,
        "meals": [{"type": "vegan", "count": 3}],
        "nights": 1,
        "room_sharers": 2,
    }
    footprint = engine.footprint("conference", answers, scene=scene)
    # flight: 1,700 km x 2 = 3,400 pkm; typed km end at the venue in Shanghai, so neither end is
    #         in the UK: DESNZ international, to/from non-UK, economy
    #         x 0.07948 kg = 270.232 kg; radiative forcing x (0.13465 - 0.07948 = 0.05517) kg = 187.578 kg
    # hotel: 1 night / 2 sharing = 0.5 room-night x 53.5 kg = 26.75 kg
    # meals: 3 a day x 2 days = 6 vegan meals x 0.54 kg = 3.24 kg
    # event share: 2 days x 3,185 g = 6,370 g
    assert lines(footprint) == {
        "transport.flight.non_uk.economy": 270_232,
        "transport.flight.rf.non_uk.economy": 187_578,
        "food.meal.vegan": 3_240,
        "lodging.room_night": 26_750,
        "operations.conference.organiser_share": 6_370,
    }
    assert footprint.grams == 494_170
    share = footprint.lines[-1].factor
    assert share.method == "1273958 g event footprint, food left out / (200 attendees x 2 days) = 3185 g"
    assert share.source.publisher == "Summit secretariat"
    # the attendee may leave the share out
    without = engine.footprint("conference", {**answers, "event_share": False}, scene=scene)
    assert without.grams == 494_170 - 6_370


def test_organiser_with_no_energy_data_gets_the_flagged_estimate(engine: diandian.Engine) -> None:
    answers = {"attendees": 500, "days": 3, "venue_city": "Beijing"}
    footprint = engine.footprint("conference_organiser", answers)
    # 500 attendees x 3 days = 1,500 attendee-days
    #   x 2 kWh (estimate) x 0.6361 kg/kWh (North China grid) = 1.2722 kg -> 1,908.3 kg
    (line,) = footprint.lines
    assert (line.activity.key, line.activity.region, line.grams) == (
        "energy.venue.attendee_day",
        "CN-GRID-N",
        1_908_300,
    )
    assert line.factor.quality is diandian.Quality.ESTIMATE
    assert "2 kWh per attendee.day" in line.factor.method
    # an estimate carries a wider range than sourced factors (+-50 % by default)
    assert (footprint.low, footprint.high) == (954_150, 2_862_450)
