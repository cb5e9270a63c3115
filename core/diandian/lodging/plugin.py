"""The room-night kind and the DESNZ hotel-stay table, registered as a core default plugin.

Every scene type that counts a stay (a hotel, a conference, a scenic spot) prices its room-nights
from this one table, so none of them needs another's plugin installed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..activities import ActivityKind
from ..plugins import hookimpl
from ..scene_types import FactorFile
from . import ROOM_NIGHT

ROOM_NIGHT_TABLE = Path(__file__).parent / "hotel_stay_desnz_2024.csv"


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    register(ROOM_NIGHT)


@hookimpl
def diandian_register_factor_tables(register: Callable[[FactorFile], None]) -> None:
    register(
        FactorFile(
            ROOM_NIGHT_TABLE,
            id="hotel.desnz",
            version="2024.1.1",
            title="DESNZ 2024 hotel stay, kg CO2e per room per night",
        )
    )
