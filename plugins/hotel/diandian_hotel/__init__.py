"""The hotel scene type: a guest's room-nights, with DESNZ 2024 hotel-stay factors per country."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import diandian
from diandian import (
    Activity,
    ActivityColumn,
    ActivityKind,
    Choice,
    DateQuestion,
    FactorTable,
    Number,
    Option,
    Questionnaire,
    Scene,
    SceneType,
    Section,
    text,
    when,
)

__version__ = "1.0.0"

ROOM_NIGHT = ActivityKind(
    "lodging.room_night", "room.night", "lodging", text("Hotel room-nights", "酒店客房间夜")
)

COUNTRIES = {
    "CN": text("China", "中国"),
    "HK": text("Hong Kong, China", "中国香港"),
    "JP": text("Japan", "日本"),
    "KR": text("Korea", "韩国"),
    "SG": text("Singapore", "新加坡"),
    "TH": text("Thailand", "泰国"),
    "VN": text("Vietnam", "越南"),
    "MY": text("Malaysia", "马来西亚"),
    "ID": text("Indonesia", "印度尼西亚"),
    "PH": text("Philippines", "菲律宾"),
    "IN": text("India", "印度"),
    "GB": text("United Kingdom", "英国"),
    "US": text("United States", "美国"),
    "CA": text("Canada", "加拿大"),
    "DE": text("Germany", "德国"),
    "FR": text("France", "法国"),
    "IT": text("Italy", "意大利"),
    "ES": text("Spain", "西班牙"),
    "AE": text("United Arab Emirates", "阿联酋"),
    "AU": text("Australia", "澳大利亚"),
    "OTHER": text("Another country", "其他国家"),
}

QUESTIONNAIRE = Questionnaire(
    id="hotel",
    title=text("Your hotel stay", "您的酒店住宿"),
    version="1",
    sections=(
        Section(
            id="stay",
            title=text("Stay", "住宿"),
            questions=(
                Number(
                    id="rooms",
                    label=text("Rooms", "房间数"),
                    unit="room",
                    minimum=1,
                    maximum=50,
                    warn_above=10,
                    integer=True,
                    default=1,
                    coarse=True,
                ),
                Choice(
                    id="stay_by",
                    label=text("How long", "住宿时长"),
                    options=(
                        Option("nights", text("Number of nights", "晚数")),
                        Option("dates", text("Check-in and check-out dates", "入住与退房日期")),
                    ),
                    default="nights",
                ),
                Number(
                    id="nights",
                    label=text("Nights", "晚数"),
                    help=text("Nights per room", "每间房的入住晚数"),
                    unit="night",
                    minimum=1,
                    maximum=365,
                    warn_above=60,
                    integer=True,
                    required=True,
                    condition=when("stay_by", "nights"),
                    coarse=True,
                ),
                DateQuestion(
                    id="check_in",
                    label=text("Check-in", "入住日期"),
                    required=True,
                    condition=when("stay_by", "dates"),
                ),
                DateQuestion(
                    id="check_out",
                    label=text("Check-out", "退房日期"),
                    required=True,
                    after="check_in",
                    condition=when("stay_by", "dates"),
                ),
                Choice(
                    id="country",
                    label=text("Country of the hotel", "酒店所在国家"),
                    help=text("Leave empty to use the venue's country", "留空则使用场地所在国家"),
                    options=tuple(Option(code, label) for code, label in COUNTRIES.items()),
                    coarse=True,
                ),
            ),
        ),
    ),
)

MAX_NIGHTS_BY_DATES = 365


def room_nights(answers: Mapping[str, Any]) -> int:
    """Rooms times nights, the nights counted from the dates when those were given."""
    if answers.get("stay_by") == "dates":
        nights = (answers["check_out"] - answers["check_in"]).days
        if nights > MAX_NIGHTS_BY_DATES:
            raise diandian.ValidationFailed.single(
                "check_out",
                "above_maximum",
                f"a stay of {nights} nights is longer than {MAX_NIGHTS_BY_DATES}",
            )
    else:
        nights = answers["nights"]
    return int(answers["rooms"]) * int(nights)


def _region(answers: Mapping[str, Any], scene: Scene) -> str | None:
    country = answers.get("country")
    if country == "OTHER":
        return "world"
    return country or scene.region


def _columns(columns: Mapping[str, Any]) -> Sequence[ActivityColumn]:
    return [ActivityColumn(ROOM_NIGHT.key, columns["rooms"] * columns["nights"], columns["country"])]


SCENE_TYPE = SceneType(
    name="hotel",
    title=text("Hotel", "酒店"),
    questionnaire=QUESTIONNAIRE,
    description=text(
        "A guest's stay: rooms x nights in a country, DESNZ 2024 hotel-stay factors.",
        "住客的住宿：房间数 × 晚数，采用英国 DESNZ 2024 酒店住宿排放因子。",
    ),
    example_answers={"rooms": 1, "nights": 2, "country": "CN"},
    activity_kinds=(ROOM_NIGHT,),
    columnar=_columns,
)

_DATA = Path(__file__).parent


@diandian.hookimpl
def diandian_register_scene_types(register: Callable[[SceneType], None]) -> None:
    register(SCENE_TYPE)


@diandian.hookimpl
def diandian_register_factor_tables(
    register: Callable[[FactorTable], None], kinds: Mapping[str, ActivityKind]
) -> None:
    register(
        diandian.load_factor_csv(
            _DATA / "hotel_stay_desnz_2024.csv",
            id="hotel.desnz",
            version="2024.1.1",
            kinds=kinds,
            title="DESNZ 2024 hotel stay, kg CO2e per room per night",
        )
    )


@diandian.hookimpl
def diandian_capture_activities(
    scene_type: str, answers: Mapping[str, Any], scene: Scene
) -> list[Activity] | None:
    if scene_type != "hotel":
        return None
    stay = "check_in" if answers.get("stay_by") == "dates" else "nights"
    return [
        Activity(
            ROOM_NIGHT.key,
            float(room_nights(answers)),
            _region(answers, scene),
            source=stay,
            scene_type="hotel",
        )
    ]
