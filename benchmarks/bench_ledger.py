"""Complete purchase flows per second (quote, reserve, intent, pay, signed callback, allocate)
against the same number of bare one-row INSERT transactions on the same database, in one run.

    python benchmarks/bench_ledger.py [--flows 300] [--postgres postgresql://postgres@127.0.0.1/postgres]

SQLite runs on a WAL file with synchronous=FULL (as the ledger does); PostgreSQL on a
throwaway database that is dropped afterwards (skipped if no server answers).
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from diandian import db
from diandian.offsets import Ledger, Program, Project, ProjectKind, SandboxPayments, buy
from diandian.plugins import PluginHost

BASELINE = sa.Table(
    "bench_baseline",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("note", sa.String(40), nullable=False),
)


def measure(url: str, flows: int) -> tuple[float, float]:
    """(purchase flows per second, bare INSERT transactions per second)."""
    ledger = Ledger(url, host=PluginHost(entrypoints=False).load())
    ledger.init()
    ledger.add_program(Program("CDCER", "bench", "bench"))
    ledger.add_project(
        Project(
            "bench",
            "CDCER",
            "B-1",
            "bench",
            "bench",
            "-",
            "CN",
            "CN-SC",
            "Chengdu",
            ProjectKind.REDUCTION,
            "owner",
            5000,
            "CNY",
        )
    )
    ledger.add_batch(
        project_id="bench",
        serial="CDCER-CN51-BENCH-2024-000001-100000",
        vintage_start=date(2024, 1, 1),
        vintage_end=date(2024, 12, 31),
        acquired_from="bench",
        evidence_sha256="0" * 64,
        batch_id="bench",
    )
    payments = SandboxPayments(ledger.database)
    BASELINE.create(ledger.database, checkfirst=True)
    started = time.perf_counter()
    for i in range(flows):
        buy(ledger, payments, project_id="bench", grams=38_200, idempotency_key=f"bench-{i}")
    purchase = flows / (time.perf_counter() - started)
    started = time.perf_counter()
    for i in range(flows):
        with db.write(ledger.database) as conn:
            conn.execute(BASELINE.insert().values(note=f"row {i}"))
    baseline = flows / (time.perf_counter() - started)
    ledger.database.dispose()
    return purchase, baseline


@contextmanager
def postgres(admin_url: str) -> Iterator[str | None]:
    import psycopg

    name = f"diandian_bench_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        yield None
        return
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(backend: str, purchase: float, baseline: float) -> None:
    print(
        f"{backend:10} purchase flows/s {purchase:8.1f} | bare INSERT transactions/s {baseline:8.1f}"
        f" | ratio {purchase / baseline:.3f} (1 flow = {baseline / purchase:.1f} bare transactions)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report("sqlite", *measure(f"sqlite:///{Path(folder) / 'bench.db'}", args.flows))
    with postgres(args.postgres) as url:
        if url is None:
            print("postgresql skipped: no server reachable")
        else:
            report("postgresql", *measure(url, args.flows))


if __name__ == "__main__":
    main()
