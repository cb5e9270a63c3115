"""``diandian new-plugin`` gives a package that installs with pip, is listed, computes its example,
and whose own generated tests (the conformance kit included) pass as written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from diandian.scaffold import PluginNames
from diandian.testing import run_cli


def diandian(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "diandian", *args], env=env, cwd=cwd, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("new") / "diandian-karaoke-bar"
    diandian(
        "new-plugin", "karaoke-bar", "--title", "Karaoke bar", "--title-zh", "卡拉OK厅", cwd=where.parent
    )
    return where


def test_it_writes_a_whole_package(scaffolded: Path) -> None:
    files = sorted(str(p.relative_to(scaffolded)) for p in scaffolded.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "diandian_karaoke_bar/__init__.py",
        "diandian_karaoke_bar/capture.py",
        "diandian_karaoke_bar/factors.csv",
        "diandian_karaoke_bar/questionnaire.py",
        "pyproject.toml",
        "tests/test_diandian_karaoke_bar.py",
    ]
    assert 'karaoke_bar = "diandian_karaoke_bar"' in (scaffolded / "pyproject.toml").read_text()


def test_installed_with_pip_it_is_listed_computes_and_its_tests_pass(
    scaffolded: Path, pip_installed: Callable[[Path], Path], tmp_path: Path
) -> None:
    site = pip_installed(scaffolded)
    env = {**os.environ, "PYTHONPATH": str(site), "DIANDIAN_LOAD_PLUGINS": "karaoke_bar"}
    (listed,) = json.loads(diandian("plugins", "--json", env=env))["plugins"]
    assert (listed["name"], listed["distribution"], listed["scene_types"]) == (
        "karaoke_bar",
        "diandian-karaoke-bar",
        ["karaoke_bar"],
    )
    footprint = json.loads(diandian("footprint", "karaoke_bar", "--example", "--json", env=env))
    # 2 visitor-hours x 0.23647 kg (the template's world estimate) = 472.94 g -> 473 g, plus the bus
    assert footprint["lines"][0]["grams"] == 473
    assert [line["activity"] for line in footprint["lines"]] == ["karaoke_bar.visit", "transport.bus"]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(scaffolded / "tests")],
        cwd=tmp_path,  # the package comes from the installation, not from its folder
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


@pytest.mark.parametrize("name", ["9lives", "karaoke bar", "", "x" * 41, "卡拉"])
def test_a_name_that_cannot_be_a_scene_type_is_refused_by_field(name: str, tmp_path: Path) -> None:
    result = run_cli(["new-plugin", name, "-d", str(tmp_path / "out")])
    assert result.exit_code == 2 and "name:" in result.output
    assert not (tmp_path / "out").exists()


def test_it_never_writes_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli(["new-plugin", "stadium", "-d", str(tmp_path)])
    assert result.exit_code == 2 and "directory:" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_names_follow_the_conventions() -> None:
    names = PluginNames.parse("Karaoke-Bar")
    assert (names.name, names.distribution, names.package, names.title_en) == (
        "karaoke_bar",
        "diandian-karaoke-bar",
        "diandian_karaoke_bar",
        "Karaoke bar",
    )


@pytest.mark.parametrize("title", ['Say "hi"', "two\nlines", "back\\slash", " ", "x" * 81])
def test_a_title_that_cannot_go_into_the_code_is_refused_by_field(title: str, tmp_path: Path) -> None:
    result = run_cli(["new-plugin", "stadium", "--title-zh", title, "-d", str(tmp_path / "o")])
    assert result.exit_code == 2 and "title_zh:" in result.output
    assert not (tmp_path / "o").exists()
