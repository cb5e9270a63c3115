"""Every built-in plugin passes the conformance kit a third party runs (``diandian.testing``).

The built-ins are read from the root pyproject's ``diandian`` entry points, so a plugin added there
is checked without touching this file (fsspec's abstract-suite pattern: one subclass, many plugins).
Each loads beside the core's default plugins only: no built-in needs another one.
"""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest
from diandian.testing import ScenePluginConformance

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["diandian"]


class TestBuiltInPlugins(ScenePluginConformance):
    max_examples = 40

    @pytest.fixture(params=sorted(BUILT_IN))
    def scene_plugin(self, request: pytest.FixtureRequest) -> tuple[str, object]:
        name: str = request.param
        return name, importlib.import_module(BUILT_IN[name])
