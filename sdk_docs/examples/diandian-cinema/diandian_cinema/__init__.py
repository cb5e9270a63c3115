"""A cinema scene type for Diandian: screenings, soda and the journey to the cinema."""

from __future__ import annotations

from pathlib import Path

import diandian
from diandian import ActivityKind, FactorFile, SceneType, text

__version__ = "0.1.0"

SCREENING = ActivityKind("cinema.screening", "person.h", "energy", text("Watching a film", "观影"))
SODA = ActivityKind("cinema.soda", "L", "food", text("Soda", "汽水"))

SCENE_TYPE = SceneType(
    name="cinema",
    title=text("Cinema", "电影院"),
    # "module:attribute" references, imported when first used: loading the plugin stays cheap
    questionnaire="diandian_cinema.questionnaire:QUESTIONNAIRE",
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
    capture="diandian_cinema.capture:capture",
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
