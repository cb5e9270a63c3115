"""``diandian footprint`` at a place and for a mixed venue."""

from __future__ import annotations

import json
from pathlib import Path

import diandian
import pytest
from diandian.testing import run_cli


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = run_cli(list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_from_beijing_by_high_speed_rail_to_the_summit_in_chengdu() -> None:
    answers = '{"legs": [{"mode": "rail_high_speed", "from_place": "北京"}]}'
    code, out, _ = run("footprint", "conference", "-", "--place", "成都", "--json", stdin=answers)
    assert code == 0
    footprint = json.loads(out)
    # Beijing -> Chengdu great circle 1,516.566 km x 1.2 (HSR detour) x 2 (return) = 3,639.759 pkm
    # x 0.03546 kg (DESNZ 2024 national rail, HSR proxy) = 129.0659 kg -> 129,066 g
    assert footprint["grams"] == 129_066
    (line,) = footprint["lines"]
    assert line["detail"]["to"] == {"en": "Chengdu", "zh-CN": "成都"}


def test_without_a_place_the_leg_needs_a_destination() -> None:
    answers = '{"legs": [{"mode": "rail_high_speed", "from_place": "北京"}]}'
    code, _, err = run("footprint", "conference", "-", stdin=answers)
    assert code == 2 and "legs.0.to_place" in err


def test_an_unknown_place_names_the_option() -> None:
    code, _, err = run("footprint", "hotel", "--example", "--place", "Xyzzyville")
    assert code == 2 and "place: 'Xyzzyville'" in err


def test_mixed_venue_examples_combine_each_scene_type_once() -> None:
    code, out, _ = run("footprint", "hotel,restaurant", "--example", "--place", "成都", "--json")
    assert code == 0
    footprint = json.loads(out)
    assert footprint["scene_types"] == ["hotel", "restaurant"]
    engine = diandian.Engine()
    alone = sum(
        engine.footprint(t, engine.host.scene_type(t).example_answers).grams for t in ("hotel", "restaurant")
    )
    # hotel: 1 room x 2 nights x 53.5 kg = 107,000 g; the restaurant's example meal adds its own lines
    assert footprint["grams"] == alone
    assert footprint["by_category"]["lodging"] == 107_000


def test_mixed_venue_from_a_file_asks_travel_once() -> None:
    answers = {
        "travel": {"legs": [{"mode": "coach", "from_place": "重庆"}]},
        "scenic_spot": {"days": 1},
        "restaurant": {"meals": [{"type": "vegetarian", "count": 1}]},
    }
    code, out, _ = run(
        "footprint", "scenic_spot,restaurant", "-", "--place", "成都", "--json", stdin=json.dumps(answers)
    )
    assert code == 0, out
    lines = {line["activity"]: line["grams"] for line in json.loads(out)["lines"]}
    # Chongqing (29.56026, 106.55771) -> Chengdu: great circle 269.335 km x 1.3 road detour x 2 (return)
    # = 700.271 pkm x 0.02717 kg (DESNZ 2024 coach) = 19.0264 kg -> 19,027 g, counted once
    assert lines["transport.coach"] == 19_027
    # one vegetarian meal: ADEME 0.85 kg
    assert lines["food.meal.vegetarian"] == 850


def test_an_unknown_scene_type_in_the_list_is_named() -> None:
    code, _, err = run("footprint", "hotel,cinema", "--example")
    assert code != 0 and "cinema" in err


def test_a_stored_scene_gives_its_place_and_scene_types(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'scenes.db'}"
    created = run_cli(
        [
            "scene",
            "create",
            "summit-2021",
            "--name-zh",
            "首届中国数字碳中和高峰论坛",
            "--name-en",
            "Summit",
            "--type",
            "conference",
            "--city",
            "成都",
            "--database-url",
            database,
        ],
    )
    assert created.exit_code == 0, created.output
    answers = '{"legs": [{"mode": "rail_high_speed", "from_place": "北京"}]}'
    code, out, _ = run(
        "footprint", "--scene", "summit-2021", "-", "--database-url", database, "--json", stdin=answers
    )
    assert code == 0, out
    footprint = json.loads(out)
    # the scene's place, Chengdu: Beijing -> Chengdu and back by high-speed rail, 129,066 g as above
    assert (footprint["scene"], footprint["scene_types"], footprint["grams"]) == (
        "summit-2021",
        ["conference"],
        129_066,
    )
    code, _, err = run("footprint", "--scene", "no-such-scene", "--example", "--database-url", database)
    assert code == 2 and "no-such-scene" in err
    code, _, err = run(
        "footprint", "hotel", "--scene", "summit-2021", "--example", "--database-url", database
    )
    assert code != 0 and "not both" in err


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (["hotel,hotel", "--example"], "argument SCENE_TYPES: 'hotel' is listed twice"),
        (["hotel, restaurant,hotel", "--example"], "argument SCENE_TYPES: 'hotel' is listed twice"),
        (["hotel,", "--example"], "argument SCENE_TYPES: 'hotel,' has an empty scene type name"),
        ([",hotel", "--example"], "argument SCENE_TYPES: ',hotel' has an empty scene type name"),
        (["", "--example"], "argument SCENE_TYPES: '' has an empty scene type name"),
        (["hotel", "--example", "--place", ""], "argument --place: must not be empty"),
        (["hotel", "--example", "--place", "  "], "argument --place: must not be empty"),
    ],
)
def test_a_scene_type_listed_twice_an_empty_one_or_an_empty_place_is_refused(
    argv: list[str], why: str
) -> None:
    code, out, err = run("footprint", *argv)
    assert (code, out) == (2, "")
    assert f"diandian footprint: error: {why}\n" in err
