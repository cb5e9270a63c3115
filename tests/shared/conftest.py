"""Engines over a small ``trip`` scene type that only asks the shared travel section."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import diandian
import pytest
from diandian import Questionnaire, Scene, SceneType, text
from diandian.travel import capture_travel, resolve_place, travel_section

TRIP = SceneType(
    name="trip",
    title=text("Trip", "行程"),
    questionnaire=Questionnaire(id="trip", title=text("Trip", "行程"), sections=(travel_section(),)),
)


class TripPlugin:
    @diandian.hookimpl
    def diandian_register_scene_types(self, register: Callable[[SceneType], None]) -> None:
        register(TRIP)

    @diandian.hookimpl
    def diandian_capture_activities(
        self, scene_type: str, answers: Mapping[str, Any], scene: Scene
    ) -> list[diandian.Activity] | None:
        return capture_travel(answers, scene) if scene_type == "trip" else None


@pytest.fixture(scope="session")
def trip_engine() -> diandian.Engine:
    return diandian.Engine(diandian.PluginHost(entrypoints=False, plugins=[("trip", TripPlugin())]))


@pytest.fixture(scope="session")
def chengdu() -> Scene:
    """The summit's own place: Chengdu, where legs without a destination end."""
    return Scene(id="summit", name=text("Summit", "峰会"), scene_types=("trip",), place=resolve_place("成都"))
