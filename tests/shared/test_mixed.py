"""Mixed venues: a resort (hotel + restaurant + scenic spot) asks travel once, counts it once, and
does not count a breakfast the room-night factor already includes.

The first tests use three small resort plugins defined here, so they depend only on the core; the
last ones use the real built-in plugins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import diandian
import pytest
from diandian import (
    Activity,
    ActivityKind,
    EmissionFactor,
    FactorSource,
    FactorTable,
    Number,
    Quality,
    Questionnaire,
    Scene,
    SceneType,
    Section,
    ValidationFailed,
    text,
)
from diandian.food import capture_meals, meals_question
from diandian.mixed import combined_schema
from diandian.travel import capture_travel, resolve_place, travel_section

ROOM_NIGHT = ActivityKind("lodging.room_night", "room.night", "lodging")
BREAKFAST = ActivityKind("food.breakfast", "meal", "food")
VISIT = ActivityKind("operations.visit", "visit", "operations")
DESNZ = FactorSource("UK DESNZ & Defra", "GHG Conversion Factors 2024", 2024, "Hotel stay / China")
FIXTURE = FactorSource("tests", "test fixture", 2024)


def _factor(
    kind: ActivityKind, kg: float, source: FactorSource, includes: tuple[str, ...] = (), region: str = "world"
) -> EmissionFactor:
    quality = Quality.SOURCED if source is DESNZ else Quality.ESTIMATE
    return EmissionFactor(
        kind.key,
        region,
        kg * 1000,
        kind.unit,
        source,
        quality,
        "test fixture",
        includes=includes,
        table="resort.test",
        version="1",
    )


# The room-night factor declares that it already covers breakfast: this is the whole mechanism.
# It is Sichuan's (CN-51), so it wins over the core's national room-night factor for Chengdu.
FACTORS = FactorTable(
    "resort.test",
    "1",
    (
        _factor(ROOM_NIGHT, 53.5, DESNZ, includes=("food.breakfast",), region="CN-51"),
        _factor(BREAKFAST, 0.85, FIXTURE),
        _factor(VISIT, 1.0, FIXTURE),
    ),
)


def _scene_type(name: str, own: Section) -> SceneType:
    questionnaire = Questionnaire(id=name, title=text(name, name), sections=(travel_section(), own))
    return SceneType(name=name, title=text(name, name), questionnaire=questionnaire)


def _count(id: str, unit: str) -> Number:
    return Number(id=id, label=text(id, id), unit=unit, maximum=100, integer=True, default=0)


HOTEL = _scene_type("resort_hotel", Section("stay", text("Stay", "住宿"), (_count("nights", "night"),)))
RESTAURANT = _scene_type(
    "resort_restaurant",
    Section("food", text("Food", "餐饮"), (_count("breakfasts", "meal"), meals_question())),
)
SPOT = _scene_type("resort_spot", Section("visit", text("Visit", "游览"), (_count("visits", "visit"),)))


class Resort:
    """Three scene types, each of which asks travel as the shared section ``travel``."""

    @diandian.hookimpl
    def diandian_register_scene_types(self, register: Callable[[SceneType], None]) -> None:
        for scene_type in (HOTEL, RESTAURANT, SPOT):
            register(scene_type)

    @diandian.hookimpl
    def diandian_register_activity_kinds(self, register: Callable[[ActivityKind], None]) -> None:
        for kind in (ROOM_NIGHT, BREAKFAST, VISIT):
            register(kind)

    @diandian.hookimpl
    def diandian_register_factor_tables(self, register: Callable[[FactorTable], None]) -> None:
        register(FACTORS)

    @diandian.hookimpl
    def diandian_capture_activities(
        self, scene_type: str, answers: Mapping[str, Any], scene: Scene
    ) -> list[Activity] | None:
        if scene_type not in ("resort_hotel", "resort_restaurant", "resort_spot"):
            return None
        activities = capture_travel(answers, scene)  # each scene type alone counts the journey
        if scene_type == "resort_hotel":
            activities.append(Activity(ROOM_NIGHT.key, answers["nights"], source="nights"))
        elif scene_type == "resort_restaurant":
            activities.append(Activity(BREAKFAST.key, answers["breakfasts"], source="breakfasts"))
            activities += capture_meals(answers.get("meals", ()))
        else:
            activities.append(Activity(VISIT.key, answers["visits"], source="visits"))
        return activities


@pytest.fixture(scope="module")
def engine() -> diandian.Engine:
    return diandian.Engine(diandian.PluginHost(entrypoints=False, plugins=[("resort", Resort())]))


@pytest.fixture(scope="module")
def resort() -> Scene:
    return Scene(
        id="resort",
        name=text("Qingcheng resort", "青城度假村"),
        scene_types=("resort_hotel", "resort_restaurant", "resort_spot"),
        place=resolve_place("成都"),
    )


ANSWERS: dict[str, Any] = {
    "travel": {"legs": [{"mode": "rail_high_speed", "from_place": "北京"}]},
    "resort_hotel": {"nights": 2},
    "resort_restaurant": {"breakfasts": 2, "meals": [{"type": "vegetarian", "count": 2}]},
    "resort_spot": {"visits": 1},
}


def test_resort_counts_travel_once_and_breakfast_not_again(engine: diandian.Engine, resort: Scene) -> None:
    footprint = engine.footprint_mixed(resort, ANSWERS)
    lines = [(line.activity.key, line.scene_type, line.grams) for line in footprint.lines]
    assert lines == [
        # Beijing -> Chengdu return by HSR: 1,516.566 km x 1.2 x 2 = 3,639.759 pkm x 0.03546 kg
        ("transport.rail.high_speed", "resort_hotel", 129_066),
        # 2 room-nights x 53.5 kg = 107.0 kg (breakfast included in this factor)
        ("lodging.room_night", "resort_hotel", 107_000),
        # 2 vegetarian meals x 0.85 kg = 1.7 kg
        ("food.meal.vegetarian", "resort_restaurant", 1_700),
        # 1 visit x 1.0 kg (fixture)
        ("operations.visit", "resort_spot", 1_000),
    ]
    assert footprint.grams == 129_066 + 107_000 + 1_700 + 1_000 == 238_766
    (excluded,) = footprint.excluded
    assert (excluded.activity.key, excluded.activity.quantity) == ("food.breakfast", 2)
    assert excluded.included_by == "resort.test@1:lodging.room_night/CN-51"


def test_each_scene_type_alone_would_count_the_journey(engine: diandian.Engine, resort: Scene) -> None:
    journey = ANSWERS["travel"]
    alone = [
        engine.footprint(name, {**journey, **ANSWERS[name]}, scene=resort).by_category["transport"]
        for name in resort.scene_types
    ]
    assert alone == [129_066] * 3  # three times 129 kg if the three were simply added up
    assert engine.footprint_mixed(resort, ANSWERS).by_category["transport"] == 129_066


def test_a_restaurant_alone_counts_its_breakfasts(engine: diandian.Engine, resort: Scene) -> None:
    footprint = engine.footprint("resort_restaurant", ANSWERS["resort_restaurant"], scene=resort)
    # 2 breakfasts x 0.85 kg + 2 vegetarian meals x 0.85 kg: no hotel, nothing is included elsewhere
    assert footprint.grams == 1_700 + 1_700
    assert footprint.excluded == ()


def test_the_combined_schema_asks_travel_once(engine: diandian.Engine, resort: Scene) -> None:
    schema = combined_schema(engine.host, resort)
    assert list(schema["properties"]) == ["travel", "resort_hotel", "resort_restaurant", "resort_spot"]
    assert "legs" in schema["properties"]["travel"]["properties"]
    for name in resort.scene_types:
        assert "legs" not in schema["properties"][name]["properties"]


def test_travel_under_a_scene_type_is_refused(engine: diandian.Engine, resort: Scene) -> None:
    answers = {**ANSWERS, "resort_hotel": {"nights": 2, "legs": []}}
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint_mixed(resort, answers)
    assert [(p.path, p.code) for p in caught.value.problems] == [("resort_hotel.legs", "unknown_field")]


def test_a_bad_shared_answer_is_named_under_its_section(engine: diandian.Engine, resort: Scene) -> None:
    answers = {**ANSWERS, "travel": {"legs": [{"mode": "coach", "from_place": "Suzhou"}]}}
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint_mixed(resort, answers)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("travel.legs.0.from_place", "ambiguous_place")
    ]


# --- the real built-in plugins --------------------------------------------------------------


@pytest.fixture(scope="module")
def real_engine() -> diandian.Engine:
    return diandian.Engine(diandian.PluginHost(environ={}))


def test_real_hotel_breakfast_is_not_counted_again_by_the_restaurant(real_engine: diandian.Engine) -> None:
    scene_types = ("hotel", "restaurant")
    if not set(scene_types) <= set(real_engine.host.scene_types):
        pytest.skip("the hotel and restaurant plugins are not installed")
    scene = Scene(
        id="resort", name=text("Resort", "度假村"), scene_types=scene_types, place=resolve_place("成都")
    )
    answers = {
        "hotel": {"rooms": 1, "nights": 2, "country": "CN", "breakfast": True},
        "restaurant": {"breakfasts": 2, "meals": [{"type": "vegetarian", "count": 1}]},
    }
    footprint = real_engine.footprint_mixed(scene, answers)
    keys = [line.activity.key for line in footprint.lines]
    assert "food.breakfast" not in keys
    assert keys.count("lodging.breakfast") == 1
    assert [e.activity.key for e in footprint.excluded] == ["food.breakfast"]


def test_real_resort_asks_and_counts_travel_once(real_engine: diandian.Engine) -> None:
    scene_types = ("hotel", "restaurant", "scenic_spot")
    if not set(scene_types) <= set(real_engine.host.scene_types):
        pytest.skip("the scenic_spot plugin is not installed yet")
    scene = Scene(
        id="resort", name=text("Resort", "度假村"), scene_types=scene_types, place=resolve_place("成都")
    )
    schema = combined_schema(real_engine.host, scene)
    sharing = [
        name
        for name in scene_types
        if any(s.shared == "travel" for s in real_engine.host.scene_type(name).questionnaire.sections)
    ]
    if not sharing:
        pytest.skip("none of the resort's plugins asks the shared travel section yet")
    assert "legs" in schema["properties"]["travel"]["properties"]
    answers: dict[str, Any] = {
        name: dict(real_engine.host.scene_type(name).example_answers) for name in scene_types
    }
    for name in scene_types:  # answers to shared sections go under the section's key, once
        for section in real_engine.host.scene_type(name).questionnaire.sections:
            if section.shared:
                shared = answers.setdefault(section.shared, {})
                for question in section.questions:
                    if question.id in answers[name]:
                        shared.setdefault(question.id, answers[name].pop(question.id))
    answers["travel"] = {"legs": [{"mode": "rail_high_speed", "from_place": "北京"}]}
    footprint = real_engine.footprint_mixed(scene, answers)
    rail = [line for line in footprint.lines if line.activity.key == "transport.rail.high_speed"]
    assert [line.grams for line in rail] == [129_066]


def test_a_place_refused_while_capturing_is_named_as_it_was_answered(real_engine: diandian.Engine) -> None:
    scene_types = ("conference", "scenic_spot")
    if not set(scene_types) <= set(real_engine.host.scene_types):
        pytest.skip("the conference and scenic_spot plugins are not installed")
    scene = Scene(id="expo", name=text("Expo", "博览"), scene_types=scene_types, place=resolve_place("成都"))
    answers = {
        "stay": {"nights": 1, "hotel_city": "Atlantisxx"},
        "conference": {"days": 1},
        "scenic_spot": {},
    }
    with pytest.raises(ValidationFailed) as caught:
        real_engine.footprint_mixed(scene, answers)
    assert [(p.path, p.code) for p in caught.value.problems] == [("stay.hotel_city", "unknown_place")]
