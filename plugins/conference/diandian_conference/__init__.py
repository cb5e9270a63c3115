"""The conference scene types: each attendee's own footprint, and the organiser's for the event itself.

``conference``: the attendee's trip legs, meals for each day attended, hotel room-nights and, when
the organiser has published it, a share of the event's own footprint. ``conference_organiser``:
venue energy in three data tiers (metered kWh; area x hours x a stated intensity; an estimate per
attendee-day), catering, printed and built materials by mass and waste by stream.

Room-nights use the hotel plugin's DESNZ factors through the factor set, so ``diandian_hotel``
must be installed for attendees with nights. Method and factors: sdk_docs/plugins/conference.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import diandian
from diandian import Activity, ActivityKind, FactorTable, Scene, SceneType, text
from diandian.energy import derived_electricity_factors

from .capture import capture_attendee, capture_organiser
from .kinds import ACTIVITY_KINDS, VENUE_ESTIMATE, VENUE_KWH_METHOD, VENUE_KWH_PER_ATTENDEE_DAY
from .questionnaires import ATTENDEE, ATTENDEE_EXAMPLE, ORGANISER, ORGANISER_EXAMPLE
from .share import attendee_share, organiser_share_factor, with_organiser_share

__version__ = "1.0.0"
__all__ = ["SCENE_TYPES", "attendee_share", "organiser_share_factor", "with_organiser_share"]

SCENE_TYPES = (
    SceneType(
        name="conference",
        title=text("Conference attendee", "会议参会者"),
        questionnaire=ATTENDEE,
        description=text(
            "An attendee's travel, meals, hotel nights and share of the event's own footprint.",
            "参会者的交通、餐饮、酒店住宿，以及分摊的会议自身排放。",
        ),
        example_answers=ATTENDEE_EXAMPLE,
        activity_kinds=ACTIVITY_KINDS,
    ),
    SceneType(
        name="conference_organiser",
        title=text("Conference organiser", "会议主办方"),
        questionnaire=ORGANISER,
        description=text(
            "The event itself: venue energy, catering, printed and built materials, waste.",
            "会议自身：场馆能耗、餐饮、印刷与搭建材料、废弃物。",
        ),
        example_answers=ORGANISER_EXAMPLE,
        activity_kinds=ACTIVITY_KINDS,
    ),
)

_CAPTURE: Mapping[str, Callable[[Mapping[str, Any], Scene], list[Activity]]] = {
    "conference": capture_attendee,
    "conference_organiser": capture_organiser,
}

_DATA = Path(__file__).parent
# (file, table id, version, title)
TABLES = (
    ("materials_desnz_2024.csv", "conference.materials.desnz", "2024.1.1", "DESNZ 2024 material use, per kg"),
    ("waste_desnz_2024.csv", "conference.waste.desnz", "2024.1.1", "DESNZ 2024 waste disposal, per kg"),
)


@diandian.hookimpl
def diandian_register_scene_types(register: Callable[[SceneType], None]) -> None:
    for scene_type in SCENE_TYPES:
        register(scene_type)


@diandian.hookimpl
def diandian_register_factor_tables(
    register: Callable[[FactorTable], None], kinds: Mapping[str, ActivityKind]
) -> None:
    for file, table_id, version, title in TABLES:
        register(
            diandian.load_factor_csv(_DATA / file, id=table_id, version=version, kinds=kinds, title=title)
        )
    register(
        FactorTable(
            id="conference.venue.estimate",
            version="2",
            title="Venue electricity per attendee-day: an estimate times each grid factor",
            factors=derived_electricity_factors(
                VENUE_ESTIMATE,
                VENUE_KWH_PER_ATTENDEE_DAY,
                method=VENUE_KWH_METHOD,
                label=text("Venue electricity per attendee-day (estimate)", "每人每天场馆用电（估算）"),
            ),
        )
    )


@diandian.hookimpl
def diandian_capture_activities(
    scene_type: str, answers: Mapping[str, Any], scene: Scene
) -> list[Activity] | None:
    capture = _CAPTURE.get(scene_type)
    return None if capture is None else capture(answers, scene)
