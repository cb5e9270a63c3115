"""The tutorial's example plugin really works: installed from its own pyproject's entry points, it
shows up in the plugin host and the CLI, computes its example footprint, and its own tests pass."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import diandian
import pytest
from diandian import PluginHost

from .docblocks import DOCS

EXAMPLE = DOCS / "examples" / "diandian-cinema"


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Path]:
    """The example on sys.path with a dist-info built from its pyproject, as pip would leave it."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text())["project"]
    root = tmp_path / "site"
    shutil.copytree(EXAMPLE / "diandian_cinema", root / "diandian_cinema")
    info = root / f"diandian_cinema-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    )
    entry_points = project["entry-points"]["diandian"]
    lines = "\n".join(f"{name} = {target}" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[diandian]\n{lines}\n")
    sys.path.insert(0, str(root))
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.split(".")[0] == "diandian_cinema"]:
            del sys.modules[name]


def test_it_loads_from_its_entry_point(installed: Path) -> None:
    host = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "cinema"}).load()
    assert host.errors == []
    (info,) = host.plugins()
    assert (info.name, info.distribution, info.version) == ("cinema", "diandian-cinema", "0.1.0")
    assert info.scene_types == ("cinema",)
    engine = diandian.Engine(host)
    example = host.scene_type("cinema").example_answers
    footprint = engine.footprint("cinema", example)
    # 2.0 viewer-hours x 0.23647 kg = 473 g; 0.5 L soda x 0.4933 kg = 247 g; metro 8 km each way
    assert [line.activity.key for line in footprint.lines] == [
        "cinema.screening",
        "cinema.soda",
        "transport.metro",
    ]
    assert footprint.lines[0].grams == 473 and footprint.lines[1].grams == 247


def test_the_cli_lists_it(installed: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed), "DIANDIAN_LOAD_PLUGINS": "cinema"}
    run = subprocess.run(
        [sys.executable, "-m", "diandian", "plugins", "--json"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    listed = json.loads(run.stdout)
    assert [p["name"] for p in listed["plugins"]] == ["cinema"]
    assert listed["plugins"][0]["distribution"] == "diandian-cinema"


def test_its_own_tests_pass() -> None:
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
