"""Plugins import only the public API: ``diandian`` and its public building blocks.

The built-in plugins and the docs' cinema example are what a plugin author copies, so neither
may reach into a submodule (``diandian.travel.gazetteer``, ``diandian.scenes``): those can change
without notice. The public blocks declare what they offer in ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PUBLIC = {
    "diandian",
    "diandian.travel",
    "diandian.energy",
    "diandian.food",
    "diandian.spend",
    "diandian.lodging",
}
PACKAGES = sorted(
    [*(REPO / "plugins").glob("*/diandian_*"), REPO / "sdk_docs/examples/diandian-cinema/diandian_cinema"]
)


def imported(package: Path) -> dict[str, str]:
    """Every ``diandian`` module the package's code imports, with the file and line importing it."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                else []
            )
            for name in names:
                if name == "diandian" or name.startswith("diandian."):
                    found.setdefault(name, f"{path.relative_to(package.parent)}:{node.lineno}")
    return found


def test_every_plugin_is_checked() -> None:
    assert {p.name for p in PACKAGES} >= {
        "diandian_conference",
        "diandian_daily_life",
        "diandian_hotel",
        "diandian_restaurant",
        "diandian_retail",
        "diandian_scenic_spot",
        "diandian_cinema",
    }


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_plugins_import_only_the_public_api(package: Path) -> None:
    private = {name: where for name, where in imported(package).items() if name not in PUBLIC}
    assert private == {}, f"{package.name} imports outside the public API: {private}"


def test_the_check_sees_a_private_import(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("from diandian.travel.gazetteer import x\nimport diandian.scenes\n")
    assert set(imported(tmp_path)) == {"diandian.travel.gazetteer", "diandian.scenes"}


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_blocks_declare_what_they_offer(name: str) -> None:
    module = importlib.import_module(name)
    offered = module.__all__
    assert offered and all(hasattr(module, item) for item in offered)
    if name != "diandian":  # the top-level names are documented one by one
        assert f"::: {name}\n" in (REPO / "sdk_docs/api.md").read_text(encoding="utf-8")
