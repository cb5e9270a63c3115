"""The restaurant questionnaire: both languages, the CLI, and thousands of generated answers."""

import json
import subprocess
import sys

import diandian
from diandian.testing.strategies import check_footprint_or_refusal, loose_answers
from diandian_restaurant import QUESTIONNAIRE, SCENE_TYPE
from hypothesis import HealthCheck, given, settings


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diandian", *args], capture_output=True, text=True, timeout=120
    )


def test_labels_in_both_languages_and_coarse_questions_marked() -> None:
    for question in QUESTIONNAIRE.questions():
        assert {"en", "zh-CN"} <= set(question.label)
    # a diner may pick "dishes" or "spend" on the first form: what each pick requires is there too
    assert QUESTIONNAIRE.coarse_ids == ("basis", "meals", "dishes", "spend_cny")


def test_cli_renders_in_chinese_and_computes_the_example(engine: diandian.Engine) -> None:
    zh = run("questionnaire", "restaurant", "--lang", "zh-CN")
    assert zh.returncode == 0 and "每份克数" in zh.stdout
    data = json.loads(run("footprint", "restaurant", "--example", "--json").stdout)
    assert data["grams"] == engine.footprint("restaurant", SCENE_TYPE.example_answers).grams == 4_444


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=loose_answers(
        QUESTIONNAIRE,
        ["meals", "dishes", "spend", "beef", "rice", "beer", "full_service"],
        ["type", "count", "litres", "portions", "ingredients", "product", "grams"],
        max_size=8,
    )
)
def test_generated_answers_give_a_footprint_or_validation_failed(
    engine: diandian.Engine, answers: dict
) -> None:
    check_footprint_or_refusal(engine, "restaurant", answers)
