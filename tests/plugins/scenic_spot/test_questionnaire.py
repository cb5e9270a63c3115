"""The visitor questionnaire: both languages, coarse-first, example, mixed venues and random answers."""

from __future__ import annotations

import json
from typing import Any

import diandian
import pytest
from diandian.testing import run_cli
from diandian.testing.strategies import answers_for, check_footprint_or_refusal
from diandian_scenic_spot import SCENE_TYPE
from hypothesis import HealthCheck, given, settings


@pytest.mark.parametrize(("lang", "word"), [("en", "Cable-car"), ("zh-CN", "索道")])
def test_questionnaire_renders(lang: str, word: str) -> None:
    result = run_cli(["questionnaire", "scenic_spot", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert word in result.output


def test_example_footprint_as_json() -> None:
    result = run_cli(["footprint", "scenic_spot", "--example", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["grams"] == sum(line["grams"] for line in out["lines"]) > 0
    qualities = {line["activity"]: line["factor"]["quality"] for line in out["lines"]}
    assert qualities["transport.scenic.cable_car"] == qualities["operations.scenic_spot.visit"] == "estimate"


def test_labels_in_both_languages_and_coarse_first() -> None:
    questionnaire = SCENE_TYPE.questionnaire
    assert questionnaire.coarse_ids == ("legs", "days", "nights")
    for question in questionnaire.questions():
        assert set(question.label) == {"en", "zh-CN"}, question.id
        assert question.coarse or not question.required, question.id


def test_coarse_answers_alone_give_a_footprint(engine: diandian.Engine, huangshan: diandian.Scene) -> None:
    answers = {"legs": [{"mode": "coach", "from_place": "Hangzhou"}], "days": 1, "nights": 1}
    assert engine.footprint("scenic_spot", answers, scene=huangshan).grams > 0


def test_a_mixed_venue_asks_travel_and_stay_once(engine: diandian.Engine) -> None:
    from diandian.travel import resolve_place

    scene = diandian.Scene(
        id="expo-park",
        name={"en": "Expo and park"},
        scene_types=("conference", "scenic_spot"),
        place=resolve_place("Huangshan"),
    )
    answers = {
        "travel": {"legs": [{"mode": "rail_high_speed", "from_place": "Shanghai"}]},
        "stay": {"nights": 2},
        "conference": {"days": 2},
        "scenic_spot": {"cable_car_rides": 2},
    }
    footprint = engine.footprint_mixed(scene, answers)
    keys = [line.activity.key for line in footprint.lines]
    assert keys.count("transport.rail.high_speed") == 1
    assert keys.count("lodging.room_night") == 1
    assert "transport.scenic.cable_car" in keys


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answers_for(SCENE_TYPE.questionnaire.questions()))
def test_random_answers_give_a_footprint_or_a_refusal(
    engine: diandian.Engine, huangshan: diandian.Scene, answers: Any
) -> None:
    footprint = check_footprint_or_refusal(engine, "scenic_spot", answers, huangshan)
    assert footprint is None or footprint.grams >= 3_655  # the site share


def test_at_a_resort_that_is_also_a_hotel_the_hotel_counts_the_stay(engine: diandian.Engine) -> None:
    from diandian.travel import resolve_place

    resort = diandian.Scene(
        id="resort",
        name={"en": "Mountain resort"},
        scene_types=("hotel", "scenic_spot"),
        place=resolve_place("Huangshan"),
    )
    answers = {"hotel": {"rooms": 1, "nights": 2}, "stay": {"nights": 3}, "scenic_spot": {"days": 2}}
    footprint = engine.footprint_mixed(resort, answers)
    stays = [line.grams for line in footprint.lines if line.activity.key == "lodging.room_night"]
    assert stays == [
        107_000
    ]  # the hotel's 1 room x 2 nights x 53.5 kg; the stay section's 3 nights are not added
