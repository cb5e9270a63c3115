"""The glossary of ``sdk_docs/architecture.md`` ("One word, one meaning") names modules that
exist, and each class it names is defined in the module it gives."""

from __future__ import annotations

import re
from pathlib import Path

import diandian

ROOT = Path(diandian.__file__).parent
PAGE = Path(__file__).resolve().parents[2] / "sdk_docs" / "architecture.md"


def _rows() -> list[tuple[str, str, str]]:
    text = PAGE.read_text(encoding="utf-8")
    table = text.split("### One word, one meaning", 1)[1].split("\n\n###", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2].startswith("`"):
            rows.append((cells[0], cells[1], cells[2].strip("`")))
    return rows


def test_every_glossary_word_names_a_module_that_defines_it() -> None:
    rows = _rows()
    assert {"engine", "database", "ledger", "book", "scene", "offset provider", "visitors"} <= {
        word for word, _, _ in rows
    }
    for word, means, where in rows:
        path = ROOT / where
        assert path.exists(), f"{word}: {where} does not exist"
        if path.is_file():
            source = path.read_text(encoding="utf-8")
            for name in re.findall(r"(?<!SQLAlchemy )`([A-Z][A-Za-z]+)`", means.split("(")[0].split(";")[0]):
                assert re.search(rf"^class {name}\b", source, re.M), f"{word}: {name} is not in {where}"
