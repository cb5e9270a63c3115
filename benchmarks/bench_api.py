"""The HTTP API against baselines measured in the same run, on a real server on loopback.

    .venv/bin/python benchmarks/bench_api.py [--seconds 5] [--connections 16]

1. requests per second for ``POST /api/v1/footprints`` (API key checked, request counted
   against its rate limit in the database, a hotel footprint computed) next to the app's empty
   endpoint ``GET /healthz``, same server, same load generator (target: at least half);
2. one footprint over HTTP (the blocking client, keep-alive, loopback) next to the same call
   in-process through the platform, and a quote through the remote offset provider
   (:class:`~diandian.client.RemoteOffsets`) next to the local ledger's;
3. a 20-line POS receipt in-process (``RetailCatalogue.receipt``) next to the same basket as a
   footprint over HTTP.

The server is ``tests/api/server.py`` (uvicorn, one worker, SQLite in WAL mode); the load
generator is an asyncio httpx client in this process, so both share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_plugins import RECEIPT, retail_receipt  # noqa: E402
from diandian.client import Client, RemoteOffsets  # noqa: E402

from tests.api.harness import Server, seed  # noqa: E402

HOTEL = {"scene_type": "hotel", "answers": {"rooms": 1, "nights": 2, "country": "CN"}}


def median_per_call(function: Callable[[], object], number: int, repeat: int = 7) -> float:
    return statistics.median(timeit.repeat(function, number=number, repeat=repeat)) / number


async def _load(
    url: str, method: str, body: Any, headers: dict[str, str], seconds: float, connections: int
) -> float:
    """Requests per second over ``seconds`` with ``connections`` concurrent keep-alive clients."""
    done = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30, headers=headers) as http:
        stop = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < stop:
                response = await http.request(method, url, json=body)
                assert response.status_code == 200, response.text
                done += 1

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
        return done / (time.monotonic() - started)


def throughput(server: Server, key: str, seconds: float, connections: int) -> tuple[float, float]:
    auth = {"Authorization": f"Bearer {key}"}
    asyncio.run(_load(server.url + "/healthz", "GET", None, {}, 1, connections))  # warm up
    empty = asyncio.run(_load(server.url + "/healthz", "GET", None, {}, seconds, connections))
    footprints = asyncio.run(
        _load(server.url + "/api/v1/footprints", "POST", HOTEL, auth, seconds, connections)
    )
    return empty, footprints


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        deployment = seed(f"sqlite:///{home / 'diandian.db'}", home)
        key = deployment.platform.create_api_key(
            "bench", ["footprints", "orders"], rate_per_minute=1_000_000
        ).secret
        server = Server(deployment).start()
        try:
            empty, footprints = throughput(server, key, args.seconds, args.connections)
            print(f"requests/s, {args.connections} connections, {args.seconds:g} s each, one uvicorn worker:")
            print(f"  GET /healthz (empty endpoint):   {empty:8.0f}")
            print(
                f"  POST /api/v1/footprints (hotel): {footprints:8.0f}   ratio {footprints / empty:.2f} (target >= 0.5)"
            )

            platform = deployment.platform
            answers = HOTEL["answers"]
            local = median_per_call(lambda: platform.engine.footprint("hotel", answers), 2_000)
            with Client(server.url, key) as api:
                api.footprint(answers, scene_type="hotel")
                remote = median_per_call(lambda: api.footprint(answers, scene_type="hotel"), 100)
                basket = [{k: v for k, v in line._asdict().items() if v is not None} for line in RECEIPT[:19]]
                basket.append({"category": "paper_goods", "quantity": 1, "grams": 300.0})
                api.footprint({"items": basket}, scene_type="retail")
                remote_basket = median_per_call(
                    lambda: api.footprint({"items": basket}, scene_type="retail"), 100
                )
                project = platform.projects()[0].project_id
                remote_offsets = RemoteOffsets(api)
                local_quote = median_per_call(lambda: platform.quote(project, 38_200), 500)
                remote_quote = median_per_call(lambda: remote_offsets.quote(project, 38_200), 100)
            print("one hotel footprint:")
            print(f"  in-process (engine):      {local * 1e6:8.1f} us")
            print(f"  over HTTP, loopback:      {remote * 1e6:8.1f} us   ratio {remote / local:.0f}x")
            print("a quote for 38.2 kg through the offset provider:")
            print(f"  local ledger (in-process):  {local_quote * 1e6:8.1f} us")
            print(
                f"  remote provider, loopback:  {remote_quote * 1e6:8.1f} us   ratio {remote_quote / local_quote:.0f}x"
            )
            receipt, loop, grams = retail_receipt(platform.engine)
            print(f"a 20-line POS receipt ({grams} g):")
            print(f"  in-process (RetailCatalogue.receipt): {receipt * 1e6:8.1f} us")
            print(
                f"  plain Python loop, same arithmetic:   {loop * 1e6:8.1f} us   ratio {receipt / loop:.1f}x"
            )
            print(
                f"  over HTTP as a basket footprint:      {remote_basket * 1e6:8.1f} us   ratio {remote_basket / receipt:.0f}x"
            )
        finally:
            server.close()


if __name__ == "__main__":
    main()
