"""Read the fenced code blocks of the documentation pages, as the doc tests run them.

A ```python block runs, each page's blocks in order in one namespace, in a fresh working folder.
A block of any language with a title (```python title="diandian_cinema/__init__.py") is a file
of the example: it is written to that path in the working folder instead of run. A line ``--8<-- "path"`` inside a block is replaced by
that file (pymdownx.snippets, paths from the repository root), so a page can include an example
file that also lives on its own. ``<!-- skip-example -->`` (or ``<!-- skip-example: why -->``) on
the line before a block skips it.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "sdk_docs"
SKIP = "<!-- skip-example"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<info>.*)$")
_TITLE = re.compile(r'title="(?P<title>[^"]+)"')
_SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')


@attrs.frozen
class Block:
    page: Path
    line: int  # line number of the first code line, 1-based
    language: str
    code: str
    title: str | None
    skip: bool

    def source(self) -> str:
        """The code padded with blank lines, so tracebacks point at the Markdown line."""
        return "\n" * (self.line - 1) + self.code


def pages() -> list[Path]:
    """The site's pages (``examples/`` holds example projects, not pages)."""
    return sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "examples")


def _expand(line: str) -> str:
    match = _SNIPPET.match(line)
    if match is None:
        return line
    return (ROOT / match["path"]).read_text(encoding="utf-8").rstrip("\n")


def blocks(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        previous = next((lines[i].strip() for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        body: list[str] = []
        end = index + 1
        while end < len(lines) and lines[end].strip() != fence:
            body.append(lines[end][len(indent) :] if lines[end].startswith(indent) else lines[end])
            end += 1
        words = info.split()
        title = _TITLE.search(info)
        out.append(
            Block(
                page=page,
                line=index + 2,
                language=words[0] if words else "",
                code="\n".join(_expand(line) for line in body) + "\n",
                title=title["title"] if title else None,
                skip=previous.startswith(SKIP) and previous.endswith("-->"),
            )
        )
        index = end + 1
    return out


def python_blocks(page: Path) -> list[Block]:
    return [b for b in blocks(page) if b.language == "python"]
