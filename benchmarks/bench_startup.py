"""Start-up benchmarks; each figure is printed next to its floor, measured in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--instructions]

1. ``diandian --help`` vs ``python -c pass`` (target <= 3x): the help loads argparse and the
   list of commands, no command module, no plugin and no database library;
2. ``diandian plugins --json`` vs its floor, ``python -c "import attrs, pluggy"`` plus one scan of
   the ``diandian`` entry points (target <= 1.3x): listing plugins loads every plugin through the
   plugin host, but not the platform, no factor table and no database.

``diandian`` is the console script installed beside this interpreter (as a person runs it), or
``python -m diandian.cli`` where there is none. Each command runs in a fresh interpreter, alternating with its floor so that both see the same
machine load. The ratio compares the fastest of ``--runs`` runs (default 15) of each: on a shared
machine the fastest run is the one least disturbed by other work; medians are printed beside it.
``--instructions`` counts the instructions each command executes instead (one run each under
valgrind's callgrind, which must be installed): slower, but the same on a busy machine as on an
idle one, where wall times on a loaded machine stretch unevenly.

The help is drawn by argparse, so ``python -c "import argparse"`` is measured in the same rotation
and printed as a reference (no target): it is the least any argparse command line can cost.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("diandian")
DIANDIAN = [str(_SCRIPT)] if _SCRIPT.is_file() else [PYTHON, "-m", "diandian.cli"]
FLOOR_PLUGINS = (
    "import attrs, pluggy, importlib.metadata as m; [ep.name for ep in m.entry_points(group='diandian')]"
)
PAIRS = {
    "diandian --help": ([*DIANDIAN, "--help"], [PYTHON, "-c", "pass"], 3.0),
    "diandian plugins --json": (
        [*DIANDIAN, "plugins", "--json"],
        [PYTHON, "-c", FLOOR_PLUGINS],
        1.3,
    ),
}
# measured alongside the pair of the same name, reported against that pair's floor
REFERENCES = {"diandian --help": ("import argparse", [PYTHON, "-c", "import argparse"])}


def wall(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def instructions(command: Sequence[str], env: dict[str, str]) -> float:
    """Millions of instructions ``command`` executes, as counted by callgrind."""
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    match = re.search(r"Collected\s*:\s*(\d+)", counted.stderr)
    if match is None:
        raise RuntimeError(f"callgrind printed no instruction count: {counted.stderr[-500:]}")
    return int(match[1]) / 1e6


def measure(
    commands: Sequence[Sequence[str]], runs: int, env: dict[str, str], count: bool
) -> list[list[float]]:
    """Milliseconds of each of ``runs`` runs of every command, taking turns; with ``count``,
    millions of instructions of one run each."""
    for command in commands:
        wall(command, env)  # warm the file cache and write any missing bytecode
    if count:
        return [[instructions(command, env)] for command in commands]
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, figures in zip(commands, times, strict=True):
            figures.append(wall(command, env) * 1000)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="count instructions (callgrind)")
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("DIANDIAN_LOAD_PLUGINS", None)
    os.chdir(Path(__file__).parent)
    unit = "M instr" if args.instructions else "ms"
    failed = False
    for name, (command, floor, target) in PAIRS.items():
        reference = REFERENCES.get(name)
        extra = [reference[1]] if reference else []
        ours, base, *other = measure([command, floor, *extra], args.runs, env, args.instructions)
        ratio = min(ours) / min(base)
        failed |= ratio > target
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(
            f"{name:24} best {min(ours):6.1f} {unit} vs floor {min(base):6.1f} {unit}: {ratio:4.2f}x "
            f"(target <= {target}x) {verdict}; medians {statistics.median(ours):.1f} / "
            f"{statistics.median(base):.1f} {unit}"
        )
        if reference:
            (alone,) = other
            print(
                f"{'  ' + reference[0]:24} best {min(alone):6.1f} {unit}: {min(alone) / min(base):4.2f}x "
                f"the floor (reference); median {statistics.median(alone):.1f} {unit}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
