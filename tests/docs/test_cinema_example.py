"""The tutorial's example plugin really works as a third party's would: installed with pip from its
own folder, found through its entry point by the plugin host and the CLI, it computes its example,
passes the conformance kit and its own tests, and combines with the built-in restaurant."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import diandian
import pytest
from diandian import Place, PluginHost, Scene, text
from diandian.testing import ScenePluginConformance

from .docblocks import DOCS

EXAMPLE = DOCS / "examples" / "diandian-cinema"


@pytest.fixture
def site(pip_installed: Callable[[Path], Path]) -> Path:
    """The folder pip installed the cinema into (on ``sys.path``; see ``pip_installed``)."""
    return pip_installed(EXAMPLE)


def test_pip_left_a_real_installation(site: Path) -> None:
    (info,) = site.glob("diandian_cinema-*.dist-info")
    assert (info / "RECORD").is_file() and (site / "diandian_cinema" / "factors.csv").is_file()
    assert "cinema = diandian_cinema" in (info / "entry_points.txt").read_text()


def test_it_loads_from_its_entry_point(site: Path) -> None:
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


def test_the_cli_lists_and_computes_it(site: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(site), "DIANDIAN_LOAD_PLUGINS": "cinema"}
    listed = subprocess.run(
        [sys.executable, "-m", "diandian", "plugins", "--json"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    (plugin,) = json.loads(listed.stdout)["plugins"]
    assert (plugin["name"], plugin["distribution"]) == ("cinema", "diandian-cinema")
    computed = subprocess.run(
        [sys.executable, "-m", "diandian", "footprint", "cinema", "--example", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert computed.returncode == 0, computed.stderr
    assert json.loads(computed.stdout)["grams"] == 473 + 247 + 445


def test_it_combines_with_the_built_in_restaurant(site: Path) -> None:
    host = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "cinema,restaurant"}).load()
    engine = diandian.Engine(host)
    scene = Scene(
        id="mall-cinema",
        name=text("Chunxi Road cinema and noodle bar", "春熙路影城与面馆"),
        scene_types=("cinema", "restaurant"),
        place=Place(country="CN", city="Chengdu", region="CN-51"),
    )
    answers = {
        "travel": {"legs": [{"mode": "metro", "distance_by": "km", "distance_km": 8}]},  # asked once
        "cinema": {"films": 1, "soda": "small"},
        "restaurant": {"meals": [{"type": "vegetarian", "count": 1}]},
    }
    footprint = engine.footprint_mixed(scene, answers)
    by_type = {line.activity.key: line.scene_type for line in footprint.lines}
    assert by_type["cinema.screening"] == "cinema" and by_type["food.meal.vegetarian"] == "restaurant"
    assert [key for key in by_type if key.startswith("transport.")] == ["transport.metro"]
    # 1 film x 2.0 h x 0.2683 kg (CN: CN-51 falls back) = 536.6 g -> 537 g
    assert footprint.lines[0].grams == 537
    assert set(footprint.scene_types) == {"cinema", "restaurant"}


def test_its_own_tests_pass_against_the_installed_copy(site: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        cwd=tmp_path,  # not the example's folder: its modules come from the installation
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


class TestCinemaConformance(ScenePluginConformance):
    """The kit, exactly as the cinema's author runs it, against the pip-installed copy."""

    @pytest.fixture
    def scene_plugin(self, site: Path) -> tuple[str, object]:
        module = importlib.import_module("diandian_cinema")
        assert module.__file__ and module.__file__.startswith(str(site))
        return "cinema", module
