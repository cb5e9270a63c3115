"""How a film-goer's answers become activities; imported on the first footprint, not at plugin load."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diandian import Activity, Scene
from diandian.travel import capture_travel

from . import SCREENING, SODA
from .questionnaire import CUPS


def capture(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """A film-goer's validated answers at ``scene`` -> viewer-hours, litres of soda, the journey."""
    viewer_hours = answers["films"] * answers["hours"]
    activities = [Activity(SCREENING.key, viewer_hours, scene.region, source="films")]
    litres = CUPS[answers["soda"]]
    if litres:
        activities.append(Activity(SODA.key, litres, source="soda"))
    activities.extend(capture_travel(answers, scene))
    return activities
