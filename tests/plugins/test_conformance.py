"""Every built-in plugin passes the conformance kit a third party runs (``diandian.testing``).

The built-ins are read from the root pyproject's ``diandian`` entry points, so a plugin added there
is checked without touching this file (fsspec's abstract-suite pattern: one subclass, many plugins).
"""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest
from diandian.testing import ScenePluginConformance

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["diandian"]
# a conference and a scenic spot count the visitors' hotel nights with the hotel plugin's factors
COMPANIONS = {"conference": ("hotel",), "scenic_spot": ("hotel",)}


class TestBuiltInPlugins(ScenePluginConformance):
    max_examples = 40

    @pytest.fixture(params=sorted(BUILT_IN))
    def scene_plugin(self, request: pytest.FixtureRequest) -> tuple[str, object]:
        name: str = request.param
        return name, importlib.import_module(BUILT_IN[name])

    @pytest.fixture
    def companion_plugins(self, scene_plugin: tuple[str, object]) -> list[tuple[str, object]]:
        return [
            (name, importlib.import_module(BUILT_IN[name])) for name in COMPANIONS.get(scene_plugin[0], ())
        ]
