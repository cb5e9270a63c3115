"""The conference scene types: each attendee's own footprint, and the organiser's for the event itself.

``conference``: the attendee's trip legs, meals for each day attended, hotel room-nights and, when
the organiser has published it, a share of the event's own footprint. ``conference_organiser``:
venue energy in three data tiers (metered kWh; area x hours x a stated intensity; an estimate per
attendee-day), catering, printed and built materials by mass and waste by stream.

Room-nights are the shared ones of ``diandian.lodging`` (DESNZ hotel stay by country). Method and
factors: sdk_docs/plugins/conference.md.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import diandian
from diandian import DerivedTable, FactorFile, SceneType, lazy_exports, text
from diandian.energy import derived_electricity_factors

from .kinds import ACTIVITY_KINDS, VENUE_ESTIMATE, VENUE_KWH_METHOD, VENUE_KWH_PER_ATTENDEE_DAY

if TYPE_CHECKING:
    from .share import attendee_share, organiser_share_factor, with_organiser_share

__version__ = "1.0.0"
__all__ = ["SCENE_TYPES", "attendee_share", "organiser_share_factor", "with_organiser_share"]

# Loading the plugin registers its kinds and scene types only; the questionnaires, the capture
# and the organiser-share API load on first use, so listing plugins stays cheap.
__getattr__ = lazy_exports(
    __name__, dict.fromkeys(("attendee_share", "organiser_share_factor", "with_organiser_share"), "share")
)

_HERE = Path(__file__).parent

ATTENDEE_EXAMPLE = {
    "legs": [
        {"mode": "rail_high_speed", "from_place": "Beijing", "to_place": "Chengdu"},
        {"mode": "taxi", "distance_by": "km", "distance_km": 18},
    ],
    "days": 2,
    "meals": [{"type": "average", "count": 3}],
    "nights": 2,
    "hotel_city": "成都",
}

ORGANISER_EXAMPLE = {
    "attendees": 300,
    "days": 2,
    "venue_city": "Chengdu",
    "energy_data": "metered",
    "electricity_kwh": 12_000,
    "catering": [{"type": "average", "count": 600}, {"type": "vegetarian", "count": 300}],
    "materials": [{"material": "paper", "kg": 150}, {"material": "plastic_film", "kg": 40}],
    "waste": [
        {"stream": "food", "route": "composting", "kg": 250},
        {"stream": "general", "route": "landfill", "kg": 180},
    ],
}


SCENE_TYPES = (
    SceneType(
        name="conference",
        title=text("Conference attendee", "会议参会者"),
        questionnaire="diandian_conference.questionnaires:ATTENDEE",
        description=text(
            "An attendee's travel, meals, hotel nights and share of the event's own footprint.",
            "参会者的交通、餐饮、酒店住宿，以及分摊的会议自身排放。",
        ),
        example_answers=ATTENDEE_EXAMPLE,
        activity_kinds=ACTIVITY_KINDS,
        capture="diandian_conference.capture:capture_attendee",
    ),
    SceneType(
        name="conference_organiser",
        title=text("Conference organiser", "会议主办方"),
        questionnaire="diandian_conference.questionnaires:ORGANISER",
        description=text(
            "The event itself: venue energy, catering, printed and built materials, waste.",
            "会议自身：场馆能耗、餐饮、印刷与搭建材料、废弃物。",
        ),
        example_answers=ORGANISER_EXAMPLE,
        activity_kinds=ACTIVITY_KINDS,
        capture="diandian_conference.capture:capture_organiser",
        # the organiser's activities are the ones these tables price
        factor_tables=(
            FactorFile(
                _HERE / "materials_desnz_2024.csv",
                "conference.materials.desnz",
                "2024.1.1",
                "DESNZ 2024 material use, per kg",
            ),
            FactorFile(
                _HERE / "waste_desnz_2024.csv",
                "conference.waste.desnz",
                "2024.1.1",
                "DESNZ 2024 waste disposal, per kg",
            ),
            DerivedTable(
                id="conference.venue.estimate",
                version="2",
                title="Venue electricity per attendee-day: an estimate times each grid factor",
                factors=partial(
                    derived_electricity_factors,
                    VENUE_ESTIMATE,
                    VENUE_KWH_PER_ATTENDEE_DAY,
                    method=VENUE_KWH_METHOD,
                    label=text("Venue electricity per attendee-day (estimate)", "每人每天场馆用电（估算）"),
                ),
            ),
        ),
    ),
)

diandian_register_scene_types = diandian.register_scene_types(*SCENE_TYPES)
