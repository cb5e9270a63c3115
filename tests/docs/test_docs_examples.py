"""Every ```python block of every documentation page runs (see docblocks.py for the rules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .docblocks import DOCS, Block, blocks, pages, python_blocks

RUNNABLE = [page for page in pages() if python_blocks(page)]


def file_or_code(page: Path) -> list[Block]:
    """In page order: every titled block (a file of the example, any language) and every python block."""
    return [b for b in blocks(page) if b.title is not None or b.language == "python"]


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    modules = set(sys.modules)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    try:
        for block in file_or_code(page):
            if block.skip:
                continue
            if block.title is not None:
                target = tmp_path / block.title
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.code, encoding="utf-8")
                continue
            exec(compile(block.source(), str(page), "exec"), namespace)
    finally:
        # modules a page imported from its working folder (its example plugin) go with it
        for name in set(sys.modules) - modules:
            origin = getattr(sys.modules[name], "__file__", None) or ""
            if origin.startswith(str(tmp_path)):
                del sys.modules[name]


def test_skips_are_rare() -> None:
    skipped = [(b.page.name, b.line) for page in pages() for b in python_blocks(page) if b.skip]
    assert len(skipped) <= 5, f"too many skipped examples (network or server only): {skipped}"


def test_the_runner_sees_the_pages() -> None:
    names = {str(p.relative_to(DOCS)) for p in RUNNABLE}
    assert {"quickstart.md", "integrators.md", "plugins/hooks.md"} <= names
