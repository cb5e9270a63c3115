"""Fixtures of the API tests: a seeded deployment and its server (see :mod:`.harness`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from offsets.conftest import pg_url  # noqa: F401  (a scratch PostgreSQL database per test)

from .harness import Deployment, Server, seed


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    home = tmp_path_factory.mktemp("api")
    return seed(f"sqlite:///{home / 'diandian.db'}", home)


@pytest.fixture(scope="module")
def server(deployment: Deployment) -> Iterator[Server]:
    running = Server(deployment).start()
    yield running
    running.close()
