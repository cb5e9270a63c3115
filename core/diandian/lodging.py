"""A visitor's overnight stay, for scene types that are not a hotel (a conference, a scenic spot).

:func:`stay_section` asks for nights, people sharing the room and the hotel's city;
:func:`capture_stay` turns the answers into ``lodging.room_night`` activities. Their factors come
from the hotel plugin's tables (DESNZ hotel stay by country), through the factor set: a scene
type using this section needs ``diandian_hotel`` installed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .activities import Activity, ActivityKind
from .questionnaire import Condition, Number, PlaceQuestion, Section
from .scenes import Scene
from .text import text
from .travel import resolve_place

ROOM_NIGHT = ActivityKind(
    "lodging.room_night", "room.night", "lodging", text("Hotel room-nights", "酒店客房间夜")
)
MAX_NIGHTS = 365
_STAYING = Condition("nights", truthy=True)


def stay_section(shared: str | None = "stay", *, coarse: bool = True) -> Section:
    """The stay section: ``nights``, ``room_sharers`` and ``hotel_city``.

    ``shared="stay"`` lets a mixed venue of two such scene types ask it once.
    """
    return Section(
        id="stay",
        title=text("Your stay", "住宿"),
        shared=shared,
        questions=(
            Number(
                id="nights",
                label=text("Hotel nights", "酒店住宿晚数"),
                unit="night",
                minimum=0,
                maximum=MAX_NIGHTS,
                warn_above=30,
                integer=True,
                default=0,
                coarse=coarse,
            ),
            Number(
                id="room_sharers",
                label=text("People sharing your room", "同住一间房的人数"),
                help=text(
                    "Including you; the room-nights are divided among you", "包括您本人；间夜数由同住者分摊"
                ),
                unit="person",
                minimum=1,
                maximum=6,
                warn_above=4,
                integer=True,
                default=1,
                condition=_STAYING,
            ),
            PlaceQuestion(
                id="hotel_city",
                label=text("City of your hotel", "酒店所在城市"),
                help=text("Leave empty if it is where the venue is", "若与场地在同一城市可留空"),
                condition=_STAYING,
            ),
        ),
    )


def capture_stay(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """The visitor's share of room-nights, in the hotel's country (else the scene's region)."""
    nights = answers.get("nights", 0)
    if not nights:
        return []
    sharers = answers.get("room_sharers", 1)
    region = scene.region
    if answers.get("hotel_city"):
        region = resolve_place(answers["hotel_city"], path="hotel_city").factor_region
    return [
        Activity(
            ROOM_NIGHT.key,
            nights / sharers,
            region=region,
            source="nights",
            detail={"nights": nights, "room_sharers": sharers},
        )
    ]
