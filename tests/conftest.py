"""Shared fixtures: engines over exactly the plugins a test wants, and fake distributions."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import diandian
import pytest
from diandian.plugins import PluginHost


@pytest.fixture(scope="session")
def engine() -> diandian.Engine:
    """An engine over every installed plugin, as ``diandian`` on the command line uses."""
    host = PluginHost(environ={}).load()
    return diandian.Engine(host)


@pytest.fixture
def fake_distribution(tmp_path: Path) -> Iterator[object]:
    """Install a throwaway distribution with ``diandian`` entry points onto ``sys.path``.

    Call it with ``{"module_name": "source"}`` and ``{"entry_name": "module_name"}``.
    """
    added: list[str] = []

    def install(name: str, modules: dict[str, str], entry_points: dict[str, str]) -> Path:
        root = tmp_path / name
        root.mkdir()
        for module, source in modules.items():
            (root / f"{module}.py").write_text(textwrap.dedent(source))
        info = root / f"{name}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
        lines = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
        (info / "entry_points.txt").write_text(f"[diandian]\n{lines}\n")
        sys.path.insert(0, str(root))
        added.append(str(root))
        return root

    yield install
    for path in added:
        sys.path.remove(path)
    for module in [m for m in sys.modules if m.startswith("fake_")]:
        del sys.modules[module]
