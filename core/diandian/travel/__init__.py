"""Travel, shared by every scene type: trip legs, an offline gazetteer and great-circle distances.

A plugin puts :func:`travel_section` in its questionnaire and turns the answers into activities
with :func:`capture_travel` (or :func:`capture_legs` for legs from elsewhere, such as a booking).
Factors and method: sdk_docs/travel.md.
"""

from __future__ import annotations

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
from .modes import ACTIVITY_KINDS, FLIGHT_UPLIFT, LONG_HAUL_KM, MODES, Mode

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
