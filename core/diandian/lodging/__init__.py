"""Overnight stays, shared by every scene type: the room-night and its factors.

``ROOM_NIGHT`` (``lodging.room_night``, in ``room.night``: a room for a night, however many share
it) and its factors, the DESNZ 2024 hotel-stay table by country (``hotel.desnz``), live here and
are registered by the core, so the hotel, conference and scenic-spot plugins price a stay alike.
For scene types that are not a hotel, :func:`stay_section` asks for nights, people sharing the
room and the hotel's city, and :func:`capture_stay` turns the answers into room-nights unless a
hotel of the same mixed venue counts the stay (:func:`hotel_counts_stay`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..activities import Activity, ActivityKind
from ..text import text

if TYPE_CHECKING:
    from ..questionnaire import Section
    from ..scenes import Scene

# plugins import ROOM_NIGHT when they load: the questions and the gazetteer load where used

ROOM_NIGHT = ActivityKind(
    "lodging.room_night", "room.night", "lodging", text("Hotel room-nights", "酒店客房间夜")
)
MAX_NIGHTS = 365
HOTEL = "hotel"

__all__ = ["MAX_NIGHTS", "ROOM_NIGHT", "capture_stay", "hotel_counts_stay", "stay_section"]


def hotel_counts_stay(scene: Scene) -> bool:
    """Whether a hotel of this (mixed) venue counts the stay, so no other scene type may: a
    resort that is a hotel and a scenic spot asks about the stay once, in the hotel's questions."""
    return HOTEL in scene.scene_types


def stay_section(shared: str | None = "stay", *, coarse: bool = True) -> Section:
    """The stay section: ``nights``, ``room_sharers`` and ``hotel_city``.

    ``shared="stay"`` lets a mixed venue of two such scene types ask it once.
    """
    from ..questionnaire import Condition, Number, PlaceQuestion, Section

    staying = Condition("nights", truthy=True)
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
                condition=staying,
            ),
            PlaceQuestion(
                id="hotel_city",
                label=text("City of your hotel", "酒店所在城市"),
                help=text("Leave empty if it is where the venue is", "若与场地在同一城市可留空"),
                condition=staying,
            ),
        ),
    )


def capture_stay(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """The visitor's share of room-nights (``nights / room_sharers``), in the hotel's country
    (else the scene's region); none when no nights were stayed or :func:`hotel_counts_stay`.

    Raises :class:`~diandian.ValidationFailed` naming ``hotel_city`` for a city not found.
    """
    nights = answers.get("nights", 0)
    if not nights or hotel_counts_stay(scene):
        return []
    sharers = answers.get("room_sharers", 1)
    region = scene.region
    if answers.get("hotel_city"):
        from ..travel import resolve_place

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
