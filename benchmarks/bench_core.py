"""Core SDK benchmarks; each figure is printed next to a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_core.py

1. one hotel footprint through the engine vs the same arithmetic as a bare Python function;
2. 1,000,000 hotel footprints through the columnar path vs the same arithmetic written in NumPy;
3. ``import diandian`` + loading every plugin vs ``python -c pass`` (fresh interpreters).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable

import diandian
import numpy as np


def median_per_call(function: Callable[[], object], number: int, repeat: int = 15) -> float:
    times = timeit.repeat(function, number=number, repeat=repeat)
    return statistics.median(times) / number


def one_footprint(engine: diandian.Engine) -> tuple[float, float]:
    answers = {"rooms": 1, "nights": 2, "country": "CN"}
    grams_per_room_night = {
        f.region: f.grams for f in engine.factor_set.factors() if f.activity == "lodging.room_night"
    }

    def bare() -> int:
        return math.ceil(
            round(answers["rooms"] * answers["nights"] * grams_per_room_night[answers["country"]], 6)
        )

    assert bare() == engine.footprint("hotel", answers).grams
    return median_per_call(lambda: engine.footprint("hotel", answers), 5000), median_per_call(bare, 50000)


def columnar(engine: diandian.Engine, rows: int = 1_000_000) -> tuple[float, float]:
    rng = np.random.default_rng(1)
    countries = np.array(["CN", "JP", "FR", "GB", "US", "TH", "DE", "AU"])
    columns = {
        "rooms": rng.integers(1, 4, rows),
        "nights": rng.integers(1, 15, rows),
        "country": countries[rng.integers(0, len(countries), rows)],
    }
    table = np.array([engine.factor_set.find("lodging.room_night", str(c)).grams for c in countries])  # type: ignore[union-attr]

    def direct() -> np.ndarray:
        index = np.searchsorted(np.sort(countries), columns["country"])
        per = table[np.argsort(countries)][index]
        return np.ceil(np.round(columns["rooms"] * columns["nights"] * per, 6)).astype(np.int64)

    result = engine.footprint_columns("hotel", columns)
    assert np.array_equal(result.grams, direct())
    sdk = min(timeit.repeat(lambda: engine.footprint_columns("hotel", columns), number=1, repeat=5))
    numpy = min(timeit.repeat(direct, number=1, repeat=5))
    return sdk, numpy


def startup(runs: int = 20) -> tuple[float, float, float]:
    """Median wall time of fresh interpreters: the SDK with every plugin, the floor, and ``pass``.

    Bytecode caching is left on (as in any installed package) and warmed by a first run; the
    floor is what attrs, pluggy and the entry-point scan cost before any Diandian code runs.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(code: str) -> float:
        subprocess.run([sys.executable, "-c", code], check=True, env=env)  # writes .pyc, warms caches
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    floor = "import attrs, pluggy, importlib.metadata; importlib.metadata.entry_points(group='diandian')"
    return run("import diandian; diandian.get_host()"), run(floor), run("pass")


def main() -> None:
    engine = diandian.Engine()
    sdk, bare = one_footprint(engine)
    print(
        f"one hotel footprint: {sdk * 1e6:.2f} us median per call; bare arithmetic {bare * 1e6:.3f} us "
        f"(ratio {sdk / bare:.0f}x; target <= 10 us)"
    )
    sdk, numpy = columnar(engine)
    print(
        f"1,000,000 hotel footprints, columnar: {sdk * 1e3:.0f} ms; same arithmetic in NumPy {numpy * 1e3:.0f} ms "
        f"(ratio {sdk / numpy:.2f}x; target <= 3x)"
    )
    loaded, floor, bare_python = startup()
    print(
        f"import diandian + load all plugins: {loaded * 1e3:.1f} ms; python -c pass {bare_python * 1e3:.1f} ms "
        f"(ratio {loaded / bare_python:.2f}x; target <= 5x); attrs + pluggy + entry-point scan alone "
        f"{floor * 1e3:.1f} ms ({floor / bare_python:.2f}x)"
    )


if __name__ == "__main__":
    main()
