"""Both questionnaires: rendering in both languages, coarse-first, examples, and random answers."""

from __future__ import annotations

import json
from typing import Any

import diandian
import pytest
from diandian.testing import run_cli
from diandian.testing.strategies import answers_for, check_footprint_or_refusal
from diandian_conference import SCENE_TYPES
from hypothesis import HealthCheck, given, settings

NAMES = [scene_type.name for scene_type in SCENE_TYPES]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_questionnaire_renders(name: str, lang: str) -> None:
    result = run_cli(["questionnaire", name, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert ("参会" if lang == "zh-CN" else "attendee") in result.output.lower()


@pytest.mark.parametrize("name", NAMES)
def test_example_footprint_as_json(name: str) -> None:
    result = run_cli(["footprint", name, "--example", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["grams"] == sum(line["grams"] for line in out["lines"]) > 0


@pytest.mark.parametrize("scene_type", SCENE_TYPES, ids=NAMES)
def test_every_label_in_both_languages_and_coarse_first(scene_type: diandian.SceneType) -> None:
    questionnaire = scene_type.questionnaire
    for lang in ("en", "zh-CN"):
        schema = questionnaire.json_schema(lang=lang)
        assert all(prop["title"] for prop in schema["properties"].values())
    assert 2 <= len(questionnaire.coarse_ids) <= 3
    for question in questionnaire.questions():
        assert set(question.label) == {"en", "zh-CN"}, question.id
        # a required question is coarse, or shown only after a choice that needs it (metered kWh)
        assert question.coarse or not question.required or question.condition is not None, question.id


def test_coarse_answers_alone_give_a_footprint(engine: diandian.Engine, chengdu: diandian.Scene) -> None:
    attendee = engine.footprint(
        "conference",
        {"legs": [{"mode": "flight", "from_place": "PEK"}], "days": 2, "nights": 2},
        scene=chengdu,
    )
    organiser = engine.footprint("conference_organiser", {"attendees": 120, "days": 2}, scene=chengdu)
    assert attendee.grams > 0 and organiser.grams > 0


def test_room_nights_need_the_hotel_plugin_factors(engine: diandian.Engine) -> None:
    # the conference plugin ships no room-night factors: they come from diandian_hotel's table
    footprint = engine.footprint("conference", {"nights": 1, "hotel_city": "Tokyo"})
    assert footprint.lines[0].factor.table == "hotel.desnz"
    assert footprint.grams == 39_000  # 1 room-night x 39.0 kg (DESNZ 2024, Japan)


# --- random answers: a footprint or a ValidationFailed, never anything else ------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answers_for(SCENE_TYPES[0].questionnaire.questions()))
def test_random_attendee_answers(engine: diandian.Engine, chengdu: diandian.Scene, answers: Any) -> None:
    check_footprint_or_refusal(engine, "conference", answers, chengdu)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answers_for(SCENE_TYPES[1].questionnaire.questions()))
def test_random_organiser_answers(engine: diandian.Engine, chengdu: diandian.Scene, answers: Any) -> None:
    check_footprint_or_refusal(engine, "conference_organiser", answers, chengdu)
