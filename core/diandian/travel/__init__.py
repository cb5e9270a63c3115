"""Travel, shared by every scene type: trip legs, an offline gazetteer and great-circle distances.

A plugin puts :func:`travel_section` in its questionnaire and turns the answers into activities
with :func:`capture_travel` (or :func:`capture_legs` for legs from elsewhere, such as a booking).
Factors and method: sdk_docs/travel.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports
from .modes import ACTIVITY_KINDS, FLIGHT_UPLIFT, LONG_HAUL_KM, MODES, Mode

if TYPE_CHECKING:
    from .gazetteer import PlaceSuggestion, place_query, resolve_place, suggest_places
    from .geo import great_circle_km
    from .legs import (
        LEG_QUESTIONS,
        LegsGroup,
        Route,
        capture_legs,
        capture_travel,
        distance_problem,
        leg_questions,
        leg_route,
        travel_section,
    )

# the kinds are registered when plugins load; the gazetteer and the trip-leg questions load on
# first use (public name -> submodule)
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("PlaceSuggestion", "place_query", "resolve_place", "suggest_places"), "gazetteer"),
        "great_circle_km": "geo",
        **dict.fromkeys(
            (
                "LEG_QUESTIONS",
                "LegsGroup",
                "Route",
                "capture_legs",
                "capture_travel",
                "distance_problem",
                "leg_questions",
                "leg_route",
                "travel_section",
            ),
            "legs",
        ),
    },
)

__all__ = [
    "ACTIVITY_KINDS",
    "FLIGHT_UPLIFT",
    "LEG_QUESTIONS",
    "LONG_HAUL_KM",
    "MODES",
    "LegsGroup",
    "Mode",
    "PlaceSuggestion",
    "Route",
    "capture_legs",
    "capture_travel",
    "distance_problem",
    "great_circle_km",
    "leg_questions",
    "leg_route",
    "place_query",
    "resolve_place",
    "suggest_places",
    "travel_section",
]
