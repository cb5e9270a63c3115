"""Every shell command shown in sdk_docs/ runs as written.

What counts as a command: every line of a ```bash / ```sh block (a trailing ``\\`` continues it),
and every line after ``$ `` in a ```console block (the lines without ``$`` are its output, not
checked). Each page's commands run in order in one bash process, so ``cd``, ``source`` and
variables carry over, and each must exit 0, or N where the line ends with ``# exits N``.

Where they run: a fresh folder laid out as a checkout of the repository (its files linked, so
``./dev run`` and ``pip install .`` work as from a clone, and whatever the commands write lands
in the folder), with ``HOME`` there too. The quickstart starts with the bare ``PATH`` and must put
``diandian`` on it as it tells the reader; every other page runs as after the quickstart, with
``.venv`` active. pip installs what a page asks for into a folder of the test (``PIP_TARGET``, on
the page's ``sys.path`` as a site folder), without dependencies (they are in ``.venv`` already) and
with ``.venv``'s hatchling, so a page can install a plugin and use it while the test environment
stays as it was. ``<!-- skip-example: why -->`` before a block skips it; skips are few and say why.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest

from .docblocks import DOCS, ROOT, Block, blocks, pages

SHELLS = {"bash", "sh", "shell"}
QUICKSTART = "quickstart.md"
EXITS = re.compile(r"#\s*exits\s+(?P<code>\d+)\s*$")
FAILED = "__command_failed__"
# what a checkout holds that the commands may use; out/, site/ and databases stay behind
CHECKOUT = ("dev", "pyproject.toml", "README.md", "mkdocs.yml", "core", "plugins", "sdk_docs", "tests")


@attrs.frozen
class Command:
    page: Path
    line: int
    text: str

    @property
    def expected(self) -> int:
        match = EXITS.search(self.text)
        return int(match["code"]) if match else 0


def _shown(language: str, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The commands of one block with their line numbers; a trailing backslash continues one."""
    out: list[tuple[int, str]] = []
    continuing = False
    for number, line in lines:
        if continuing:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line)
        elif language == "console" and line.startswith("$ "):
            out.append((number, line[2:]))
        elif language in SHELLS and line.strip() and not line.lstrip().startswith("#"):
            out.append((number, line))
        else:
            continue
        continuing = line.rstrip().endswith("\\")
    return out


def commands(page: Path) -> list[Command]:
    return [
        Command(page, number, line)
        for block in blocks(page)
        if not block.skip and block.title is None and block.language in SHELLS | {"console"}
        for number, line in _shown(block.language, list(enumerate(block.code.splitlines(), block.line)))
    ]


def steps(page: Path) -> list[Command | Block]:
    """In page order: the commands, and the files a page shows whole (a block with a title),
    which a reader following the page writes where they are at that point."""
    out: list[Command | Block] = []
    for block in blocks(page):
        if block.skip:
            continue
        if block.title is not None:
            out.append(block)
        elif block.language in SHELLS | {"console"}:
            lines = list(enumerate(block.code.splitlines(), block.line))
            out.extend(Command(page, number, line) for number, line in _shown(block.language, lines))
    return out


PAGES = [page for page in pages() if commands(page)]


def script(page: Path) -> str:
    """The page's steps as one bash script, each command checked for its expected exit status."""
    parts = []
    for step in steps(page):
        if isinstance(step, Block):
            assert step.title is not None and "__DOCS_EOF__" not in step.code
            parts.append(
                f'mkdir -p "$(dirname {shlex.quote(step.title)})"\n'
                f"cat > {shlex.quote(step.title)} <<'__DOCS_EOF__'\n{step.code}__DOCS_EOF__\n"
            )
            continue
        where = f"{page.relative_to(DOCS) if page.is_relative_to(DOCS) else page.name}:{step.line}"
        parts.append(
            textwrap.dedent(
                f"""\
                printf '%s\\n' {shlex.quote("$ " + step.text)} >&2
                {step.text}
                status=$?
                if [ "$status" -ne {step.expected} ]; then
                  printf '{FAILED} %s: exit %s, expected {step.expected}\\n' {shlex.quote(where)} "$status" >&2
                  exit 97
                fi
                """
            )
        )
    return "\n".join(parts)


def checkout(folder: Path) -> Path:
    """A folder that looks like a fresh clone with ``./dev``'s set-up done (``.venv`` linked)."""
    folder.mkdir()
    for name in CHECKOUT:
        (folder / name).symlink_to(ROOT / name)
    venv = Path(sys.prefix)
    (folder / ".venv").mkdir()
    for entry in venv.iterdir():
        if not entry.name.startswith(".installed-"):
            (folder / ".venv" / entry.name).symlink_to(entry)
    # ./dev's stamp for this pyproject: the environment running this test is installed already
    digest = subprocess.run(
        ["sha256sum", "pyproject.toml"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout[:16]
    (folder / ".venv" / f".installed-{digest}").touch()
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_commands_run_as_written(page: Path, tmp_path: Path) -> None:
    work = checkout(tmp_path / "diandian")
    site = tmp_path / "site"
    site.mkdir()
    # pip --target leaves editable installs as .pth files, which only a site folder reads
    (site / "sitecustomize.py").write_text("import os, site\nsite.addsitedir(os.path.dirname(__file__))\n")
    bare_path = os.environ["PATH"].replace(f"{Path(sys.prefix) / 'bin'}{os.pathsep}", "")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DIANDIAN_", "PIP_", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(
        HOME=str(tmp_path / "home"),
        PATH=bare_path if page.name == QUICKSTART else f"{Path(sys.prefix) / 'bin'}{os.pathsep}{bare_path}",
        PYTHONPATH=str(site),
        PIP_TARGET=str(site),
        PIP_NO_DEPS="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip's spelling of "do not isolate": use .venv's hatchling
        PIP_NO_INDEX="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        NO_MKDOCS_2_WARNING="1",
    )
    run = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script(page)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"{run.stderr[-4000:]}\n--- stdout ---\n{run.stdout[-2000:]}"


def test_the_quickstart_runs_from_a_bare_path() -> None:
    assert (DOCS / QUICKSTART) in PAGES
    first = [c.text for c in commands(DOCS / QUICKSTART)]
    assert first[0].startswith("./dev run"), first


def test_shell_skips_are_few_and_say_why() -> None:
    skipped = [
        (b.page.name, b.line)
        for page in pages()
        for b in blocks(page)
        if b.skip and b.language in SHELLS | {"console"}
    ]
    assert len(skipped) <= 4, f"too many skipped shell blocks: {skipped}"
    for page in pages():
        assert "<!-- skip-example -->" not in page.read_text() or not any(
            b.skip and b.language in SHELLS | {"console"} for b in blocks(page)
        ), f"{page.name}: a skipped shell block says why (<!-- skip-example: why -->)"


def test_a_command_that_fails_or_exits_otherwise_fails_the_page(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ true\n$ sh -c 'exit 2'   # exits 2\n```\n\n"
        '```text title="made.txt"\nhello\n```\n\n```bash\ngrep -q hello made.txt\nfalse\necho never\n```\n'
    )
    assert [(c.text.split()[0], c.expected) for c in commands(page)] == [
        ("true", 0),
        ("sh", 2),
        ("grep", 0),
        ("false", 0),
        ("echo", 0),
    ]
    run = subprocess.run(["bash", "-c", script(page)], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 97 and f"{FAILED} page.md:12: exit 1, expected 0" in run.stderr
    assert "never" not in run.stdout


def test_the_parser_reads_console_and_bash() -> None:
    page = DOCS / "cli.md"
    texts = [c.text for c in commands(page)]
    assert texts and all(not t.startswith("$") for t in texts)
