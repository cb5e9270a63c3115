"""Fixtures for the console tests: an accounts service over SQLite or PostgreSQL with a clock
the test moves by hand and a cheap Argon2id hasher (the production parameters cost ~100 ms)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from diandian import db
from diandian.accounts import Accounts
from offsets import conftest as ledger_fixtures

# the same SQLite / PostgreSQL parametrisation as the ledger's tests
url = ledger_fixtures.url
pg_url = ledger_fixtures.pg_url
Clock = ledger_fixtures.Clock

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(url: str, clock: Clock) -> Accounts:
    service = Accounts(db.connect(url), hasher=FAST_HASHER, clock=clock)
    service.init()
    return service


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Any]:
    """A platform on a SQLite file with the demo catalogue loaded (see ``webkit.make_platform``)."""
    from .webkit import make_platform

    made = make_platform(tmp_path)
    yield made
    made.close()
