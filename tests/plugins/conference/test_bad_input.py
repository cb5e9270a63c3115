"""Impossible answers are refused naming the field; absurd but possible ones pass with a warning."""

from __future__ import annotations

from typing import Any

import diandian
import pytest
from diandian import Scene

LEG = {"mode": "rail_high_speed", "from_place": "Beijing"}


def problems(
    engine: diandian.Engine, scene_type: str, answers: Any, scene: Scene | None = None
) -> dict[str, str]:
    with pytest.raises(diandian.ValidationFailed) as caught:
        engine.footprint(scene_type, answers, scene=scene)
    return {p.path: p.code for p in caught.value.problems}


@pytest.mark.parametrize(
    ("answers", "path", "code"),
    [
        ({"legs": [{"mode": "rail", "from_place": "Atlantisville"}]}, "legs.0.from_place", "unknown_place"),
        ({"nights": 2, "hotel_city": "Atlantisville"}, "hotel_city", "unknown_place"),
        (
            {"legs": [{"mode": "taxi", "distance_by": "km", "distance_km": 40_000}]},
            "legs.0.distance_km",
            "above_mode_maximum",
        ),
        (
            {"legs": [{"mode": "taxi", "distance_by": "km", "distance_km": 5_000}]},
            "legs.0.distance_km",
            "above_mode_maximum",
        ),
        ({"nights": 400}, "nights", "above_maximum"),
        ({"nights": -1}, "nights", "below_minimum"),
        ({"days": 0}, "days", "below_minimum"),
        ({"days": 2.5}, "days", "not_an_integer"),
        ({"meals": [{"type": "whale", "count": 1}]}, "meals.0.type", "unknown_option"),
        ({"meals": [{"type": "beef", "count": -3}]}, "meals.0.count", "below_minimum"),
        ({"nights": 2, "room_sharers": 0}, "room_sharers", "below_minimum"),
        ({"badge": "VIP"}, "badge", "unknown_field"),
    ],
)
def test_attendee_bad_input_names_the_field(
    engine: diandian.Engine, chengdu: Scene, answers: dict[str, Any], path: str, code: str
) -> None:
    assert problems(engine, "conference", answers, chengdu)[path] == code


@pytest.mark.parametrize(
    ("answers", "path", "code"),
    [
        ({}, "attendees", "required"),
        ({"attendees": 0}, "attendees", "below_minimum"),
        ({"attendees": 10, "venue_city": "Nowhere-on-sea"}, "venue_city", "unknown_place"),
        ({"attendees": 10, "energy_data": "metered"}, "electricity_kwh", "required"),
        (
            {"attendees": 10, "energy_data": "metered", "electricity_kwh": -5},
            "electricity_kwh",
            "below_minimum",
        ),
        ({"attendees": 10, "energy_data": "area", "area_m2": 100, "hours": 8}, "kwh_per_m2_hour", "required"),
        (
            {"attendees": 10, "materials": [{"material": "paper", "kg": -1}]},
            "materials.0.kg",
            "below_minimum",
        ),
        (
            {"attendees": 10, "materials": [{"material": "gold", "kg": 1}]},
            "materials.0.material",
            "unknown_option",
        ),
        (
            {"attendees": 10, "waste": [{"stream": "glass", "route": "composting", "kg": 5}]},
            "waste.0.route",
            "unknown_option",
        ),
    ],
)
def test_organiser_bad_input_names_the_field(
    engine: diandian.Engine, chengdu: Scene, answers: dict[str, Any], path: str, code: str
) -> None:
    assert problems(engine, "conference_organiser", answers, chengdu)[path] == code


def test_waste_route_message_lists_what_is_allowed(engine: diandian.Engine, chengdu: Scene) -> None:
    answers = {"attendees": 10, "waste": [{"stream": "glass", "route": "composting", "kg": 5}]}
    with pytest.raises(
        diandian.ValidationFailed,
        match="glass waste cannot go to composting; choose one of landfill, recycling",
    ):
        engine.footprint("conference_organiser", answers, scene=chengdu)


def test_absurd_but_possible_values_pass_with_warnings(engine: diandian.Engine, chengdu: Scene) -> None:
    answers = {
        "legs": [{"mode": "taxi", "distance_by": "km", "distance_km": 1_200}],  # a long taxi ride
        "days": 20,
        "nights": 90,
        "room_sharers": 5,
    }
    footprint = engine.footprint("conference", answers, scene=chengdu)
    assert {w.path for w in footprint.warnings} == {"legs.0.distance_km", "days", "nights", "room_sharers"}
    assert {w.severity for w in footprint.warnings} == {"warning"}
    assert footprint.grams > 0


def test_warnings_and_errors_speak_chinese(engine: diandian.Engine, chengdu: Scene) -> None:
    with pytest.raises(diandian.ValidationFailed) as caught:
        engine.footprint("conference", {"nights": 400}, scene=chengdu, lang="zh-CN")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.problems[0].message)


def test_share_helpers_refuse_impossible_counts() -> None:
    from diandian_conference import attendee_share

    with pytest.raises(ValueError, match="attendees must be a whole number >= 1"):
        attendee_share(1000, 0, 2)
    with pytest.raises(ValueError, match="days must be a whole number >= 1"):
        attendee_share(1000, 10, -1)


def test_publishing_a_share_needs_organiser_and_date(engine: diandian.Engine) -> None:
    from diandian_conference import with_organiser_share

    bare = Scene(id="x", name={"en": "x"}, scene_types=("conference",))
    with pytest.raises(ValueError, match="organiser and a start date"):
        with_organiser_share(bare, 1000, 10, 2)
