"""The hotel scene type: a guest's room-nights, breakfasts and laundry, with DESNZ 2024 factors.

Public API for integrators: :class:`Booking` and :func:`footprint_booking` (booking systems),
:class:`HotelMeasurement` (a property's own HCMI-style figures as factor overrides).

What the room-night factor includes: the DESNZ 2024 "Hotel stay" factors are built on hotel
energy data (CHSB), so this plugin assumes they cover the property's energy, its kitchens'
included, but not the food it serves. A breakfast in the rate is therefore its own line
(``lodging.breakfast``), and that line declares ``includes=food.breakfast`` so a restaurant of
the same mixed venue does not count it again. A property whose measured room-night figure does
cover breakfast says so with ``HotelMeasurement(breakfast_in_room_night=True)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import diandian
from diandian import FactorFile, SceneType, lazy_exports, text

from .kinds import BREAKFAST, KINDS, LAUNDRY, MEETING_SPACE, ROOM_NIGHT

if TYPE_CHECKING:
    from .booking import Booking, booking_answers, footprint_booking, room_nights_per_guest
    from .capture import room_nights
    from .measured import HotelMeasurement
    from .questionnaire import COUNTRIES, QUESTIONNAIRE

__version__ = "1.1.0"

# Loading the plugin registers its kinds and scene type only; the integrator API and the
# questionnaire load on first use (public name -> submodule), so listing plugins stays cheap.
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(
            ("Booking", "booking_answers", "footprint_booking", "room_nights_per_guest"), "booking"
        ),
        "room_nights": "capture",
        "HotelMeasurement": "measured",
        **dict.fromkeys(("COUNTRIES", "QUESTIONNAIRE"), "questionnaire"),
    },
)

__all__ = [
    "BREAKFAST",
    "COUNTRIES",
    "LAUNDRY",
    "MEETING_SPACE",
    "QUESTIONNAIRE",
    "ROOM_NIGHT",
    "SCENE_TYPE",
    "Booking",
    "HotelMeasurement",
    "booking_answers",
    "footprint_booking",
    "room_nights",
    "room_nights_per_guest",
]

_HERE = Path(__file__).parent

SCENE_TYPE = SceneType(
    name="hotel",
    title=text("Hotel", "酒店"),
    # import references: imported when a footprint is first computed, not when the plugin loads
    questionnaire="diandian_hotel.questionnaire:QUESTIONNAIRE",
    description=text(
        "A guest's stay: rooms x nights in a country (DESNZ 2024 hotel-stay factors), breakfast "
        "and laundry; a property's own HCMI figures override the defaults.",
        "住客的住宿：房间数 × 晚数（英国 DESNZ 2024 酒店住宿排放因子），含早餐与洗衣；"
        "酒店自测的 HCMI 数据可替代默认因子。",
    ),
    example_answers={"rooms": 1, "nights": 2, "country": "CN"},
    activity_kinds=KINDS,
    capture="diandian_hotel.capture:capture",
    columnar="diandian_hotel.capture:capture_columns",
    factor_tables=(
        FactorFile(
            _HERE / "hotel_services_estimates.csv",
            "hotel.services",
            "2024.1",
            "Hotel breakfast and laundry (estimates, methods stated)",
        ),
    ),
)

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
