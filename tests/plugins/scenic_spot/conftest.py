"""Scenes of the scenic-spot tests: Huangshan (Anhui, East China grid), Zhangjiajie (Hunan, Central)."""

from __future__ import annotations

import pytest
from diandian import Scene
from diandian.travel import resolve_place


def spot(city: str) -> Scene:
    return Scene(
        id=f"spot-{city}", name={"en": city}, scene_types=("scenic_spot",), place=resolve_place(city)
    )


@pytest.fixture(scope="session")
def huangshan() -> Scene:
    return spot("Huangshan")


@pytest.fixture(scope="session")
def zhangjiajie() -> Scene:
    return spot("Zhangjiajie")
