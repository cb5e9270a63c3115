"""Scenes of the conference tests: a summit in Chengdu (Southwest grid) and one in Shanghai (East)."""

from __future__ import annotations

import datetime as dt

import pytest
from diandian import Scene
from diandian.travel import resolve_place


def summit(city: str) -> Scene:
    return Scene(
        id=f"summit-{city}",
        name={"en": f"Summit in {city}"},
        scene_types=("conference",),
        place=resolve_place(city),
        starts=dt.date(2021, 9, 7),
        ends=dt.date(2021, 9, 8),
        organiser="Summit secretariat",
    )


@pytest.fixture(scope="session")
def chengdu() -> Scene:
    return summit("Chengdu")


@pytest.fixture(scope="session")
def shanghai() -> Scene:
    return summit("Shanghai")
