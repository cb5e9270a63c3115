"""Places as Chinese visitors type them (issue: places), each example worked by hand."""

from __future__ import annotations

import diandian
import pytest
from diandian import Scene, ValidationFailed, text
from diandian.offsets import parse_grams
from diandian.text import typed
from diandian.travel import resolve_place


def lines(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


@pytest.mark.parametrize(
    ("origin", "target"),
    [("PEK", "北京"), ("北京", "PKX"), ("PEK", "PKX"), ("LHR", "LGW"), ("PVG", "浦东"), ("Beijing", "北京")],
)
def test_a_flight_within_one_metropolitan_area_is_refused(
    trip_engine: diandian.Engine, origin: str, target: str
) -> None:
    # PEK is 25 km from Beijing's centre, Daxing (PKX) 45 km, and the two airports 66 km apart
    leg = {"mode": "flight", "from_place": origin, "to_place": target}
    with pytest.raises(ValidationFailed) as caught:
        trip_engine.footprint("trip", {"legs": [leg]})
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("legs.0.from_place", "same_place")
    assert "no flight is needed" in problem.message


def test_the_taxi_from_the_airport_is_still_a_trip(trip_engine: diandian.Engine) -> None:
    leg = {"mode": "taxi", "from_place": "PEK", "to_place": "北京", "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]})
    # PEK (40.0801, 116.585) -> Beijing (39.9075, 116.39723): 24.984 km x 1.3 road detour = 32.479 pkm
    # x 0.14861 kg (DESNZ 2024 regular taxi) = 4.8267 kg -> 4,827 g
    assert footprint.grams == 4_827


@pytest.mark.parametrize("code", ["can", "CAN", "Can", "ｃａｎ", " CAN "])
def test_three_letters_that_are_an_iata_code_are_that_airport(
    trip_engine: diandian.Engine, chengdu: Scene, code: str
) -> None:
    assert resolve_place(code).name == {
        "en": "Guangzhou Baiyun International Airport (CAN)",
        "zh-CN": "广州（CAN）",
    }
    leg = {"mode": "flight", "from_place": code, "trip": "one_way"}
    footprint = trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu)
    # not Çan in Turkey (6,846 km away): CAN (23.3924, 113.299) -> Chengdu (30.66667, 104.06667)
    # great circle 1,219.883 km x 1.08 = 1,317.474 pkm, international non-UK economy
    # flight 1,317.474 x 0.07948 = 104.7128 kg -> 104,713 g; RF x 0.05517 = 72.6850 kg -> 72,686 g
    assert footprint.lines[0].activity.quantity == pytest.approx(1317.474, abs=0.001)
    assert lines(footprint) == {
        "transport.flight.non_uk.economy": 104_713,
        "transport.flight.rf.non_uk.economy": 72_686,
    }


@pytest.mark.parametrize(
    ("answer", "code"),
    [("ＰＥＫ", "PEK"), ("ｐｅｋ", "PEK"), ("Ｌｏｎｄｏｎ", None), ("成都　", None), ("长沙，湖南省", None)],
)
def test_full_width_and_chinese_punctuation_are_normalised(answer: str, code: str | None) -> None:
    place = resolve_place(answer)
    if code:
        assert place.name is not None and f"({code})" in place.name["en"]
    else:
        assert place.city in {"London", "Chengdu", "Changsha"}


@pytest.mark.parametrize(
    "answer",
    [
        "长沙",
        "Changsha",
        "长沙市",
        "长沙, 湖南省",
        "长沙，湖南省",
        "长沙、湖南",
        "湖南长沙",
        "湖南省长沙市",
        "中国湖南省长沙市",
        "Changsha, Hunan",
        "Changsha, Hunan Province",
        "changsha, hunan, china",
        "长沙, 湖南, 中国",
        "Changsha Hunan",
        "Changsha Hunan Province",
        "changsha hunan china",
        "长沙\u200b",
        "\u202e长沙, 湖南\u200f",
    ],
)
def test_changsha_with_or_without_its_province(answer: str) -> None:
    # Hunan's capital (3,093,980 people) outranks the Changsha of Guangdong (688,242) and of
    # Chongqing (47,170): it is a main city, they are not
    place = resolve_place(answer)
    assert (place.city, place.region, place.name) == (
        "Changsha",
        "CN-43",
        {"en": "Changsha", "zh-CN": "长沙"},
    )


@pytest.mark.parametrize(
    ("answer", "region"),
    [
        ("广西南宁", "CN-45"),
        ("Nanning, Guangxi Zhuang Autonomous Region", "CN-45"),
        ("四川省成都市", "CN-51"),
    ],
)
def test_autonomous_regions_and_provinces_as_prefixes(answer: str, region: str) -> None:
    assert resolve_place(answer).region == region


def test_namesakes_of_comparable_rank_are_asked_with_candidates() -> None:
    # Suzhou, Jiangsu (6,715,559) and Suzhou, Anhui (1,647,642) are both cities of a million or more
    with pytest.raises(ValidationFailed) as caught:
        resolve_place("Suzhou", lang="zh-CN")
    (problem,) = caught.value.problems
    assert problem.code == "ambiguous_place"
    assert "苏州（江苏" in problem.message and "安徽" in problem.message
    assert resolve_place("Suzhou, Anhui").region == "CN-34"


@pytest.mark.parametrize("answer", ["Summit", "Pekin", "Atlantis"])
def test_a_weak_match_is_offered_not_taken(answer: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        resolve_place(answer)
    (problem,) = caught.value.problems
    assert problem.code == "weak_match"
    assert f"{answer} (" in problem.message  # the candidate, with its country and people


def test_a_small_town_abroad_is_taken_once_its_country_is_given() -> None:
    assert resolve_place("Summit, US").country == "US"
    assert resolve_place("Atlantis, South Africa").name == {"en": "Atlantis", "zh-CN": "亚特兰提斯"}


def test_made_up_names_are_unknown() -> None:
    with pytest.raises(ValidationFailed) as caught:
        resolve_place("Xyzzyville")
    assert caught.value.problems[0].code == "unknown_place"


@pytest.mark.parametrize(
    ("answer", "zh"),
    [
        ("PEK", "北京（PEK）"),
        ("TFU", "成都（TFU）"),
        ("浦东", "浦东"),
        ("Tokyo", "东京"),
        ("Yokohama", "横滨"),
        ("Huizhou", "惠州"),
        ("Longyan", "龙岩"),
        ("Xiangyang", "襄阳"),
        ("黄山", "黄山"),
        ("Ordos", "鄂尔多斯"),
    ],
)
def test_chinese_names_as_used_today(answer: str, zh: str) -> None:
    # Simplified, the name itself (not 上海浦东 for Pudong), airports by the city they serve
    name = resolve_place(answer).name
    assert name is not None and name["zh-CN"] == zh


def test_leg_details_name_places_in_both_languages(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "rail_high_speed", "from_place": "Beijing"}
    detail = trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu).lines[0].activity.detail
    assert detail["from"] == {"en": "Beijing", "zh-CN": "北京"}
    assert detail["to"] == {"en": "Chengdu", "zh-CN": "成都"}


def test_typed_text() -> None:
    assert typed(" ＰＥＫ ") == "PEK"
    assert typed("长沙、湖南省") == "长沙,湖南省"
    assert typed("长沙，湖南省") == "长沙,湖南省"
    # pasted along with a name: zero-width space, right-to-left override, NUL; a tab is a space
    assert typed("长沙\u200b") == typed("\u202e长沙") == typed("长\x00沙") == "长沙"
    assert typed("Changsha\tHunan") == "Changsha Hunan"


def test_words_after_an_english_name_qualify_it_only_when_the_whole_names_no_city() -> None:
    # Los Angeles and Ho Chi Minh City are names of their own; "Suzhou Anhui" is Anhui's Suzhou
    assert resolve_place("Los Angeles").city == "Los Angeles"
    assert resolve_place("Ho Chi Minh City").country == "VN"
    assert resolve_place("Suzhou Anhui").region == "CN-34"
    assert resolve_place("Chengdu China").region == "CN-51"


@pytest.mark.parametrize(
    ("amount", "grams"), [("３８２００", 38_200), ("３８．２ｋｇ", 38_200), ("１ｔ", 1_000_000)]
)
def test_grams_typed_in_full_width_digits(amount: str, grams: int) -> None:
    assert parse_grams(amount, field="amount") == grams


def test_hotel_dates_infer_stay_by(engine: diandian.Engine) -> None:
    answers = {"rooms": 1, "check_in": "2026-03-01", "check_out": "2026-03-04", "country": "CN"}
    footprint = engine.footprint("hotel", answers)
    # 3 nights (1 to 4 March) x 1 room x 53.5 kg = 160.5 kg
    assert footprint.grams == 160_500
    assert footprint.lines[0].activity.quantity == 3


def test_typed_kilometres_infer_distance_by(trip_engine: diandian.Engine, chengdu: Scene) -> None:
    leg = {"mode": "coach", "distance_km": 100, "trip": "one_way"}
    # 100 pkm x 0.02717 kg (DESNZ 2024 coach) = 2.717 kg
    assert trip_engine.footprint("trip", {"legs": [leg]}, scene=chengdu).grams == 2_717


def test_a_scene_place_abroad_in_chinese(trip_engine: diandian.Engine) -> None:
    scene = Scene(id="l", name=text("L", "L"), scene_types=("trip",), place=resolve_place("伦敦，英国"))
    assert scene.region == "GB"
