"""A cinema scene type for Diandian: screenings, soda and the journey to the cinema."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import diandian
from diandian import Activity, ActivityKind, FactorFile, Scene, SceneType, text
from diandian.travel import capture_travel

from .questionnaire import CUPS, QUESTIONNAIRE

__version__ = "0.1.0"

SCREENING = ActivityKind("cinema.screening", "person.h", "energy", text("Watching a film", "观影"))
SODA = ActivityKind("cinema.soda", "L", "food", text("Soda", "汽水"))


def capture(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """A film-goer's validated answers at ``scene`` -> viewer-hours, litres of soda, the journey."""
    viewer_hours = answers["films"] * answers["hours"]
    activities = [Activity(SCREENING.key, viewer_hours, scene.region, source="films")]
    litres = CUPS[answers["soda"]]
    if litres:
        activities.append(Activity(SODA.key, litres, source="soda"))
    activities.extend(capture_travel(answers, scene))
    return activities


SCENE_TYPE = SceneType(
    name="cinema",
    title=text("Cinema", "电影院"),
    questionnaire=QUESTIONNAIRE,
    description=text(
        "A film-goer's visit: hours in the auditorium, a soda, and the trip there.",
        "观众的一次观影：放映厅内的时长、一杯汽水和往返交通。",
    ),
    example_answers={
        "legs": [{"mode": "metro", "distance_by": "km", "distance_km": 8}],
        "films": 1,
        "soda": "medium",
    },
    activity_kinds=(SCREENING, SODA),
    capture=capture,
    factor_tables=(
        FactorFile(
            Path(__file__).parent / "factors.csv",
            id="cinema.factors",
            version="2024.1",
            title="Cinema screenings and drinks",
        ),
    ),
)

# the plugin's one registration: the scene type carries its questions, capture and factors
diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
