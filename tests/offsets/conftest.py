"""Fixtures for the offsets tests: one suite over SQLite (a WAL file in tmp_path) and
PostgreSQL (a throwaway database per test, skipped only when no server is reachable)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import diandian
import pytest
from diandian.offsets import Ledger, Program, Project, ProjectKind, SandboxPayments, audit
from diandian.plugins import PluginHost

PG_ADMIN = os.environ.get("DIANDIAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
EVIDENCE = "ab" * 32


def _pg_admin() -> Any:
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN}: {exc}")


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"diandian_test_{secrets.token_hex(6)}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return str(request.getfixturevalue("pg_url"))


class Clock:
    """A clock the test moves by hand; no test waits on real time."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class Paid:
    """Records every ``diandian_order_paid`` notification."""

    def __init__(self) -> None:
        self.orders: list[Any] = []

    @diandian.hookimpl
    def diandian_order_paid(self, order: Any) -> None:
        self.orders.append(order)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def paid() -> Paid:
    return Paid()


PROGRAM = Program("CDCER", "Chengdu carbon-inclusive", "碳惠天府", "")


def project(
    project_id: str = "p1", *, price: int = 5000, currency: str = "CNY", owner: str = "owner-a"
) -> Project:
    return Project(
        project_id,
        "CDCER",
        f"REG-{project_id}",
        f"Test {project_id}",
        f"测试 {project_id}",
        "test",
        "CN",
        "CN-SC",
        "Chengdu",
        ProjectKind.REDUCTION,
        owner,
        price,
        currency,
    )


def add_batch(ledger: Ledger, project_id: str, first: int, last: int, year: int, batch_id: str) -> None:
    ledger.add_batch(
        project_id=project_id,
        serial=f"CDCER-CN51-{project_id.upper()}-{year}-{first:06d}-{last:06d}",
        vintage_start=date(year, 1, 1),
        vintage_end=date(year, 12, 31),
        acquired_from="test issuance",
        evidence_sha256=EVIDENCE,
        batch_id=batch_id,
    )


def make_ledger(url: str, clock: Clock, paid: Paid | None = None) -> Ledger:
    host = PluginHost(entrypoints=False, plugins=[("paid", paid)] if paid else [])
    ledger = Ledger(url, clock=clock, host=host.load())
    ledger.init()
    return ledger


@pytest.fixture
def ledger(url: str, clock: Clock, paid: Paid) -> Iterator[Ledger]:
    """p1: batch b2023 (3 t, vintage 2023) and b2021 (2 t, vintage 2021); p2 (USD) with 1 t."""
    ledger = make_ledger(url, clock, paid)
    ledger.add_program(PROGRAM)
    ledger.add_project(project("p1"))
    ledger.add_project(project("p2", price=900, currency="USD", owner="owner-b"))
    add_batch(ledger, "p1", 101, 103, 2023, "b2023")
    add_batch(ledger, "p1", 1, 2, 2021, "b2021")
    add_batch(ledger, "p2", 1, 1, 2022, "c2022")
    yield ledger
    report = audit(ledger.database)
    assert report.ok, report.breaches
    ledger.database.dispose()


@pytest.fixture
def payments(ledger: Ledger, clock: Clock) -> SandboxPayments:
    return SandboxPayments(ledger.database, clock=clock)
