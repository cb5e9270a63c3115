"""Start-up benchmarks; each figure is printed next to its floor, measured in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--runs N]

1. ``diandian --help`` vs ``python -c pass`` (target <= 3x): the help loads no plugin and no
   database library, only click and the command modules;
2. ``diandian plugins --json`` vs its floor, ``python -c "import attrs, pluggy"`` plus one scan of
   the ``diandian`` entry points (target <= 1.3x): listing plugins builds a platform and loads
   every plugin, but no factor table and no database.

Each command runs in a fresh interpreter, alternating with its floor so that both see the same
machine load. The ratio compares the fastest of ``--runs`` runs (default 15) of each: on a shared
machine the fastest run is the one least disturbed by other work; medians are printed beside it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PYTHON = sys.executable
FLOOR_PLUGINS = (
    "import attrs, pluggy, importlib.metadata as m; "
    "[ep.name for ep in m.entry_points(group='diandian')]"
)
PAIRS = {
    "diandian --help": ([PYTHON, "-m", "diandian.cli", "--help"], [PYTHON, "-c", "pass"], 3.0),
    "diandian plugins --json": (
        [PYTHON, "-m", "diandian.cli", "plugins", "--json"],
        [PYTHON, "-c", FLOOR_PLUGINS],
        1.3,
    ),
}


def wall(command: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def measure(
    command: Sequence[str], floor: Sequence[str], runs: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    wall(command, env), wall(floor, env)  # warm the file cache
    ours, base = [], []
    for _ in range(runs):
        ours.append(wall(command, env))
        base.append(wall(floor, env))
    return ours, base


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("DIANDIAN_LOAD_PLUGINS", None)
    os.chdir(Path(__file__).parent)
    failed = False
    for name, (command, floor, target) in PAIRS.items():
        ours, base = measure(command, floor, args.runs, env)
        ratio = min(ours) / min(base)
        failed |= ratio > target
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(
            f"{name:24} best {min(ours) * 1000:6.1f} ms vs floor {min(base) * 1000:6.1f} ms: {ratio:4.2f}x "
            f"(target <= {target}x) {verdict}; medians {statistics.median(ours) * 1000:.1f} / "
            f"{statistics.median(base) * 1000:.1f} ms"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
