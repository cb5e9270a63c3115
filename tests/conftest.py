"""Shared fixtures: engines over exactly the plugins a test wants, fake distributions, and the one
headless Chromium that the visitor and console browser tests share (Playwright's sync API allows
one running instance per thread)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
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


@pytest.fixture(scope="session")
def _pip_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Project folder -> the folder pip installed it into, filled by ``pip_installed``."""
    return {}


@pytest.fixture
def pip_installed(
    _pip_sites: dict[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[Path], Path]]:
    """Install a plugin project with real pip (once per project per session); returns its folder.

    ``pip install --target`` builds the project's wheel with its own pyproject (hatchling, as on a
    plugin author's machine) and leaves a ``*.dist-info`` with its entry points. The folder is on
    ``sys.path`` for the requesting test only (pass it as ``PYTHONPATH`` to a subprocess), so the
    test sees the plugin while the virtual environment, and every other test, stay as they are.
    ``--no-build-isolation`` uses the test environment's hatchling (no download), ``--no-deps`` the
    installed diandian.
    """
    added: list[Path] = []

    def install(project: Path) -> Path:
        if project not in _pip_sites:
            target = tmp_path_factory.mktemp(f"site-{project.name}")
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--no-deps",
                    "--no-build-isolation",
                    "--no-index",
                    "--target",
                    str(target),
                    str(project),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert run.returncode == 0, (
                f"pip install {project} failed:\n{run.stdout[-3000:]}{run.stderr[-3000:]}"
            )
            _pip_sites[project] = target
        target = _pip_sites[project]
        if target not in added:
            sys.path.insert(0, str(target))
            added.append(target)
        return target

    yield install
    for target in added:
        sys.path.remove(str(target))
        for name in [
            m
            for m in sys.modules
            if (getattr(sys.modules[m], "__file__", None) or "").startswith(str(target))
        ]:
            del sys.modules[name]


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
