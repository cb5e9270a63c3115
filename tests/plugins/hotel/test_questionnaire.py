"""The hotel questionnaire: both languages, coarse questions first, and thousands of generated answers."""

import json
import subprocess
import sys

import diandian
from diandian.testing.strategies import check_footprint_or_refusal, loose_answers
from diandian_hotel import QUESTIONNAIRE, SCENE_TYPE
from hypothesis import HealthCheck, given, settings


def test_every_label_is_in_both_languages_and_non_coarse_questions_have_defaults() -> None:
    for question in QUESTIONNAIRE.questions():
        assert {"en", "zh-CN"} <= set(question.label)
        assert question.coarse or question.default is not None or not question.required or question.condition
    # nights is asked when stay_by is "nights", so stay_by is on the first form too, and so are
    # the dates a guest who picks "dates" must then give (shown only for that pick)
    assert QUESTIONNAIRE.coarse_ids == ("rooms", "stay_by", "nights", "check_in", "check_out", "country")


def test_coarse_answers_alone_give_a_footprint(engine: diandian.Engine) -> None:
    assert engine.footprint("hotel", {"rooms": 1, "nights": 2, "country": "CN"}).grams == 107_000
    assert engine.footprint("hotel", SCENE_TYPE.example_answers).grams == 107_000


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diandian", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_renders_in_chinese_and_computes_the_example() -> None:
    zh = run("questionnaire", "hotel", "--lang", "zh-CN")
    assert zh.returncode == 0 and "房费含早餐" in zh.stdout and "同住人数" in zh.stdout
    data = json.loads(run("footprint", "hotel", "--example", "--json").stdout)
    assert data["grams"] == 107_000


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=loose_answers(
        QUESTIONNAIRE,
        ["CN", "JP", "OTHER", "dates", "2024-09-07", "2024-02-30", "London", "成都"],
        [],
        max_size=9,
    )
)
def test_generated_answers_give_a_footprint_or_validation_failed(
    engine: diandian.Engine, answers: dict
) -> None:
    check_footprint_or_refusal(engine, "hotel", answers)
