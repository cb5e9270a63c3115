"""The site's configuration: every page in the mkdocs.yml nav exists, every page is in the nav."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .docblocks import DOCS, ROOT, pages

NAV_PAGE = re.compile(r"^\s*-\s+(?:[^:\n]+:\s+)?(?P<page>[\w./-]+\.md)\s*$")


def nav_pages() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.partition("\nnav:\n")[2]
    nav = re.split(r"\n(?=\S)", nav, maxsplit=1)[0]  # up to the next top-level key
    return [m["page"] for line in nav.splitlines() if (m := NAV_PAGE.match(line))]


def test_every_nav_page_exists() -> None:
    listed = nav_pages()
    assert len(listed) > 10
    missing = [page for page in listed if not (DOCS / page).is_file()]
    assert not missing, f"pages in the mkdocs.yml nav that do not exist: {missing}"


def test_every_page_is_in_the_nav() -> None:
    listed = set(nav_pages())
    outside = [str(p.relative_to(DOCS)) for p in pages() if str(p.relative_to(DOCS)) not in listed]
    assert not outside, f"pages missing from the mkdocs.yml nav: {outside}"


@pytest.mark.slow
def test_mkdocs_builds_the_site_strictly(tmp_path: Path) -> None:
    """What `mkdocs build --strict` says on a reader's machine: no warning, no broken link."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert (tmp_path / "site" / "plugins" / "tutorial" / "index.html").is_file()
