"""The plugin author's pages say everything a plugin needs, and say it as the code does:

- the tutorial builds exactly the cinema example: the template's files with the tutorial's files
  written over them are the files of ``sdk_docs/examples/diandian-cinema/``;
- the unit tokens listed on the concepts page are the ones ``diandian.units`` accepts;
- every public name of every building block a plugin uses is on the plugin kit page.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from diandian import units
from diandian.scaffold import PluginNames, render_plugin

from .docblocks import DOCS, blocks

EXAMPLE = DOCS / "examples" / "diandian-cinema"
BLOCKS = ("diandian.travel", "diandian.lodging", "diandian.food", "diandian.energy", "diandian.spend")


def test_the_tutorial_builds_the_cinema_example(tmp_path: Path) -> None:
    built = tmp_path / "diandian-cinema"
    render_plugin(PluginNames.parse("cinema", "Cinema", "电影院"), built)
    for block in blocks(DOCS / "plugins" / "tutorial.md"):
        if block.title is not None:
            (built / block.title).write_text(block.code, encoding="utf-8")

    def files(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*"))
            # what running the example's own tests or building it leaves behind is not its source
            if p.is_file()
            and not any(
                part.startswith((".", "__pycache__")) or part.endswith(".egg-info")
                for part in p.relative_to(root).parts
            )
        }

    assert files(built) == files(EXAMPLE)


def _table(page: str, marker: str) -> list[list[str]]:
    text = (DOCS / page).read_text(encoding="utf-8")
    body = text.split(f"<!-- units:{marker} -->")[1].split(f"<!-- /units:{marker} -->")[0]
    rows = [line for line in body.strip().splitlines()[2:] if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_the_counting_nouns_listed_are_the_code_s() -> None:
    listed = {row[0].strip("`") for row in _table("concepts.md", "counts")}
    assert listed == set(units.COUNTS)


def test_the_physical_tokens_listed_are_the_code_s_canonical_first() -> None:
    listed = {row[0]: re.findall(r"`([^`]+)`", row[1]) for row in _table("concepts.md", "physical")}
    by_dimension: dict[str, list[str]] = {}
    for token, (dimension, _) in units._PHYSICAL.items():
        by_dimension.setdefault(dimension, []).append(token)
    assert {d: set(t) for d, t in listed.items()} == {d: set(t) for d, t in by_dimension.items()}
    assert {d: t[0] for d, t in listed.items()} == units.CANONICAL


def _public(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            name
            for name, value in vars(module).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == module_name
        ]
    return [n for n in names if not inspect.ismodule(getattr(module, n))]


@pytest.mark.parametrize("module", BLOCKS)
def test_every_public_helper_is_on_the_kit_page(module: str) -> None:
    page = (DOCS / "plugins" / "kit.md").read_text(encoding="utf-8")
    section = page.split(f"## `{module}`")[1].split("\n## ")[0]
    missing = [name for name in _public(module) if not re.search(rf"`{name}\b", section)]
    assert not missing, f"sdk_docs/plugins/kit.md, section {module}: document {missing}"


def test_every_top_level_name_is_in_the_api_reference() -> None:
    import diandian

    api = (DOCS / "api.md").read_text(encoding="utf-8")
    elsewhere = {
        "NAME": "plugins/hooks.md",  # the entry-point group's name
        "__version__": "api.md",
        "hookimpl": "plugins/hooks.md",
        "Text": "concepts.md",  # a type alias: {"en": ..., "zh-CN": ...}
        "ColumnarFootprint": "integrators.md",  # imported on first use (NumPy)
    }
    missing = [
        name
        for name in diandian.__all__
        if f"::: diandian.{name}\n" not in api
        and not (name in elsewhere and name in (DOCS / elsewhere[name]).read_text(encoding="utf-8"))
    ]
    assert not missing, f"sdk_docs/api.md: add ::: diandian.NAME for {missing}"
