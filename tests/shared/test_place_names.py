"""Chinese names of gazetteer places: a city's own name, not a nickname or an old name GeoNames
lists beside it, and a name that is a city's own before one that is another place's alternate.

Each value is checked by hand against the GeoNames alternates of cities15000: Jiangyin lists
江阴市, 澄江, 澄江街道 (澄江 is its seat's subdistrict); Yixing 宜兴市, 宜城, 宜城街道; Taicang
lists 城厢, 城厢镇, 太仓, 太仓市; Xinye lists 新野 and 汉城, Seoul lists 首尔, 首尔特别市, 首爾.
"""

from __future__ import annotations

import pytest
from diandian.travel import resolve_place
from diandian.travel.gazetteer import _chinese_name


@pytest.mark.parametrize(
    ("typed", "city", "zh"),
    [
        ("江阴", "Jiangyin", "江阴"),  # was shown as 澄江
        ("Jiangyin", "Jiangyin", "江阴"),
        ("江阴市", "Jiangyin", "江阴"),
        ("宜兴", "Yixing", "宜兴"),  # was shown as 宜城
        ("Taicang", "Taicang", "太仓"),  # was shown as 城厢
        ("汉城", "Seoul", "首尔"),  # Seoul's former Chinese name; resolved to Xinye, Henan
        ("新野", "Xinye", "新野"),
        ("首尔", "Seoul", "首尔"),
        ("三藩市", "San Francisco", "旧金山"),
        ("成都", "Chengdu", "成都"),
    ],
)
def test_a_city_shows_and_answers_to_its_own_chinese_name(typed: str, city: str, zh: str) -> None:
    place = resolve_place(typed)
    assert place.city == city
    assert place.name is not None and place.name["zh-CN"] == zh


def test_how_the_chinese_name_is_chosen_among_alternates() -> None:
    # in China 市 marks the city itself; a town or subdistrict twin marks its seat
    assert _chinese_name(["江阴市", "澄江", "澄江街道"], "CN") == "江阴"
    # a district twin marks the name; a nickname without a twin does not
    assert _chinese_name(["天府", "浦东", "浦东新区"], "CN") == "浦东"
    # Simplified before Traditional
    assert _chinese_name(["崑山", "崑山市", "昆山", "昆山市", "玉山"], "CN") == "昆山"
    # abroad 市 belongs to a translation: Freetown is 弗里敦 (自由市, "free town", is a gloss)
    assert _chinese_name(["弗里敦", "自由市"], "SL") == "弗里敦"
