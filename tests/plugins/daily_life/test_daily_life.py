"""The life carbon footprint: three households worked by hand, bad input, every answer shape."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import diandian
import pytest
from diandian import ValidationFailed
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def engine() -> diandian.Engine:
    return diandian.Engine(diandian.PluginHost(environ={}))


def grams(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


def test_chengdu_family_for_a_month(engine: diandian.Engine) -> None:
    """The scene type's example answers."""
    answers = engine.host.scene_type("daily_life").example_answers
    footprint = engine.footprint("daily_life", answers)
    weeks = 52 / 12  # 4.333 weeks in a month
    assert grams(footprint) == {
        # 150 kWh / 3 people = 50 kWh x 0.2472 kg (Southwest grid, MEE 2023)  = 12.360 kg
        "energy.electricity": 12_360,
        # 15 m3 x 10 kWh/m3 / 3 people = 50 kWh x 0.18106 kg                  = 9.053 kg
        "energy.natural_gas": 9_053,
        # metro 12 km x 2 (return) x 5 days x 4.333 weeks = 520 pkm x 0.02780  = 14.456 kg
        "transport.metro": 14_456,
        # omnivore week: 4 vegetarian, 4 pork, 3 chicken, 2 white fish, 1 beef, x 4.333 weeks
        "food.meal.vegetarian": 14_734,  # 17.333 x 0.85 = 14.7333 kg
        "food.meal.pork": 28_600,  # 17.333 x 1.65 = 28.600 kg
        "food.meal.chicken": 18_980,  # 13 x 1.46 = 18.980 kg
        "food.meal.white_fish": 21_060,  # 8.667 x 2.43 = 21.060 kg
        "food.meal.beef": 21_537,  # 4.333 x 4.97 = 21.5367 kg
    }
    assert footprint.lines[-1].activity.quantity == pytest.approx(weeks)
    assert footprint.grams == 140_780
    assert footprint.lines[0].activity.region == "CN-GRID-SW"


def test_beijing_vegan_for_a_year_with_one_flight(engine: diandian.Engine) -> None:
    answers = {
        "period": "year",
        "home_city": "北京",
        "electricity_kwh": 250,
        "diet": "vegan",
        "legs": [{"mode": "flight", "from_place": "PEK", "to_place": "CTU"}],
    }
    footprint = engine.footprint("daily_life", answers)
    assert grams(footprint) == {
        # 250 kWh x 12 months = 3,000 kWh x 0.6361 kg (North grid, MEE 2023) = 1,908.3 kg
        "energy.electricity": 1_908_300,
        # PEK-CTU 1,556.066 km x 1.08 = 1,680.551 km, x 2 (return) = 3,361.102 pkm
        # neither end in the UK: DESNZ 2024 international, to/from non-UK, economy
        "transport.flight.non_uk.economy": 267_141,  # x 0.07948 = 267.1404 kg
        "transport.flight.rf.non_uk.economy": 185_432,  # x (0.13465 - 0.07948 = 0.05517) = 185.4320 kg
        # 14 vegan meals x 52 weeks = 728 meals x 0.54 kg = 393.12 kg
        "food.meal.vegan": 393_120,
    }
    assert footprint.grams == 2_753_993


def test_london_couple_for_a_year_commuting_by_car(engine: diandian.Engine) -> None:
    answers = {
        "period": "year",
        "home_city": "London",
        "household": 2,
        "electricity_kwh": 300,
        "gas_amount": 1000,
        "gas_unit": "kWh",
        "commute": [
            {
                "mode": "car",
                "car_size": "medium",
                "car_fuel": "diesel",
                "distance_by": "km",
                "distance_km": 15,
            }
        ],
        "commute_days_per_week": 4,
        "meals": [{"type": "vegetarian", "count": 7}, {"type": "chicken", "count": 7}],
    }
    footprint = engine.footprint("daily_life", answers)
    assert grams(footprint) == {
        # 300 kWh x 12 / 2 people = 1,800 kWh x 0.20705 kg (DESNZ 2024 UK) = 372.69 kg
        "energy.electricity": 372_690,
        # 1,000 kWh x 12 / 2 people = 6,000 kWh x 0.18106 kg = 1,086.36 kg
        "energy.natural_gas": 1_086_360,
        # 15 km x 2 x 4 days x 52 weeks = 6,240 vkm x 0.16807 kg = 1,048.7568 kg
        "transport.car.medium.diesel": 1_048_757,
        # 7 x 52 = 364 meals: vegetarian x 0.85 = 309.4 kg; chicken x 1.46 = 531.44 kg
        "food.meal.vegetarian": 309_400,
        "food.meal.chicken": 531_440,
    }
    assert footprint.grams == 3_348_647
    assert footprint.warnings == ()


def test_coarse_answers_alone_give_a_footprint(engine: diandian.Engine) -> None:
    footprint = engine.footprint("daily_life", {"electricity_kwh": 100})
    # no city: the world average grid, 100 kWh x 472.94 g (Ember 2024) = 47,294 g, plus an omnivore month
    assert grams(footprint)["energy.electricity"] == 47_294


def test_unknown_home_city_names_the_field(engine: diandian.Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("daily_life", {"home_city": "Atlantiss", "electricity_kwh": 100})
    assert caught.value.problems[0].path == "home_city"
    assert caught.value.problems[0].code == "unknown_place"


@pytest.mark.parametrize(
    ("answers", "path"),
    [
        ({"electricity_kwh": -5}, "electricity_kwh"),
        ({"household": 0}, "household"),
        (
            {"commute": [{"mode": "taxi", "distance_by": "km", "distance_km": 40_000}]},
            "commute.0.distance_km",
        ),
        ({"commute_days_per_week": 8}, "commute_days_per_week"),
        ({"meals": [{"type": "dragon", "count": 2}]}, "meals.0.type"),
        ({"period": "decade"}, "period"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    engine: diandian.Engine, answers: dict[str, Any], path: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("daily_life", answers)
    assert caught.value.problems[0].path == path


def test_absurd_but_possible_is_a_warning(engine: diandian.Engine) -> None:
    footprint = engine.footprint("daily_life", {"electricity_kwh": 5_000})
    assert [(w.path, w.code) for w in footprint.warnings] == [("electricity_kwh", "unusually_high")]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_questionnaire_renders_in_both_languages(lang: str) -> None:
    cli = Path(sys.executable).parent / "diandian"
    command = [str(cli), "questionnaire", "daily_life", "--lang", lang, "--json-schema"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    schema = json.loads(out.stdout)
    assert schema["properties"]["diet"]["title"] == ("Your diet" if lang == "en" else "您的饮食")


@settings(max_examples=100, deadline=None)
@given(
    answers=st.fixed_dictionaries(
        {},
        optional={
            "period": st.sampled_from(["month", "year"]),
            "electricity_kwh": st.floats(0, 100_000),
            "household": st.integers(1, 50),
            "gas_amount": st.floats(0, 100_000),
            "gas_unit": st.sampled_from(["m3", "kWh"]),
            "heat_kwh": st.floats(0, 100_000),
            "commute_days_per_week": st.integers(0, 7),
            "diet": st.sampled_from(["vegan", "vegetarian", "flexitarian", "omnivore", "meat_lover"]),
            "home_city": st.sampled_from(["成都", "Beijing", "London", "Tokyo", "Lima"]),
            "commute": st.lists(
                st.fixed_dictionaries(
                    {
                        "mode": st.sampled_from(["metro", "bus", "bicycle", "walk", "car", "taxi"]),
                        "distance_by": st.just("km"),
                        "distance_km": st.floats(0.1, 50),
                    }
                ),
                max_size=3,
            ),
        },
    )
)
def test_any_valid_answers_give_whole_grams(engine: diandian.Engine, answers: dict[str, Any]) -> None:
    footprint = engine.footprint("daily_life", answers)
    assert footprint.grams == sum(line.grams for line in footprint.lines) >= 0
    for line in footprint.lines:
        assert line.grams == math.ceil(round(line.activity.quantity * line.factor.grams, 6))


def test_an_unanswered_diet_is_counted_as_assumed_and_says_so(engine: diandian.Engine) -> None:
    """The try-out's empty form: 104.9 kg for a month, every line of it an assumed diet."""
    footprint = engine.footprint("daily_life", {})
    # the omnivore week (4 vegetarian, 4 pork, 3 chicken, 2 white fish, 1 beef) x 52/12 weeks:
    # 14,734 + 28,600 + 18,980 + 21,060 + 21,537 g (worked out in the Chengdu family above)
    assert footprint.grams == 104_911
    pork = next(line for line in footprint.lines if line.activity.key == "food.meal.pork")
    assert pork.label == {
        "en": "Pork meal (assumed: diet not answered)",
        "zh-CN": "猪肉餐（假设：未填写饮食）",
    }
    assert pork.activity.detail["assumed"] == {
        "en": 'diet "Meat or fish most days": 4 vegetarian, 4 pork, 3 chicken, 2 white fish, 1 beef '
        "of 14 main meals a week (our estimate, not a survey)",
        "zh-CN": "饮食“多数日子吃肉或鱼”：每周 14 顿正餐中素食（含蛋奶） 4 顿、猪肉 4 顿、鸡肉 3 顿、白肉鱼 2 顿、"
        "牛肉 1 顿（本站估计，非调查数据）",
    }
    answered = engine.footprint("daily_life", {"diet": "omnivore"})
    assert answered.grams == 104_911
    assert all("assumed" not in line.label["en"] and not line.activity.detail for line in answered.lines)


def test_the_commute_offers_commuting_modes_and_ends_at_work_or_school(engine: diandian.Engine) -> None:
    schema = engine.host.scene_type("daily_life").questionnaire.json_schema(lang="zh-CN")
    leg = schema["properties"]["commute"]["items"]["properties"]
    assert leg["to_place"]["title"] == "目的地：单位或学校（留空为居住城市）"
    assert leg["from_place"]["title"] == "出发地（城市）" and "机场" not in json.dumps(
        leg, ensure_ascii=False
    )
    assert "period" in schema["x-coarse"]  # the first form already says which period it counts
    modes = leg["mode"]["enum"]
    assert "flight" not in modes and "ferry" not in modes and {"metro", "bicycle", "walk"} <= set(modes)
    trips = schema["properties"]["legs"]["items"]["properties"]
    assert trips["to_place"]["title"] == "目的地（留空为居住城市）" and "flight" in trips["mode"]["enum"]
    assert "本场地" not in json.dumps(schema, ensure_ascii=False)
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("daily_life", {"commute": [{"mode": "flight", "from_place": "PEK"}]})
    assert caught.value.problems[0].path == "commute.0.mode"


@pytest.mark.parametrize(("lang", "title"), [("en", "for a month or a year"), ("zh-CN", "一个月或一年")])
def test_the_questionnaire_says_its_period(engine: diandian.Engine, lang: str, title: str) -> None:
    schema = engine.host.scene_type("daily_life").questionnaire.json_schema(lang=lang)
    assert title in schema["title"]
