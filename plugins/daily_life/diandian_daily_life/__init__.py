"""The daily_life scene type: a person's own "life carbon footprint" for a month or a year.

Home electricity (by the grid of the city they live in), natural gas and district heat, shared by
the household; the commute as trip legs repeated on working days; other trips; and diet, as a
profile or as main meals per week by type. Travel, energy and food factors are the SDK's shared
ones (``diandian.travel``, ``diandian.energy``, ``diandian.food``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import diandian
from diandian import SceneType, lazy_exports, text

if TYPE_CHECKING:
    from .activities import capture
    from .diets import DIETS, WEEKS
    from .questionnaire import GAS_KWH_PER_M3, QUESTIONNAIRE

__version__ = "1.0.0"

__all__ = ["DIETS", "GAS_KWH_PER_M3", "QUESTIONNAIRE", "SCENE_TYPE", "WEEKS", "capture"]

# Loading the plugin registers its scene type only; the questionnaire, the capture and the
# diets load on first use (public name -> submodule), so listing plugins stays cheap.
__getattr__ = lazy_exports(
    __name__,
    {
        # not a module named capture: importing it would shadow the function of that name
        "capture": "activities",
        **dict.fromkeys(("DIETS", "WEEKS"), "diets"),
        **dict.fromkeys(("GAS_KWH_PER_M3", "QUESTIONNAIRE"), "questionnaire"),
    },
)

EXAMPLE_ANSWERS: Mapping[str, Any] = {
    "period": "month",
    "home_city": "成都",
    "electricity_kwh": 150,
    "household": 3,
    "gas_amount": 15,
    "commute": [{"mode": "metro", "distance_by": "km", "distance_km": 12}],
    "diet": "omnivore",
}

SCENE_TYPE = SceneType(
    name="daily_life",
    title=text("Daily life", "日常生活"),
    questionnaire="diandian_daily_life.questionnaire:QUESTIONNAIRE",
    description=text(
        "A person's own footprint for a month or a year: home energy, commute, trips and diet.",
        "个人一个月或一年的生活碳足迹：家庭能源、通勤、出行与饮食。",
    ),
    example_answers=EXAMPLE_ANSWERS,
    capture="diandian_daily_life.activities:capture",
)

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
