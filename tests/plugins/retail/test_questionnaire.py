"""The retail questionnaire: both languages, the CLI, and thousands of generated answers."""

import json
import subprocess
import sys

import diandian
from diandian.testing.strategies import check_footprint_or_refusal, loose_answers
from diandian_retail import QUESTIONNAIRE
from hypothesis import HealthCheck, given, settings


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diandian", *args], capture_output=True, text=True, timeout=120
    )


def test_labels_in_both_languages_and_coarse_questions_give_a_result(engine: diandian.Engine) -> None:
    for question in QUESTIONNAIRE.questions():
        assert {"en", "zh-CN"} <= set(question.label)
    assert QUESTIONNAIRE.coarse_ids == ("total_cny", "store")
    assert engine.footprint("retail", {"total_cny": 88, "store": "clothing"}).grams > 0


def test_cli_renders_in_chinese_and_computes_the_example() -> None:
    zh = run("questionnaire", "retail", "--lang", "zh-CN")
    assert zh.returncode == 0 and "每件克数" in zh.stdout
    assert json.loads(run("footprint", "retail", "--example", "--json").stdout)["grams"] == 13_171


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=loose_answers(
        QUESTIONNAIRE,
        ["pork", "snacks", "clothing", "paper", "supermarket"],
        ["category", "quantity", "grams", "price_cny", "type", "count"],
        max_size=6,
    )
)
def test_generated_answers_give_a_footprint_or_validation_failed(
    engine: diandian.Engine, answers: dict
) -> None:
    check_footprint_or_refusal(engine, "retail", answers)
